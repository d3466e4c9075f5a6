import os from 'node:os';
import { readText, tryReadText } from './fsread';

export interface HostIdentity {
  name: string;
  machineId: string | null;
  kernel: string;
  bootTime: string | null;
}

function bootTime(root: string): string | null {
  const line = tryReadText(`${root}/stat`)?.split('\n').find((l) => l.startsWith('btime '));
  const secs = line ? Number(line.slice(6)) : NaN;
  return Number.isFinite(secs) ? new Date(secs * 1000).toISOString() : null;
}

export function readHostIdentity(nameOverride: string | undefined, root = '/proc'): HostIdentity {
  const machineId = (tryReadText('/etc/machine-id') ?? tryReadText('/var/lib/dbus/machine-id'))?.trim() || null;
  let kernel = os.release();
  try {
    kernel = readText(`${root}/sys/kernel/osrelease`).trim();
  } catch { /* os.release() is the same value */ }
  return { name: nameOverride || os.hostname(), machineId, kernel, bootTime: bootTime(root) };
}
