// Loaded first (node --import) into every process `headroom serve` starts, and
// into the CLI itself: a process whose parent is gone, even by SIGKILL, which
// no signal handler sees, stops itself in its own orderly way (SIGTERM)
// instead of serving on as an orphan. Plain JavaScript, so plain node loads it.
const POLL_MS = 500;
// A child that ignores its own SIGTERM is ended anyway, by SIGKILL: process.exit()
// waits for the thread pool, and a read parked there (the agent's trace_pipe) can hold it for good.
const GRACE_MS = 10_000;

const parent = process.ppid;
const timer = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(timer);
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), GRACE_MS).unref();
  process.kill(process.pid, 'SIGTERM');
}, POLL_MS);
timer.unref();
