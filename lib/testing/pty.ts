import { spawn } from 'node:child_process';
import { collect } from './child';

// python3's pty module gives the command a real terminal: what it echoes is
// in the transcript, as a person at the keyboard would see it.
const driver = String.raw`
import json, os, pty, select, sys, time
steps = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
out = b''
def read(until=None, timeout=30):
    global out
    end = time.time() + timeout
    while until is None or until.encode() not in out:
        ready, _, _ = select.select([fd], [], [], max(0, end - time.time()))
        if not ready:
            if until is None: return
            sys.stdout.buffer.write(out)
            sys.exit('pty: no %r within %ss' % (until, timeout))
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return
        if not chunk: return
        out += chunk
for wait, send in steps:
    read(wait)
    os.write(fd, send.encode())
read()
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`;

/** Runs `cmd` on a pseudo-terminal, typing each `send` once its `waitFor` has shown: its exit status, and in stdout the transcript. */
export function runOnTerminal(cmd: string[], steps: { waitFor: string; send: string }[], o: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn('python3', ['-c', driver, JSON.stringify(steps.map((s) => [s.waitFor, s.send])), ...cmd], { ...o, stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(child);
}

