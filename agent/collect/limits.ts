import type { InotifyLimits } from '../../lib/protocol';
import { readNumber, readText } from './fsread';

type Source = InotifyLimits['instancesSource'];

/**
 * The effective limit is the smaller of the initial namespace's fs.inotify value
 * and the reader's own user namespace value (/proc/sys/user, kernel 4.9+).
 */
function effective(fsPath: string, userPath: string): { value: number; source: Source } {
  const fsValue = readNumber(fsPath);
  const nsValue = readNumber(userPath);
  if (nsValue !== null && (fsValue === null || nsValue < fsValue)) return { value: nsValue, source: 'user-namespace' };
  return { value: fsValue ?? 0, source: 'fs.inotify' };
}

export function readInotifyLimits(root = '/proc'): InotifyLimits {
  const instances = effective(`${root}/sys/fs/inotify/max_user_instances`, `${root}/sys/user/max_inotify_instances`);
  const watches = effective(`${root}/sys/fs/inotify/max_user_watches`, `${root}/sys/user/max_inotify_watches`);
  return {
    maxUserInstances: instances.value,
    maxUserWatches: watches.value,
    maxQueuedEvents: readNumber(`${root}/sys/fs/inotify/max_queued_events`) ?? 0,
    instancesSource: instances.source,
    watchesSource: watches.source,
  };
}

/** /proc/sys/fs/file-nr is "allocated unused max"; the middle field is always 0 on modern kernels. */
export function readFileHandles(root = '/proc'): { allocated: number; max: number; nrOpen: number } {
  const [allocated = 0, , max = 0] = readText(`${root}/sys/fs/file-nr`).trim().split(/\s+/).map(Number);
  return { allocated, max, nrOpen: readNumber(`${root}/sys/fs/nr_open`) ?? 0 };
}
