import 'server-only';
import { command } from '../server/command';
import { forgetThresholds, thresholdsInput, writeThresholds } from './thresholds';

/** The fleet's status levels, set by admins. */
export const settingsCommands = {
  'thresholds.set': command({
    schema: thresholdsInput,
    run: async ({ tx, db, afterCommit }, t) => {
      afterCommit(() => forgetThresholds(db));
      return writeThresholds(tx, t);
    },
    audit: (t) => ({ target: null, detail: t }),
  }),
};
