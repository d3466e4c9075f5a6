import { z } from 'zod';

/** Text Postgres can store: its text and jsonb cannot hold U+0000, so it is refused here, with a clear message, not deep in SQL. */
export const plainText = (max: number) => z.string().max(max).refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');
