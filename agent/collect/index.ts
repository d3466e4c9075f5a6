import { randomUuid } from '../digest';
import type { DaemonInfo, Report } from '../../lib/protocol';
import { PROTOCOL_VERSION } from '../../lib/protocol/version';
import type { AgentConfig } from '../config';
import { AGENT_VERSION } from '../version';
import { FailureCapture } from '../failures/capture';
import { failuresReport } from '../failures/report';
import { buildkitVersion } from './buildkit';
import { byContainerReport, sumByContainer } from './by-container';
import { ContainerNamer } from './container-names';
import { countContainers } from './containers';
import { readCommand } from './details';
import { readHostIdentity } from './host';
import { readFileHandles, readInotifyLimits } from './limits';
import { nsInode, scanProcesses } from './procfs';
import { selectTop, sumByUid } from './select';
import { readUserNames } from './users';
import { chargedUid, namespaceOwners } from './userns';

const daemonNames = new Set<DaemonInfo['name']>(['dockerd', 'containerd', 'buildkitd']);
const isDaemon = (comm: string): comm is DaemonInfo['name'] => daemonNames.has(comm as DaemonInfo['name']);

/** One report from the live kernel state, with the failures `capture` saw since the previous one. */
export async function collect(cfg: AgentConfig, capture: FailureCapture = FailureCapture.oneShot(cfg.procRoot)): Promise<Report> {
  const started = process.hrtime.bigint();
  const root = cfg.procRoot;
  const inotify = readInotifyLimits(root);
  const fds = readFileHandles(root);
  const scan = scanProcesses(root, cfg.fdLinkBudget);
  const names = readUserNames(cfg.passwdPath);
  const owners = namespaceOwners(scan.procs, nsInode(root, 'self'), root);
  const uids = [...sumByUid(scan.procs, (p) => chargedUid(p, owners))]
    .sort((a, b) => b[1].instances - a[1].instances)
    .slice(0, 1000)
    .map(([uid, u]) => ({ uid, user: names.get(uid) ?? null, ...u }));
  const processes = selectTop(scan.procs, cfg.topProcesses).map((p) => ({
    pid: p.pid,
    command: readCommand(p.pid, p.comm, root),
    euid: p.euid,
    fds: p.fds,
    fdLimit: p.fdLimit,
    inotifyInstances: p.inotifyInstances,
    inotifyWatches: p.inotifyWatches,
    containerId: p.container?.id ?? null,
    userNsOwner: owners.get(p.pid) ?? null,
    ...(p.linksDenied ? { inotifyUnreadable: true as const } : {}),
  }));
  const { containers, imageById, namesById } = await countContainers(scan.procs, { dockerSocket: cfg.dockerSocket, cgroupRoot: cfg.cgroupRoot });
  const namer = new ContainerNamer(cfg, namesById);
  const byContainer = byContainerReport(sumByContainer(scan.procs), (c) => namer.name(c.identity, c.sandbox));
  const failures = failuresReport(capture.snapshot(), namer);
  const daemons = scan.procs.filter((p) => isDaemon(p.comm)).slice(0, 200).map((p) => {
    const containerId = p.container?.id ?? null;
    return {
      name: p.comm as DaemonInfo['name'],
      pid: p.pid,
      euid: chargedUid(p, owners),
      fds: p.fds,
      fdLimit: p.fdLimit,
      version: p.comm === 'buildkitd' ? buildkitVersion(p.pid, containerId, imageById, root) : null,
    };
  });
  return {
    protocolVersion: PROTOCOL_VERSION,
    reportId: randomUuid(),
    collectedAt: new Date().toISOString(),
    intervalSeconds: cfg.interval,
    host: { ...readHostIdentity(cfg.hostName, root), agentVersion: AGENT_VERSION, ...(cfg.labels.length ? { labels: cfg.labels } : {}) },
    fds,
    inotify,
    uids,
    processes,
    daemons,
    containers,
    byContainer,
    failures,
    scan: {
      processes: scan.procs.length,
      skipped: scan.skipped,
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      ...(scan.truncated ? { truncated: true } : {}),
    },
  };
}
