import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('agent configuration', () => {
  it('takes flags over HEADROOM_* variables', () => {
    const c = parseConfig(['--server', 'http://a:3000/', '--interval=30', '--host-name', 'web-1'], { HEADROOM_SERVER: 'http://b', HEADROOM_TOKEN: 't', HEADROOM_INTERVAL: '5' });
    expect(c).toMatchObject({ server: 'http://a:3000', token: 't', interval: 30, hostName: 'web-1', once: false, print: false });
  });

  it('takes labels from repeated flags or HEADROOM_LABELS, and checks them', () => {
    expect(parseConfig(['--print', '--label', 'ci', '--label=region=eu', '--label', 'ci'], {}).labels).toEqual(['ci', 'region=eu']);
    expect(parseConfig(['--print'], { HEADROOM_LABELS: 'k8s-node, gpu' }).labels).toEqual(['k8s-node', 'gpu']);
    expect(() => parseConfig(['--print', '--label', 'has space'], {})).toThrow(/not "name" or "name=value"/);
  });

  it('needs a server and a token unless it only prints', () => {
    expect(() => parseConfig([], {})).toThrow(ConfigError);
    expect(parseConfig(['--print'], {})).toMatchObject({ print: true, once: true });
  });

  it('rejects bad values with a clear message', () => {
    expect(() => parseConfig(['--print', '--interval', '0'], {})).toThrow(/--interval/);
    expect(() => parseConfig(['--print', '--bogus'], {})).toThrow(/unknown option --bogus/);
    expect(() => parseConfig(['--server', 'ftp://x', '--token', 't'], {})).toThrow(/http/);
    expect(() => parseConfig(['--print', '--token'], {})).toThrow(/needs a value/);
  });
});
