import 'server-only';
import { currentUser, identifyToken, type SessionUser } from '../access';
import { db, type Db } from '../server/db/client';
import { readDb } from '../server/db/read';
import { AppError } from '../server/errors';
import { readJsonBody, route } from '../server/http';
import { tokenActor } from './actor';
import { readScopes } from './permissions';
import type { CommandName, CommandOutput } from './registry';
import { InvalidInput, runCommand } from './run';

type Params = Record<string, string>;
/** What Next.js hands a route handler besides the request: its URL's segments. */
export interface RouteContext { params: Promise<Params> }

export interface ApiOptions<O> {
  /** The request body: none (the default), JSON, or JSON that may be left out (then `{}`). */
  body?: 'json' | 'optional';
  /** 200 unless given; 204 answers no body. */
  status?: number;
  /** The JSON answer, from what the command returned (that itself unless given). */
  answer?: (out: O) => unknown;
}

const MAX_BODY = 64 * 1024;

async function bodyOf(req: Request, kind: ApiOptions<unknown>['body']): Promise<object> {
  if (!kind) return {};
  if (kind === 'optional' && (!req.body || req.headers.get('content-length') === '0')) return {};
  const body = await readJsonBody(req, MAX_BODY);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('bad_request', 'invalid body', [{ path: '(root)', message: 'expected a JSON object' }]);
  return body;
}

/**
 * An API route for a command: the Bearer token's actor, the JSON body with the
 * URL's ids as input (read only once the table allows the token), the answer
 * as JSON, and every failure in the one error shape (lib/server/http.ts).
 */
export function apiCommand<N extends CommandName>(name: N, o: ApiOptions<CommandOutput<N>> = {}) {
  return route(async (req: Request, ctx?: RouteContext): Promise<Response> => {
    const token = await identifyToken(db(), req.headers.get('authorization'));
    const input = async () => {
      await token.used();
      return { ...(await bodyOf(req, o.body)), ...(await ctx?.params) };
    };
    const out = await runCommand(name, tokenActor(token.principal), input).catch((err: unknown) => {
      throw err instanceof InvalidInput ? new AppError('bad_request', 'invalid body', err.issues) : err;
    });
    if (o.status === 204) return new Response(null, { status: 204 });
    return Response.json(o.answer ? o.answer(out) : out, { status: o.status ?? 200 });
  });
}

interface Read { db: Db; req: Request; params: Params }

/**
 * An API read for a token that may read (readScopes): `read`'s JSON, or the
 * Response it makes itself. `lagTolerant` reads may come from the read replica.
 */
export function apiRead(read: (q: Read) => Promise<unknown>, o: { lagTolerant?: boolean } = {}) {
  return route(async (req: Request, ctx?: RouteContext): Promise<Response> => {
    const token = await identifyToken(db(), req.headers.get('authorization'));
    const { scope } = token.principal;
    if (!readScopes.includes(scope)) throw new AppError('forbidden', `this is a ${scope} token; this route needs a read token`);
    await token.used();
    const answer = await read({ db: o.lagTolerant ? readDb() : db(), req, params: (await ctx?.params) ?? {} });
    return answer instanceof Response ? answer : Response.json(answer);
  });
}

/** A download for a signed-in user of any role (a host's CSV): the Response `read` makes. */
export function dashboardRead(read: (q: Read & { user: SessionUser }) => Promise<Response>) {
  return route(async (req: Request, ctx?: RouteContext): Promise<Response> => {
    const user = await currentUser();
    if (!user) throw new AppError('unauthorized', 'sign in first');
    return read({ db: db(), req, params: (await ctx?.params) ?? {}, user });
  });
}
