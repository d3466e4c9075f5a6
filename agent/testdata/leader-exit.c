/* A process whose main thread exits (pthread_exit) while another thread runs
 * on, holding inotify instances with watches and plain fds: its leader is a
 * zombie with an empty /proc/PID/fd. Prints "ready" once all are open. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/inotify.h>
#include <unistd.h>

static void *worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; i++) {
    int fd = inotify_init1(0);
    inotify_add_watch(fd, "/tmp", IN_CREATE);
    inotify_add_watch(fd, "/", IN_CREATE);
  }
  for (int i = 0; i < 20; i++) open("/dev/null", O_RDONLY);
  printf("ready\n");
  fflush(stdout);
  for (;;) pause();
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_exit(NULL);
}
