import { describe, expect, it } from 'vitest';
import { clientOf, envFlag, forwardedFor, forwardedProto, proxyHops } from './forwarded.mjs';

describe('X-Forwarded-For as the app sees it', () => {
  it('is the peer address when no proxy is trusted, whatever the client claims', () => {
    expect(forwardedFor('203.0.113.9', '198.51.100.7', false)).toBe('198.51.100.7');
    expect(forwardedFor(undefined, '198.51.100.7', false)).toBe('198.51.100.7');
  });
  it('keeps the chain and appends the peer behind a trusted proxy', () => {
    expect(forwardedFor('203.0.113.9', '10.0.0.2', true)).toBe('203.0.113.9, 10.0.0.2');
    expect(forwardedFor(['203.0.113.9', '10.0.0.1'], '10.0.0.2', true)).toBe('203.0.113.9,10.0.0.1, 10.0.0.2');
    expect(forwardedFor('', '10.0.0.2', true)).toBe('10.0.0.2');
  });
  it("takes the client from the trusted proxy's entry, not from what the client sent", () => {
    // nginx's $proxy_add_x_forwarded_for appends the client to whatever it claimed.
    const seen = forwardedFor('6.6.6.6, 203.0.113.9', '10.0.0.2', true);
    expect(clientOf(seen, 1)).toBe('203.0.113.9');
    // A CDN edge (198.51.100.1) in front of nginx: two hops to trust.
    expect(clientOf(forwardedFor('6.6.6.6, 203.0.113.9, 198.51.100.1', '10.0.0.2', true), 2)).toBe('203.0.113.9');
    expect(clientOf(forwardedFor('', '10.0.0.2', true), 1)).toBe('10.0.0.2');
    expect(clientOf(forwardedFor('6.6.6.6', '198.51.100.7', false), 0)).toBe('198.51.100.7');
    expect(clientOf('', 0)).toBe('unknown');
  });
  it('reads HEADROOM_TRUST_PROXY as a number of proxies', () => {
    expect(['', 'false', '0', 'no'].map(proxyHops)).toEqual([0, 0, 0, 0]);
    expect(['true', 'yes', '1', '2', ' 3 '].map(proxyHops)).toEqual([1, 1, 1, 2, 3]);
  });
  it('reads the flag the way the environment schema does', () => {
    expect(['1', 'true', 'on', 'yes', ' YES '].map(envFlag)).toEqual([true, true, true, true, true]);
    expect(['0', 'false', '', undefined].map(envFlag)).toEqual([false, false, false, false]);
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', () => {
    expect(forwardedProto('https', false)).toBeUndefined();
    expect(forwardedProto('https', true)).toBe('https');
    expect(forwardedProto(undefined, true)).toBeUndefined();
  });
});
