import { describe, expect, it } from 'vitest';
import { redactCommand } from './redact';

describe('command lines shown to non-admins', () => {
  it.each([
    ['mysqld --password=hunter2 --port 3306', 'mysqld --password=•••• --port 3306'],
    ['app --db-password hunter2 --verbose', 'app --db-password •••• --verbose'],
    ['curl -H "Authorization: Bearer abc.def" https://x', 'curl -H "Authorization: Bearer •••• https://x'],
    ['worker postgres://app:s3cret@db:5432/app', 'worker postgres://app:••••@db:5432/app'],
    ['env API_KEY=abc123 TOKEN=xyz ./run', 'env API_KEY=•••• TOKEN=•••• ./run'],
    ["agent --token 'hr_ingest_abc' --interval 15", 'agent --token •••• --interval 15'],
    ['java -Djavax.net.ssl.trustStorePassword=changeit -jar app.jar', 'java -Djavax.net.ssl.trustStorePassword=•••• -jar app.jar'],
  ])('%s', (shown, redacted) => {
    expect(redactCommand(shown)).toBe(redacted);
    expect(redactCommand(shown)).not.toMatch(/hunter2|s3cret|abc123|xyz|hr_ingest_abc|changeit|abc\.def/);
  });

  it.each(['/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock', 'node server.js --port 3000', 'kubelet --config=/var/lib/kubelet/config.yaml'])(
    'leaves %s alone', (plain) => expect(redactCommand(plain)).toBe(plain));
});
