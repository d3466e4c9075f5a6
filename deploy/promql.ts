// What a PromQL expression reads, by Prometheus' own grammar (the parser its
// web UI uses): the metrics it selects, their label matchers, and the labels
// it groups or matches on.
import { parser } from '@prometheus-io/lezer-promql';

export interface Matcher { label: string; op: string; value: string }
export interface Selector { metric: string; matchers: Matcher[] }
export interface PromqlReads { selectors: Selector[]; groupingLabels: string[]; errors: string[] }

/** Grafana's interval macros stand for durations; its $variables sit in strings, which parse as they are. */
const grafanaMacros = (expr: string) => expr.replace(/\$__(rate_)?interval|\$__range/g, '5m');

export function promqlReads(expression: string): PromqlReads {
  const expr = grafanaMacros(expression);
  const text = (n: { from: number; to: number }) => expr.slice(n.from, n.to);
  const reads: PromqlReads = { selectors: [], groupingLabels: [], errors: [] };
  parser.parse(expr).iterate({
    enter(n) {
      if (n.type.isError) reads.errors.push(`cannot parse at ${n.from}: "${expr.slice(Math.max(0, n.from - 20), n.from + 20)}"`);
      if (n.name === 'VectorSelector') {
        const metric = n.node.getChild('Identifier');
        const matchers = n.node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? [];
        reads.selectors.push({
          metric: metric ? text(metric) : '',
          matchers: matchers.map((m) => ({
            label: text(m.getChild('LabelName')!),
            op: text(m.getChild('MatchOp')!),
            value: JSON.parse(text(m.getChild('StringLiteral')!)) as string,
          })),
        });
      }
      if (n.name === 'GroupingLabels') reads.groupingLabels.push(...n.node.getChildren('LabelName').map(text));
    },
  });
  return reads;
}
