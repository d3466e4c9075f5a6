import type { SendOutcome } from './send';
import type { Spool } from './spool';

export interface FlushResult {
  delivered: number;
  rejected: number;
  retry: string | null;
  /** The server asked for a pause (429) this long, in ms: throttling, not an outage. */
  throttled?: number;
  /** What answered is not a Headroom server (SendOutcome's notHeadroom). */
  notHeadroom?: true;
}

/**
 * Sends spooled reports oldest first, removing each once the server has it
 * (its receipt) or refused it for good.
 * Stops at the first retryable failure so order is kept.
 */
export async function flush(spool: Spool, send: (body: string) => Promise<SendOutcome>, log: (msg: string) => void, shouldStop = () => false): Promise<FlushResult> {
  const result: FlushResult = { delivered: 0, rejected: 0, retry: null };
  const oldest = () => {
    try {
      return spool.oldest();
    } catch (err) {
      result.retry = `cannot read the spool: ${(err as Error).message}`;
      return null;
    }
  };
  for (let e = oldest(); e && !shouldStop(); e = oldest()) {
    const outcome = await send(e.body);
    if (outcome.kind === 'retry') {
      result.retry = outcome.message;
      if (outcome.throttled !== undefined) result.throttled = outcome.throttled;
      if (outcome.notHeadroom) result.notHeadroom = true;
      break;
    }
    if (outcome.kind === 'rejected') {
      result.rejected++;
      log(`report #${e.seq} rejected by the server and dropped: ${outcome.message}`);
    } else {
      result.delivered++;
    }
    spool.remove(e.name);
  }
  return result;
}
