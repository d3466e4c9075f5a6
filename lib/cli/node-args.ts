import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');

/** Node flags that make a child stop once its parent is gone, even by SIGKILL (stop-with-parent.mjs). */
export const stopWithParent = ['--import', pathToFileURL(path.join(root, 'lib/cli/stop-with-parent.mjs')).href];

/** Node arguments that run a CLI command as bin/headroom.mjs runs it. */
export const cliArgs = (...command: string[]) => ['--conditions=react-server', '--import', 'tsx', path.join(root, 'lib/cli/main.ts'), ...command];
