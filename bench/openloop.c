/* The cost of failure capture, felt by a program that makes fds as fast as it
 * can: open("/dev/null") and close for SECONDS. Prints loops per second of its
 * own CPU time (what capture adds to each syscall, whatever else the machine
 * runs) and per second of wall time. With "fail", its fd limit is lowered so
 * every open fails with EMFILE. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 5;
  int fail = argc > 2 && !strcmp(argv[2], "fail");
  if (fail) {
    struct rlimit r = { 3, 3 };
    for (int fd = 3; fd < 1024; fd++) close(fd);
    setrlimit(RLIMIT_NOFILE, &r);
  }
  long calls = 0;
  double start = now(), end = start + seconds, t = start;
  while (t < end) {
    for (int i = 0; i < 4096; i++, calls++) {
      int fd = open("/dev/null", O_RDONLY);
      if (fd >= 0) close(fd);
    }
    t = now();
  }
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  double cpu = u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
  printf("%.0f %.0f\n", calls / cpu, calls / (t - start));
  return 0;
}
