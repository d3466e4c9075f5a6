import { UsageError } from './args';

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const ESC = '\u001b';

/** All of stdin, less one final newline: a password piped in (`printf %s "$PW" | headroom user add …`). */
async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  // Two lines (the password and its confirmation, as a terminal asks) would be one password no browser can type.
  if (/[\r\n]/.test(text)) throw new UsageError('a piped password is one line; this input has more (pipe the password once, without a confirmation)');
  return text;
}

/** Lines typed at the terminal in raw mode, so nothing typed is echoed. */
function hiddenLines(): { next(prompt: string): Promise<string>; close(): void } {
  const stdin = process.stdin;
  const lines: string[] = [];
  let typed = '';
  let escape = false;
  let waiting: { resolve(line: string): void; reject(err: Error): void } | null = null;
  const onData = (chunk: string) => {
    for (const ch of chunk) {
      // An arrow or function key is ESC [ … letter: none of it is part of the password.
      if (escape) { escape = !/[A-Za-z~]/.test(ch); continue; }
      if (ch === ESC) escape = true;
      else if (ch === CTRL_C || (ch === CTRL_D && typed === '')) waiting?.reject(new UsageError('cancelled: no user added'));
      else if (ENTER.has(ch) || ch === CTRL_D) { lines.push(typed); typed = ''; }
      else if (ERASE.has(ch)) typed = [...typed].slice(0, -1).join('');
      else if (ch === CTRL_U) typed = '';
      else if (ch >= ' ') typed += ch;
    }
    if (waiting && lines.length) waiting.resolve(lines.shift()!);
  };
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.on('data', onData);
  stdin.resume();
  return {
    next(prompt) {
      process.stderr.write(prompt);
      return new Promise<string>((resolve, reject) => {
        const settle = (fn: () => void) => { waiting = null; process.stderr.write('\n'); fn(); };
        waiting = { resolve: (line) => settle(() => resolve(line)), reject: (err) => settle(() => reject(err)) };
        if (lines.length) waiting.resolve(lines.shift()!);
      });
    },
    close() {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    },
  };
}

/**
 * A new password: at a terminal typed twice without echo (Enter ends it),
 * otherwise read whole from stdin.
 */
export async function readNewPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const terminal = hiddenLines();
  try {
    const first = await terminal.next(`${prompt}: `);
    const again = await terminal.next('the same again: ');
    if (first !== again) throw new UsageError('password: the two entries differ; no user added');
    return first;
  } finally {
    terminal.close();
  }
}
