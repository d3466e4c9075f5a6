/* Stands in for buildkitd in the agent's tests: carries the build info a
 * release binary does (VERSION and REVISION are baked in at compile time, as
 * BuildKit's -ldflags -X do) and sits there as a process named buildkitd. The
 * agent must read the version without running it: run with --version, it
 * records that it was run (MARK). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The shape of Go's build info for -ldflags; used below so it is kept. */
const char build_info[] = "build\t-ldflags=\"-X github.com/moby/buildkit/version.Version=" VERSION
  " -X github.com/moby/buildkit/version.Revision=" REVISION " -X github.com/moby/buildkit/version.Package=github.com/moby/buildkit\"\n";

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--version") == 0) {
    FILE *f = fopen(MARK, "w");
    if (f) {
      fprintf(f, "%d", (int)getuid());
      fclose(f);
    }
    fputs(build_info, stdout);
    return 0;
  }
  pause();
  return 0;
}
