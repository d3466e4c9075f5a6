// Form errors in the words of the form: each wrong field by its label, in plain words.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../server/errors';
import { fieldLabel, formAction, parseForm } from '.';

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('accepted');
};

describe('form parsing', () => {
  it('says zod\'s default refusals in plain words, and keeps messages a schema sets', () => {
    const schema = z.object({
      name: z.string().trim().min(1), password: z.string().min(12), port: z.coerce.number().int().min(1).max(65535),
      url: z.url(), to: z.array(z.email()).min(1), scope: z.enum(['ingest', 'read']), user: z.string().regex(/^[a-z]+$/, 'letters only'),
    });
    const err = refusal(() => parseForm(schema, { name: ' ', password: 'short', port: '70000', url: 'nope', to: ['ops@example.com', 'x'], scope: 'root', user: 'Bob!' }, {
      name: 'Name', password: 'Password', port: 'Port', url: 'URL', to: 'To (comma-separated)', scope: 'Scope',
    }));
    expect(err.message.split('; ')).toEqual([
      'Name: required', 'Password: must be at least 12 characters', 'Port: must be at most 65535', 'URL: must be a web address (https://…)',
      'To (comma-separated): must be an e-mail address', 'Scope: must be one of ingest, read', 'User: letters only',
    ]);
    expect(refusal(() => parseForm(schema.pick({ port: true }), { port: '1.5' }, {})).message).toBe('Port: must be a whole number');
    expect(refusal(() => parseForm(z.object({ name: z.string() }), {}, {})).message).toBe('Name: required');
  });

  it('names a field without a label in words', () => {
    expect(fieldLabel('maxHosts')).toBe('Max hosts');
    expect(fieldLabel('config.to.1', { 'config.to': 'To' })).toBe('To');
    expect(fieldLabel('config.secret')).toBe('Secret');
  });

  it('turns a service\'s field refusal into a message naming the field', async () => {
    const state = await formAction(async () => { throw new AppError('bad_request', 'a user named bob exists', [{ path: 'name', message: 'taken' }]); }, { name: 'Name' });
    expect(state).toEqual({ ok: false, message: 'Name: taken', fieldErrors: { name: 'taken' } });
    expect(await formAction(async () => { throw new AppError('forbidden', 'this needs the editor role; you are viewer'); }))
      .toEqual({ ok: false, message: 'this needs the editor role; you are viewer' });
  });
});
