import 'server-only';
import { z } from 'zod';
import type { Actor } from './actor';
import type { Db, Tx } from './db/client';

// What a capability needs to define its commands (lib/<capability>/commands.ts);
// lib/commands gathers them with the permission table and runs them.

export interface CommandContext {
  /** The transaction the change and its audit row share. */
  tx: Tx;
  /** The client itself, for its per-client caches only: writes go through tx. */
  db: Db;
  actor: Actor;
  /** The actor as written (actorRef), for the rows a command leaves: acknowledgedBy, createdBy. */
  by: string;
  /** Runs once the transaction has committed: forgetting cached copies of what changed. */
  afterCommit(fn: () => void): void;
}

/** The audit row of a command that ran; `action` defaults to the command's name. */
export interface AuditEntry { action?: string; target: string | null; detail?: object | null }

export interface Command<S extends z.ZodType = z.ZodType, O = unknown, P = z.output<S>> {
  /** The input, parsed once: the schema the API body, the form and the CLI flags all map to. */
  schema: S;
  /** Slow work on the input before the transaction opens (hashing a password), so it holds no connection meanwhile. */
  prepare?: (input: z.output<S>, deps: { db: Db; actor: Actor }) => Promise<P>;
  run(ctx: CommandContext, input: P): Promise<O>;
  audit(out: O, input: P): AuditEntry;
}

/** A command, typed by its schema, its prepared input and what it returns. */
export const command = <S extends z.ZodType, O, P = z.output<S>>(c: Command<S, O, P>): Command<S, O, P> => c;

/** The input of a command on one row: its id (from the URL or the form), nothing else. */
export const byId = z.strictObject({ id: z.string({ error: 'required' }) });

/** A body schema with the id of the row it changes beside it (strict still: unknown fields are refused). */
export const onId = <S extends z.ZodType>(body: S) => byId.and(body);
