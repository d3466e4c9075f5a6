/* Makes fd and inotify calls fail for real, one command per stdin line, and
 * stays alive until stdin closes (so the agent can look it up). Compiled as
 * "buildkitd" by the tests, the comm the kernel's trace events carry.
 *   inotify    inotify_init1 until it fails        -> "<errno> <instances made>"
 *   watch      inotify_add_watch until it fails    -> "<errno> <watches made>"
 *   open N     openat until it fails, then N more failing calls -> "<errno> <opened> <failed>"
 *   ok N       N successful openat + close          -> "ok N"
 *   close      close every fd it opened             -> "ok"
 *   pid                                             -> "pid <pid>" */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

static int held[1 << 16];
static int nheld;

static const char *name(int e) {
  return e == EMFILE ? "EMFILE" : e == ENFILE ? "ENFILE" : e == ENOSPC ? "ENOSPC" : strerror(e);
}

int main(void) {
  char line[256], dir[] = "/tmp/hr-failer-XXXXXX";
  while (fgets(line, sizeof line, stdin)) {
    long n = 0;
    char cmd[32] = "";
    sscanf(line, "%31s %ld", cmd, &n);
    if (!strcmp(cmd, "inotify")) {
      int made = 0, fd;
      while ((fd = inotify_init1(0)) >= 0 && nheld < (1 << 16)) { held[nheld++] = fd; made++; }
      printf("%s %d\n", name(errno), made);
    } else if (!strcmp(cmd, "watch")) {
      int fd = inotify_init1(0), made = 0;
      if (fd < 0 || !mkdtemp(dir)) { printf("setup %s\n", strerror(errno)); fflush(stdout); continue; }
      held[nheld++] = fd;
      for (;; made++) {
        char path[64];
        snprintf(path, sizeof path, "%s/w%d", dir, made);
        close(open(path, O_CREAT | O_WRONLY, 0600));
        if (inotify_add_watch(fd, path, IN_ALL_EVENTS) < 0) break;
      }
      printf("%s %d\n", name(errno), made);
    } else if (!strcmp(cmd, "open")) {
      int opened = 0, failed = 0, fd;
      while (nheld < (1 << 16) && (fd = openat(AT_FDCWD, "/dev/null", O_RDONLY)) >= 0) { held[nheld++] = fd; opened++; }
      int e = errno;
      failed = 1;
      for (long i = 0; i < n; i++) if (openat(AT_FDCWD, "/dev/null", O_RDONLY) < 0) failed++;
      printf("%s %d %d\n", name(e), opened, failed);
    } else if (!strcmp(cmd, "ok")) {
      for (long i = 0; i < n; i++) close(openat(AT_FDCWD, "/dev/null", O_RDONLY));
      printf("ok %ld\n", n);
    } else if (!strcmp(cmd, "close")) {
      while (nheld > 0) close(held[--nheld]);
      printf("ok\n");
    } else if (!strcmp(cmd, "pid")) {
      printf("pid %d\n", (int)getpid());
    } else {
      printf("unknown %s\n", cmd);
    }
    fflush(stdout);
  }
  return 0;
}
