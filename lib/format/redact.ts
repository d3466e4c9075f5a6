// Command lines can carry secrets (`--password=…`, `token=…`, a URL with its
// credentials): shown whole only to admins, with the secret parts masked for others.
const MASK = '••••';
const secretWord = '(?:pass(?:word|wd|phrase)?|secret|token|api[-_]?key|access[-_]?key|auth|credentials?|private[-_]?key)';

const rules: [RegExp, string][] = [
  // scheme://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${MASK}@`],
  // --password=x, password=x, PGPASSWORD=x, api_key:x
  [new RegExp(`((?:^|[\\s"'])-{0,2}[\\w.-]*${secretWord}[\\w.-]*[=:])("[^"]*"|'[^']*'|\\S+)`, 'gi'), `$1${MASK}`],
  // --password x, -p x after a secret-named flag
  [new RegExp(`((?:^|\\s)-{1,2}[\\w.-]*${secretWord}[\\w.-]*\\s+)(?!-)("[^"]*"|'[^']*'|\\S+)`, 'gi'), `$1${MASK}`],
  // Authorization: Bearer x
  [/(\bbearer\s+)\S+/gi, `$1${MASK}`],
];

/** The command line with secret-looking values masked. */
export function redactCommand(command: string): string {
  return rules.reduce((text, [re, to]) => text.replace(re, to), command);
}
