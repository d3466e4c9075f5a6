import { tryReadText } from './fsread';

/** UID → user name from /etc/passwd (no NSS: the agent has no dependencies and must not block). */
export function readUserNames(path = '/etc/passwd'): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of (tryReadText(path) ?? '').split('\n')) {
    const [name, , uid] = line.split(':');
    if (name && uid !== undefined && /^\d+$/.test(uid)) names.set(Number(uid), name);
  }
  return names;
}
