#!/usr/bin/env node
// The Headroom agent: collect, send, sleep. Zero runtime dependencies.
import { collect } from './collect';
import { ConfigError, parseConfig, usage, type AgentConfig } from './config';
import { sendReport } from './send';

const log = (msg: string) => process.stderr.write(`${new Date().toISOString()} headroom-agent: ${msg}\n`);

async function cycle(cfg: AgentConfig): Promise<boolean> {
  const report = await collect(cfg);
  if (cfg.print) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return true;
  }
  const result = await sendReport(cfg.server!, cfg.token!, report);
  if (!result.ok) log(`report ${report.reportId} not delivered: ${result.message}`);
  return result.ok;
}

async function run(cfg: AgentConfig): Promise<number> {
  if (cfg.once) return (await cycle(cfg)) ? 0 : 1;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const stop = () => {
    stopping = true;
    clearTimeout(timer);
    wake?.();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  log(`reporting to ${cfg.server} every ${cfg.interval}s`);
  while (!stopping) {
    const started = Date.now();
    await cycle(cfg).catch((err: Error) => log(`collection failed: ${err.message}`));
    // Sleep until the next tick; a slow cycle delays the next one instead of overlapping it.
    const wait = Math.max(0, cfg.interval * 1000 - (Date.now() - started));
    await new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, wait);
    });
  }
  log('stopped');
  return 0;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    process.stdout.write(usage + '\n');
    return;
  }
  try {
    process.exitCode = await run(parseConfig(argv, process.env));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`headroom-agent: ${err.message}\n\n${usage}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}

void main();
