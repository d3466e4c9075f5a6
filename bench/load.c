/* Synthetic load for the agent benchmark: N sleeping processes holding F open
 * fds each; the first I of them also hold one inotify instance with 2 watches.
 * Prints "ready" once all are in place, and takes them all down when its
 * stdin closes. Usage: load N F I */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int n = atoi(argv[1]), per = atoi(argv[2]), inotify = atoi(argv[3]);
  pid_t *kids = calloc(n, sizeof *kids);
  int ready[2];
  if (pipe(ready) != 0) return 1;
  for (int i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      close(ready[0]);
      int base = open("/dev/null", O_RDONLY);
      for (int k = 1; k < per; k++) dup(base);
      if (i < inotify) {
        int fd = inotify_init1(0);
        inotify_add_watch(fd, "/tmp", IN_ALL_EVENTS);
        inotify_add_watch(fd, "/proc", IN_ALL_EVENTS);
      }
      if (write(ready[1], "x", 1) != 1) _exit(1);
      close(ready[1]);
      pause();
      _exit(0);
    }
    kids[i] = pid;
  }
  close(ready[1]);
  char c;
  for (int i = 0; i < n; i++) if (read(ready[0], &c, 1) != 1) return 1;
  printf("ready\n");
  fflush(stdout);
  while (read(0, &c, 1) > 0) {}
  for (int i = 0; i < n; i++) kill(kids[i], SIGKILL);
  while (wait(NULL) > 0) {}
  return 0;
}
