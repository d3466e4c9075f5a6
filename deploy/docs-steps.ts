// The commands the docs show, read from the docs themselves, so a test checks
// what a reader would type and not a copy of it.

/** The text of a Markdown section, from its heading to the next heading of the same level or above (outside code). */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const level = heading.split(' ')[0]!.length;
  let fenced = false;
  let end = start + 1;
  for (; end < lines.length; end++) {
    if (lines[end]!.startsWith('```')) fenced = !fenced;
    const h = /^(#+) /.exec(lines[end]!);
    if (!fenced && h && h[1]!.length <= level) break;
  }
  return lines.slice(start + 1, end).join('\n');
}

export interface ComposeStep { source: string; line: string; env: Record<string, string>; args: string[] }

/** Every `[VAR=value …] docker compose …` command in `text`: in code, in a backtick span, or after a comment's `#`. */
export function composeSteps(source: string, text: string): ComposeStep[] {
  return [...text.matchAll(/((?:[A-Z_]+=\S+ )*)docker compose ([^`\n)]+)/g)].map((m) => {
    const line = `${m[1]}docker compose ${m[2]!.trim()}`;
    const env = Object.fromEntries(m[1]!.trim().split(/\s+/).filter(Boolean).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
    return { source, line, env, args: m[2]!.trim().split(/\s+/) };
  });
}

/** The fenced code blocks of `text` in the given language, a list item's indent taken off. */
export function codeBlocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp('^( *)```' + lang + '\\n([\\s\\S]*?)^\\1```', 'gm'))]
    .map((m) => m[2]!.split('\n').map((l) => l.slice(m[1]!.length)).join('\n'));
}
