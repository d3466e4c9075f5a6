import 'server-only';
import { inTransaction, type Tx } from '../server/db/client';
import { AppError, assertId } from '../server/errors';

/** Acknowledge: someone owns it. Stops repeats and further notifications; the alert stays visible. */
export async function acknowledgeAlert(db: Tx, id: string, by: string, note: string | null, now = new Date()) {
  assertId(id, 'alert');
  return inTransaction(db, async (tx) => {
    const alert = await tx.alert.findUnique({ where: { id } });
    if (!alert) throw new AppError('not_found', 'no such alert');
    if (alert.state === 'resolved') throw new AppError('bad_request', 'this alert is resolved');
    if (alert.acknowledgedAt) return alert;
    await tx.alertEvent.create({ data: { alertId: id, hostId: alert.hostId, at: now, kind: 'acknowledged', severity: alert.severity, value: alert.value, note: note ?? `by ${by}` } });
    return tx.alert.update({ where: { id }, data: { acknowledgedAt: now, acknowledgedBy: by, ackNote: note } });
  });
}
