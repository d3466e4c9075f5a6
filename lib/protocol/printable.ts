// Zod-free, so the agent bundles it too.

/**
 * Text as one printable line: control characters (terminal escapes, newlines
 * that would forge log or message lines, Unicode line separators) written out
 * as \xNN or \uNNNN.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
