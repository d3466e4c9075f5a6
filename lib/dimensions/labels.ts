import type { DimensionKey } from '../protocol';

export const dimensionLabels: Record<DimensionKey, { title: string; short: string; help: string }> = {
  inotifyInstances: { title: 'inotify instances', short: 'Instances', help: 'worst UID against fs.inotify.max_user_instances' },
  inotifyWatches: { title: 'inotify watches', short: 'Watches', help: 'worst UID against fs.inotify.max_user_watches' },
  systemFds: { title: 'system file handles', short: 'System fds', help: 'fs.file-nr against fs.file-max' },
  processFds: { title: 'process fds', short: 'Process fds', help: 'worst process against its soft RLIMIT_NOFILE' },
};

