/* Reference scan for the agent benchmark: the same /proc data the agent reads
 * (status Uid, every fd link, fdinfo of inotify fds, the soft fd limit), in
 * plain C, so the agent's cost can be stated as a ratio to the minimum.
 * Prints one JSON line: per-scan CPU and wall time (median of N), peak RSS. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static char buf[65536];

static ssize_t slurp(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n >= 0) buf[n] = 0;
  return n;
}

struct totals { long procs, fds, instances, watches, skipped; };

static void scan(struct totals *t) {
  char path[512], link[256];
  DIR *proc = opendir("/proc");
  struct dirent *e;
  while ((e = readdir(proc))) {
    if (e->d_name[0] < '1' || e->d_name[0] > '9') continue;
    snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
    if (slurp(path) < 0) { t->skipped++; continue; }
    char *uid = strstr(buf, "\nUid:");
    long euid = -1;
    if (uid) { strtol(uid + 5, &uid, 10); euid = strtol(uid, NULL, 10); }
    (void)euid;
    snprintf(path, sizeof path, "/proc/%s/fd", e->d_name);
    DIR *fds = opendir(path);
    if (!fds) { t->skipped++; continue; }
    struct dirent *f;
    while ((f = readdir(fds))) {
      if (f->d_name[0] == '.') continue;
      t->fds++;
      snprintf(path, sizeof path, "/proc/%s/fd/%s", e->d_name, f->d_name);
      ssize_t n = readlink(path, link, sizeof link - 1);
      if (n < 0) continue;
      link[n] = 0;
      if (strcmp(link, "anon_inode:inotify") != 0 && strcmp(link, "inotify") != 0) continue;
      t->instances++;
      snprintf(path, sizeof path, "/proc/%s/fdinfo/%s", e->d_name, f->d_name);
      if (slurp(path) < 0) continue;
      for (char *p = buf; (p = strstr(p, "inotify ")); p += 8)
        if (p == buf || p[-1] == '\n') t->watches++;
    }
    closedir(fds);
    snprintf(path, sizeof path, "/proc/%s/limits", e->d_name);
    if (slurp(path) >= 0) (void)strstr(buf, "Max open files");
    t->procs++;
  }
  closedir(proc);
}

static double cpu_ms(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static double wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
  int runs = argc > 1 ? atoi(argv[1]) : 5;
  double cpu[64], wall[64];
  struct totals t = {0};
  if (runs > 64) runs = 64;
  for (int i = 0; i < runs; i++) {
    memset(&t, 0, sizeof t);
    double c0 = cpu_ms(), w0 = wall_ms();
    scan(&t);
    cpu[i] = cpu_ms() - c0;
    wall[i] = wall_ms() - w0;
  }
  qsort(cpu, runs, sizeof *cpu, cmp);
  qsort(wall, runs, sizeof *wall, cmp);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("{\"cpuMs\":%.2f,\"wallMs\":%.2f,\"peakRssKb\":%ld,\"processes\":%ld,\"fds\":%ld,\"instances\":%ld,\"watches\":%ld,\"skipped\":%ld}\n",
         cpu[runs / 2], wall[runs / 2], ru.ru_maxrss, t.procs, t.fds, t.instances, t.watches, t.skipped);
  return 0;
}
