// A webhook body of the user's own: JSON with {{placeholders}}, each replaced
// by the alert's value escaped as JSON string content, so a host name with a
// quote cannot break out of the string the user put it in.
export const TEMPLATE_FIELDS = ['subject', 'body', 'host', 'hostId', 'severity', 'event', 'rule', 'summary', 'url', 'at', 'alertId'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const escaped = (v: string) => JSON.stringify(v).slice(1, -1);

export function renderTemplate(template: string, values: Record<TemplateField, string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => escaped(values[name as TemplateField] ?? ''));
}

/** Why a template cannot be used, or null: an unknown placeholder, or not JSON once filled in. */
export function templateProblem(template: string): string | null {
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((n) => !(TEMPLATE_FIELDS as readonly string[]).includes(n));
  if (unknown.length) return `unknown placeholder {{${unknown[0]}}}; the placeholders are ${TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(', ')}`;
  const sample = Object.fromEntries(TEMPLATE_FIELDS.map((f) => [f, 'x"y\n'])) as Record<TemplateField, string>;
  try {
    JSON.parse(renderTemplate(template, sample));
    return null;
  } catch {
    return 'must be JSON once its placeholders are filled in (put each placeholder inside a string: "text": "{{subject}}")';
  }
}
