import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';
import { agentBundle } from './testdata/holder';

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

  it('says a token is missing when the server is given (an empty variable, as Compose passes it)', () => {
    expect(() => parseConfig([], { HEADROOM_SERVER: 'http://server:3000', HEADROOM_TOKEN: '' })).toThrow(/^no token: set HEADROOM_TOKEN \(or --token\) to an ingest token/);
  });

  it('trims the token, as a file-made Secret hands it over with its newline', () => {
    expect(parseConfig([], { HEADROOM_SERVER: 'http://s', HEADROOM_TOKEN: 'hr_ingest_abc\n' }).token).toBe('hr_ingest_abc');
  });

  it('takes the host name from HEADROOM_HOST_NAME_FILE when no name is given, and refuses a file it cannot use', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hr-name-'));
    writeFileSync(path.join(dir, 'hostname'), 'docker-box-7\n');
    writeFileSync(path.join(dir, 'empty'), '\n');
    const file = path.join(dir, 'hostname');
    expect(parseConfig(['--print'], { HEADROOM_HOST_NAME_FILE: file }).hostName).toBe('docker-box-7');
    expect(parseConfig(['--print'], { HEADROOM_HOST_NAME_FILE: file, HEADROOM_HOST_NAME: '' }).hostName).toBe('docker-box-7');
    expect(parseConfig(['--print'], { HEADROOM_HOST_NAME_FILE: file, HEADROOM_HOST_NAME: 'named' }).hostName).toBe('named');
    expect(parseConfig(['--print', '--host-name', 'flag'], { HEADROOM_HOST_NAME_FILE: file }).hostName).toBe('flag');
    expect(() => parseConfig(['--print'], { HEADROOM_HOST_NAME_FILE: path.join(dir, 'missing') })).toThrow(/HEADROOM_HOST_NAME_FILE .*missing: cannot read it \(ENOENT\)/);
    expect(() => parseConfig(['--print'], { HEADROOM_HOST_NAME_FILE: path.join(dir, 'empty') })).toThrow(/its first line is empty/);
  });

  it('rejects bad values with a clear message', () => {
    expect(() => parseConfig(['--print', '--interval', '0'], {})).toThrow(/--interval/);
    expect(() => parseConfig(['--print', '--bogus'], {})).toThrow(/^unknown option --bogus$/);
    expect(() => parseConfig(['--server', 'ftp://x', '--token', 't'], {})).toThrow(/http/);
    expect(() => parseConfig(['--print', '--token'], {})).toThrow(/--token needs a value/);
    expect(() => parseConfig(['--token', '--once', '--server', 'http://a'], {})).toThrow(/--token needs a value/);
    expect(() => parseConfig(['--print', '--once=yes'], {})).toThrow(/--once' does not take an argument/);
    expect(() => parseConfig(['--print', 'stray'], {})).toThrow(/Unexpected argument 'stray'/);
    expect(() => parseConfig(['--server', 'http://admin:pw@a', '--token', 't'], {})).toThrow(/must not hold a user or password/);
    expect(() => parseConfig(['--check', '--once', '--server', 'http://a', '--token', 't'], {})).toThrow(/--check runs on its own/);
    expect(() => parseConfig(['--check'], {})).toThrow(/--server and --token are required/);
  });

  it('captures failures unless --no-failure-capture or HEADROOM_FAILURE_CAPTURE=0 says no, with a bounded trace buffer', () => {
    expect(parseConfig(['--print'], {})).toMatchObject({ failureCapture: true, tracefs: undefined, traceBufferKb: 64 });
    expect(parseConfig(['--print', '--no-failure-capture'], {}).failureCapture).toBe(false);
    for (const off of ['0', 'false', 'off', 'NO']) expect(parseConfig(['--print'], { HEADROOM_FAILURE_CAPTURE: off }).failureCapture).toBe(false);
    expect(parseConfig(['--print'], { HEADROOM_FAILURE_CAPTURE: '1', HEADROOM_TRACEFS: '/t', HEADROOM_TRACE_BUFFER_KB: '8' })).toMatchObject({ failureCapture: true, tracefs: '/t', traceBufferKb: 8 });
    expect(() => parseConfig(['--print'], { HEADROOM_TRACE_BUFFER_KB: '1' })).toThrow(/HEADROOM_TRACE_BUFFER_KB/);
    expect(() => parseConfig(['--print'], { HEADROOM_TRACE_BUFFER_KB: '1e9' })).toThrow(/HEADROOM_TRACE_BUFFER_KB/);
  });

  it('refuses a mistyped flag and names the one meant', () => {
    const refused = (...argv: string[]) => { try { parseConfig(argv, { HEADROOM_SERVER: 'http://a', HEADROOM_TOKEN: 't' }); return ''; } catch (e) { return (e as Error).message; } };
    expect(refused('--intervall', '5')).toBe('unknown option --intervall (did you mean --interval?)');
    expect(refused('--sever', 'x')).toBe('unknown option --sever (did you mean --server?)');
    expect(refused('--hostname=web-1')).toBe('unknown option --hostname (did you mean --host-name?)');
    expect(refused('--spool', '/tmp/x')).toBe('unknown option --spool (did you mean --spool-dir?)');
    expect(refused('--labels', 'ci')).toBe('unknown option --labels (did you mean --label?)');
    expect(refused('-x')).toBe('unknown option -x');
    expect(refused('--interval', '5')).toBe('');
  });

  it('the bundled agent exits 2 on a mistyped flag, saying which was meant, and sends nothing', () => {
    const run = (...argv: string[]) => spawnSync(process.execPath, [agentBundle, ...argv], { encoding: 'utf8', env: { ...process.env, HEADROOM_SERVER: 'http://127.0.0.1:9', HEADROOM_TOKEN: 't' } });
    const typo = run('--intervall', '5', '--once');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('headroom-agent: unknown option --intervall (did you mean --interval?)\nheadroom-agent --help lists the flags and their variables.\n');
    expect(run('--sever', 'x').stderr).toContain('did you mean --server?');
    const help = run('--help');
    expect([help.status, help.stdout]).toEqual([0, expect.stringContaining('--spool-dir DIR')]);
  });
});
