// The Host names setup and sign-in answer: the rule itself. Over real HTTP,
// against headroom serve: lib/server/allowed-host.serve.test.ts.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { hostName, hostRefusal, namedPublicUrl } from './allowed-host';
import { parseEnv } from './env';

const answered = (hosts: string[], vars: Record<string, string> = {}) => hosts.filter((h) => hostRefusal(h, parseEnv(vars)) === null);

describe('the Host names setup and sign-in answer', () => {
  it('reads a Host header\'s name: no port, no brackets, lower case, no final dot', () => {
    expect(['Headroom.Example.COM:443', '[::1]:3000', '127.0.0.1:3000', 'example.com.', 'example.com', ''].map(hostName))
      .toEqual(['headroom.example.com', '::1', '127.0.0.1', 'example.com', 'example.com', '']);
  });

  it('with a public URL: its name and loopback only, whatever the port', () => {
    const vars = { HEADROOM_PUBLIC_URL: 'https://headroom.example.com' };
    expect(answered(['headroom.example.com', 'HEADROOM.example.com:3000', 'localhost:3000', '127.0.0.1:3000', '127.8.0.1', '[::1]:3000', 'app.localhost',
      'evil.example', 'headroom.example.com.evil.example', '10.0.0.5:3000', os.hostname(), ''], vars))
      .toEqual(['headroom.example.com', 'HEADROOM.example.com:3000', 'localhost:3000', '127.0.0.1:3000', '127.8.0.1', '[::1]:3000', 'app.localhost']);
    expect(hostRefusal('evil.example:3000', parseEnv(vars))).toBe('this server answers as https://headroom.example.com: open it there (this request named evil.example; HEADROOM_ALLOWED_HOSTS adds other names)');
  });

  it('without one: loopback, any IP address and the machine\'s own name, never another name', () => {
    expect(answered(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', '192.168.1.5:3000', '[fe80::1]:3000', `${os.hostname()}:3000`, 'evil.example:3000', 'rebind.attacker.test', '']))
      .toEqual(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', '192.168.1.5:3000', '[fe80::1]:3000', `${os.hostname()}:3000`]);
    expect(hostRefusal('evil.example:3000', parseEnv({}))).toBe(`this server answers by its address, localhost or ${os.hostname()}, not as evil.example: set HEADROOM_PUBLIC_URL (or HEADROOM_ALLOWED_HOSTS) to open it by that name`);
  });

  it('takes a public URL on localhost (Compose\'s default) as naming no server', () => {
    const vars = { HEADROOM_PUBLIC_URL: 'http://localhost:3000' };
    expect(namedPublicUrl(parseEnv(vars))).toBeNull();
    expect(answered(['192.168.1.5:3000', 'evil.example'], vars)).toEqual(['192.168.1.5:3000']);
    expect(namedPublicUrl(parseEnv({ HEADROOM_PUBLIC_URL: 'https://headroom.example.com/' }))).toBe('https://headroom.example.com');
  });

  it('adds the names HEADROOM_ALLOWED_HOSTS lists; * answers any', () => {
    const vars = { HEADROOM_PUBLIC_URL: 'https://headroom.example.com', HEADROOM_ALLOWED_HOSTS: 'Dashboard.corp. , 10.0.0.5' };
    expect(answered(['dashboard.corp:3000', '10.0.0.5:3000', 'evil.example'], vars)).toEqual(['dashboard.corp:3000', '10.0.0.5:3000']);
    expect(answered(['evil.example'], { HEADROOM_ALLOWED_HOSTS: '*' })).toEqual(['evil.example']);
  });
});
