import 'server-only';
import { trustsAgentLabels } from '../access';
import { report as reportSchema, type Report } from '../protocol';
import type { Db } from '../server/db/client';
import { AppError, assertId } from '../server/errors';
import { hostFiringAlert, hostRowSelect, silenceLabels, toSummary } from './host-summary';
import { getThresholds } from '../settings';

/** One host: its summary, facts and its latest full report (at most a minute older than the summary: lib/ingest/latest-report.ts). */
export async function getHost(db: Db, id: string, now = new Date()) {
  assertId(id, 'host');
  const row = await db.host.findUnique({
    where: { id },
    select: {
      ...hostRowSelect,
      state: { select: { ...hostRowSelect.state.select, collectedAt: true, machineId: true, previousMachineId: true } },
      machineId: true, kernel: true, agentVersion: true, bootTime: true, createdAt: true, enrolledBy: true, latestReport: { select: { report: true } } },
  });
  if (!row) throw new AppError('not_found', 'no such host');
  const parsed = row.latestReport ? reportSchema.safeParse(row.latestReport.report) : null;
  const latest: Report | null = parsed?.success ? parsed.data : null;
  const [thresholds, firing, token] = await Promise.all([
    getThresholds(db), hostFiringAlert(db, id),
    row.enrolledBy ? db.apiToken.findUnique({ where: { id: row.enrolledBy }, select: { agentLabels: true } }) : null,
  ]);
  const agentTrusted = trustsAgentLabels(token?.agentLabels);
  const summary = toSummary(row, now, thresholds, firing);
  return {
    summary,
    // `silence`: those a silence matches (an agent's own only when its token's list names them).
    labels: { agent: row.agentLabels, admin: row.labels, agentTrusted, silence: silenceLabels({ ...row, agentLabelsTrusted: agentTrusted }) },
    facts: { machineId: row.machineId, kernel: row.kernel, agentVersion: row.agentVersion, bootTime: row.bootTime, createdAt: row.createdAt, intervalSeconds: row.intervalSeconds },
    machineChange: summary.machineChanged && row.state?.machineIdChangedAt
      ? { at: row.state.machineIdChangedAt, from: row.state.previousMachineId, to: row.state.machineId }
      : null,
    latest,
    /** When the report behind the summary's figures was collected (the latest full report may be older). */
    summaryAt: row.state?.collectedAt ?? null,
    thresholds,
  };
}
