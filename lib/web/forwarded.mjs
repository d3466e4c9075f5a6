// X-Forwarded-For as the app may believe it. Next.js only fills the header in
// when it is absent, so a client could name any address it liked and slip the
// per-address sign-in limit. Unless a trusted proxy sits in front
// (HEADROOM_TRUST_PROXY), the header becomes the connection's peer address;
// behind one, the peer is appended, as a proxy chain would.

/**
 * @param {string | string[] | undefined} header the request's X-Forwarded-For
 * @param {string | undefined} peer the socket's remote address
 * @param {boolean} trustProxy
 * @returns {string}
 */
export function forwardedFor(header, peer, trustProxy) {
  const sent = (Array.isArray(header) ? header.join(',') : header ?? '').trim();
  const self = peer ?? 'unknown';
  return trustProxy && sent ? `${sent}, ${self}` : self;
}

/**
 * The client's address from the header forwardedFor() left. Behind a trusted
 * proxy it is the entry that proxy appended, next to last (the last is the
 * proxy itself): anything before it came from the client and may be made up.
 * @param {string} header
 * @param {boolean} trustProxy
 * @returns {string}
 */
export function clientOf(header, trustProxy) {
  const chain = header.split(',').map((s) => s.trim()).filter(Boolean);
  return (trustProxy ? chain.at(-2) ?? chain.at(-1) : chain.at(-1)) ?? 'unknown';
}

/** @param {string | undefined} v */
export function envFlag(v) {
  return ['1', 'true', 'on', 'yes'].includes((v ?? '').trim().toLowerCase());
}
