import 'server-only';
import type { IngestAccepted } from '../protocol';
import { report as reportSchema, type Report } from '../protocol';
import { prepare } from './prepare';
import { getThresholds } from '../settings';
import { ingestQueue } from './queue';
import type { Db } from '../server/db/client';
import { AppError, zodIssues } from '../server/errors';
import { keptAgentLabels, type Principal } from '../access';

// A clock this far ahead is wrong, and would pin the host's "last seen" in the future.
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
// Older than any spool keeps reports (and than raw retention): a broken clock or a replay.
const MAX_AGE_MS = 30 * 86400_000;

/**
 * What the ingest rate limit counts against: one token from one address. The
 * name in the body is the sender's to choose, so keying on it let one token
 * flood with a new name per report; an address is what the connection proves.
 */
export function limiterKey(principal: Principal, address: string): string {
  return `${principal.tokenId}\n${address}`;
}

export function parseReport(body: unknown, now: Date): Report {
  const parsed = reportSchema.safeParse(body);
  if (!parsed.success) throw new AppError('invalid_report', 'the report does not match the protocol', zodIssues(parsed.error.issues));
  if (Date.parse(parsed.data.collectedAt) - now.getTime() > MAX_CLOCK_SKEW_MS) {
    throw new AppError('invalid_report', 'collectedAt is more than 5 minutes in the future: check the host clock',
      [{ path: 'collectedAt', message: 'in the future' }]);
  }
  if (now.getTime() - Date.parse(parsed.data.collectedAt) > MAX_AGE_MS) {
    throw new AppError('invalid_report', 'collectedAt is more than 30 days in the past', [{ path: 'collectedAt', message: 'too old' }]);
  }
  return parsed.data;
}

/**
 * Stores one report: upserts its host, inserts the report once (a resend with
 * the same collection time is a duplicate, not an error) and moves the host's
 * current state forward. Reports arriving together share one transaction
 * (lib/ingest); this resolves once the report's batch has committed.
 */
export async function ingestReport(db: Db, principal: Principal, body: unknown, now = new Date()): Promise<IngestAccepted> {
  const r = parseReport(body, now);
  if (principal.hostName !== null && principal.hostName !== r.host.name) {
    throw new AppError('forbidden', `this token is bound to host "${principal.hostName}", not "${r.host.name}"`);
  }
  if (principal.agentLabels && r.host.labels) {
    r.host.labels = keptAgentLabels(r.host.labels, principal.agentLabels);
  }
  const enrol = { tokenId: principal.tokenId, tokenName: principal.name, maxHosts: principal.maxHosts ?? null };
  return ingestQueue(db).submit(prepare(r, now, await getThresholds(db), enrol));
}
