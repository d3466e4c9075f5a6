/* Stands in for buildkitd in the agent's tests: answers --version like BuildKit
 * v0.20.0 and records which UID ran it (MARK is baked in at compile time);
 * otherwise it just sits there as a process named buildkitd. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--version") == 0) {
    FILE *f = fopen(MARK, "w");
    if (f) {
      fprintf(f, "%d", (int)getuid());
      fclose(f);
    }
    printf("buildkitd github.com/moby/buildkit v0.20.0 121ecd5b9083b8eef32183cd404dd13e15b4a3ae\n");
    return 0;
  }
  pause();
  return 0;
}
