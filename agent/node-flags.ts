// How Node runs the agent wherever it is packaged (the systemd unit, the
// image, the local agent of `headroom serve`): the interpreter alone and a
// young generation of 1 MB. Measured in docs/BENCHMARKS.md: about 5 MB less
// peak memory for a few percent more CPU, which the agent's /proc walk
// (mostly system calls) barely feels. Both are allowed in NODE_OPTIONS, which
// the single executable reads too.
export const AGENT_NODE_OPTIONS = '--jitless --max-semi-space-size=1';
