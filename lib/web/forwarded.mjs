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
 * X-Forwarded-Proto as the app may believe it: a client's own claim of https
 * over plain http would mark the session cookie Secure, and the browser would
 * never send it back. Only a trusted proxy says how the client connected.
 * @param {string | string[] | undefined} header
 * @param {boolean} trustProxy
 * @returns {string | undefined} the header to keep, or none (the server's own protocol)
 */
export function forwardedProto(header, trustProxy) {
  return trustProxy && typeof header === 'string' ? header : undefined;
}

/**
 * The client's address from the header forwardedFor() left. Behind `hops`
 * trusted proxies it is the entry the outermost one appended: the last is the
 * innermost proxy itself, each proxy before it added the one in front, and
 * anything earlier came from the client and may be made up.
 * @param {string} header
 * @param {number} hops
 * @returns {string}
 */
export function clientOf(header, hops) {
  const chain = header.split(',').map((s) => s.trim()).filter(Boolean);
  return (hops > 0 ? chain.at(-1 - hops) ?? chain[0] : chain.at(-1)) ?? 'unknown';
}

/**
 * HEADROOM_TRUST_PROXY as a number of proxies: a yes/no word is one or none,
 * a digit is that many (a CDN or cloud load balancer in front of nginx is 2).
 * @param {string | undefined} v
 * @returns {number}
 */
export function proxyHops(v) {
  const s = (v ?? '').trim().toLowerCase();
  if (/^[0-9]$/.test(s)) return Number(s);
  return envFlag(s) ? 1 : 0;
}

/** @param {string | undefined} v */
export function envFlag(v) {
  return ['1', 'true', 'on', 'yes'].includes((v ?? '').trim().toLowerCase());
}
