import 'server-only';
import { command } from '../server/command';
import { retentionInput, writeRetention } from './retention';

/** How long history is kept, set by admins; applied at the next pruning. */
export const historyCommands = {
  'retention.set': command({
    schema: retentionInput,
    run: ({ tx }, r) => writeRetention(tx, r),
    audit: (r) => ({ target: null, detail: r }),
  }),
};
