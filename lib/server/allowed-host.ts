// Which Host header first-run setup and sign-in answer (DNS rebinding: a page
// on an attacker's name, re-pointed at this server, would otherwise reach it
// as a same-origin site). docs/security.md, "Host names", has the rule and why.
import { isIP } from 'node:net';
import os from 'node:os';
import { env, publicUrl, type Env } from './env';
import { AppError } from './errors';

/** The name of a Host header, without its port or an IPv6 address's brackets, lower case. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  const name = h.startsWith('[') ? h.slice(1, h.indexOf(']')) : h.replace(/:\d*$/, '');
  return name.replace(/\.$/, '');
}

const loopback = (name: string) => name === 'localhost' || name.endsWith('.localhost') || name === '::1' || (isIP(name) === 4 && name.startsWith('127.'));

/** HEADROOM_PUBLIC_URL when it names this server: null when unset, or only localhost (Compose's default), which names no server. */
export function namedPublicUrl(e: Env = env()): string | null {
  if (!e.HEADROOM_PUBLIC_URL) return null;
  return loopback(hostName(new URL(publicUrl(e)).host)) ? null : publicUrl(e);
}

/** The machine's own name, with and without its domain. */
function machineNames(): string[] {
  const name = os.hostname().toLowerCase();
  return [name, name.split('.')[0]!];
}

/**
 * Why a request naming `header` as its Host is refused, or null when it is
 * answered: with a public URL, its name, loopback and HEADROOM_ALLOWED_HOSTS;
 * without one, also any IP address and the machine's own name.
 */
export function hostRefusal(header: string | null, e: Env = env()): string | null {
  const name = hostName(header ?? '');
  const extra = e.HEADROOM_ALLOWED_HOSTS;
  if (extra.includes('*') || extra.includes(name) || loopback(name)) return null;
  const own = namedPublicUrl(e);
  if (own) return name === hostName(new URL(own).host) ? null : `this server answers as ${own}: open it there (this request named ${name || 'no host'}; HEADROOM_ALLOWED_HOSTS adds other names)`;
  if (isIP(name) || machineNames().includes(name)) return null;
  return `this server answers by its address, localhost or ${os.hostname()}, not as ${name || 'no host'}: set HEADROOM_PUBLIC_URL (or HEADROOM_ALLOWED_HOSTS) to open it by that name`;
}

/**
 * For setup's and sign-in's actions: a forbidden AppError unless this request's Host, and the
 * X-Forwarded-Host Next.js keeps when it forwards an action between pages, are both answered.
 */
export async function refuseForeignHost(): Promise<void> {
  const h = await (await import('next/headers')).headers();
  const refusal = hostRefusal(h.get('host')) ?? (h.has('x-forwarded-host') ? hostRefusal(h.get('x-forwarded-host')) : null);
  if (refusal) throw new AppError('forbidden', refusal);
}
