import { channelRoute } from './channel';
// Request bodies of the JSON API that are not reports or rules: one schema
// each, read by the route that validates it and by the OpenAPI description.
// Strict: a misspelt field is a 400 naming it, not silently left out.
import { z } from 'zod';
import { hostLabel } from './report';

// A time a person or a script gives: JS dates reach years Postgres refuses (year 0, or 275,000).
const instant = z.coerce.date().refine((d) => d.getUTCFullYear() >= 1970 && d.getUTCFullYear() <= 9999, 'a date between 1970 and 9999');

export const silenceInput = z.strictObject({
  hostId: z.uuid().nullable().default(null),
  label: z.string().trim().pipe(hostLabel).nullable().default(null),
  startsAt: instant.optional(),
  endsAt: instant,
  reason: z.string().trim().min(1).max(500),
}).refine((s) => (s.hostId === null) !== (s.label === null), { message: 'silence one host (hostId) or one label, not both', path: ['hostId'] })
  .refine((s) => s.endsAt.getTime() > (s.startsAt ?? new Date()).getTime(), { message: 'endsAt must be after startsAt', path: ['endsAt'] });
export type SilenceInput = z.infer<typeof silenceInput>;

/** An acknowledgement's optional note; the body itself may be left out. */
export const acknowledgeInput = z.strictObject({ note: z.string().trim().max(500).nullable().default(null) });

/** The labels admins give a host (the agent's own come with its reports). */
export const hostLabelsInput = z.strictObject({ labels: z.array(hostLabel).max(20) });

/** The ingest token a host is given to: its id, name or display prefix. */
export const hostTokenInput = z.strictObject({ token: z.string().min(1).max(200) });

/** Pausing a channel, or resuming it. */
export const channelPatch = z.strictObject({ enabled: z.boolean() });
/** A channel's route changed: which alerts it carries (null: all of every host). */
export const channelRouting = z.strictObject({ route: channelRoute.nullable() });
