// What the delivery log says about a failed send: a status and a classified
// reason, never the receiver's own words (viewers and read tokens see the log).
import { SecretKeyError } from './config';
import { RefusedDestination } from './destination';

const byCode: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  ESOCKETTIMEDOUT: 'timed out',
  ENOTFOUND: 'name not found',
  EAI_AGAIN: 'name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPROTO: 'TLS handshake failed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: certificate not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: certificate not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: certificate not trusted',
  CERT_HAS_EXPIRED: 'TLS: certificate expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: certificate is for another name',
  EAUTH: 'SMTP: authentication failed',
  EENVELOPE: 'SMTP: sender or recipients refused',
  ETLS: 'TLS handshake failed',
};

interface SendError { message?: string; code?: string; status?: number; responseCode?: number; cause?: { code?: string } }

/** One short line for the delivery log. */
export function failureText(thrown: unknown): string {
  if (thrown instanceof RefusedDestination || thrown instanceof SecretKeyError) return thrown.message;
  const err = (thrown ?? {}) as SendError;
  if (err.message === 'channel disabled') return 'channel disabled';
  if (typeof err.status === 'number') return `HTTP ${err.status}`;
  const code = err.code ?? err.cause?.code;
  const known = code ? byCode[code] : undefined;
  if (known) return known;
  if (typeof err.responseCode === 'number') return `SMTP ${err.responseCode}`;
  return `failed${code ? ` (${code})` : ''}: the server log has the details`;
}
