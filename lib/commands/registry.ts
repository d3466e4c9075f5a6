import 'server-only';
import type { z } from 'zod';
import { accessCommands } from '../access';
import { alertCommands } from '../alerts';
import { historyCommands } from '../history';
import { hostCommands } from '../hosts';
import type { Command } from '../server/command';
import { settingsCommands } from '../settings';

/** Every change of state there is, by name: each capability defines its own beside its code (lib/<capability>/commands.ts). */
export const commands = { ...alertCommands, ...hostCommands, ...settingsCommands, ...historyCommands, ...accessCommands };

export type Commands = typeof commands;
export type CommandName = keyof Commands;
/** What a command takes before its schema has read it: a form's, a body's or the CLI's object. */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['schema']>;
export type CommandOutput<N extends CommandName> = Awaited<ReturnType<Commands[N]['run']>>;

export const commandNames = Object.keys(commands) as CommandName[];

/** A command's input schema: for an adapter that checks input before it can run the command (the CLI, before opening a database). */
export const commandSchema = <N extends CommandName>(name: N): Commands[N]['schema'] => commands[name].schema;

/** A command with its types widened: what runCommand needs to run any of them. */
export const commandOf = <N extends CommandName>(name: N) => commands[name] as unknown as Command<z.ZodType, CommandOutput<N>>;
