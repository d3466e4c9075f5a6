// The JSON API described as OpenAPI 3.1, generated from the same zod schemas
// the server validates with, so the description cannot drift from the code.
import { z } from 'zod';
import { channelInput } from './channel';
import { ruleInput } from './alert-rule';
import { fleetApiQuery } from './fleet-query';
import { apiError, hostList, ingestAccepted } from './api';
import { hostDetail, hostSeriesAnswer } from './host-detail';
import { acknowledgeInput, channelPatch, channelRouting, hostLabelsInput, hostTokenInput, silenceInput } from './api-bodies';
import { report } from './report';
import { PROTOCOL_VERSION } from './version';

const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(s, {
  io, unrepresentable: 'any',
  // Dates arrive as ISO 8601 strings (z.coerce.date has no JSON form of its own).
  override: (ctx) => { if (ctx.zodSchema._zod.def.type === 'date') Object.assign(ctx.jsonSchema, { type: 'string', format: 'date-time' }); },
});

export function openApiDocument(version: string) {
  const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
  const errors = {
    400: { description: 'Malformed JSON or query, or a value out of range', content: json('Error') },
    401: { description: 'Missing, unknown or revoked token', content: json('Error') },
    403: { description: 'Token of another scope', content: json('Error') },
  };
  const notFound = (what: string) => ({ 404: { description: `No such ${what}`, content: json('Error') } });
  // JSON bodies other than reports: Content-Type application/json, at most 64 KiB.
  const withBody = (ref: string, op: { summary: string; responses: object }, required = true) => ({
    summary: op.summary,
    requestBody: { required, content: json(ref) },
    responses: { ...op.responses, 413: { description: 'Body over 64 KiB', content: json('Error') }, 415: { description: 'Not application/json', content: json('Error') } },
  });
  // The page's own query schema, field by field: values outside it are a 400 (see lib/server/api.ts).
  const hostParams = Object.entries(fleetApiQuery.shape).map(([name, s]) => ({ name, in: 'query', required: false, schema: schema(s as z.ZodType, 'input') }));
  return {
    openapi: '3.1.0',
    info: { title: 'Headroom API', version, description: `File-descriptor and inotify headroom of a fleet. Agent protocol version ${PROTOCOL_VERSION}.` },
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'hr_ingest_…, hr_read_… or hr_admin_…' } },
      schemas: {
        Report: schema(report, 'input'),
        Accepted: schema(ingestAccepted),
        HostList: schema(hostList),
        HostDetail: schema(hostDetail),
        HostSeries: schema(hostSeriesAnswer),
        Rule: schema(ruleInput, 'input'),
        Silence: schema(silenceInput, 'input'),
        Channel: schema(channelInput, 'input'),
        ChannelPatch: schema(channelPatch, 'input'),
        ChannelRouting: schema(channelRouting, 'input'),
        Acknowledge: schema(acknowledgeInput, 'input'),
        HostLabels: schema(hostLabelsInput, 'input'),
        HostToken: schema(hostTokenInput, 'input'),
        Error: schema(apiError),
      },
    },
    security: [{ token: [] }],
    paths: {
      '/api/v1/reports': { post: {
        summary: 'An agent reports (ingest token)', requestBody: { required: true, content: json('Report') },
        responses: { 202: { description: 'Stored (or already stored: duplicate)', content: json('Accepted') }, ...errors,
          413: { description: 'Body too large', content: json('Error') }, 422: { description: 'Not a valid report', content: json('Error') },
          403: { description: 'Token of another scope, bound to another host, not the token the host belongs to, or at its host limit (a new host)', content: json('Error') },
          415: { description: 'Not application/json', content: json('Error') },
          429: { description: 'Too many reports from this host under this token, or the server\'s queue is full; see Retry-After', content: json('Error') } },
      } },
      '/api/v1/hosts': { get: {
        summary: 'Hosts with status and headroom, up to 10,000 a page: page on with `page` while page × per < total (read token)',
        parameters: hostParams,
        responses: { 200: { description: 'Hosts, worst first unless sorted otherwise', content: json('HostList') }, ...errors },
      } },
      '/api/v1/rules': {
        get: { summary: 'Alert rules (read token)', responses: { 200: { description: 'Rules' }, ...errors } },
        post: withBody('Rule', { summary: 'Create a rule (admin token)', responses: { 201: { description: 'Created' }, ...errors } }),
      },
      '/api/v1/rules/{id}': {
        put: withBody('Rule', { summary: 'Replace a rule (admin token)', responses: { 200: { description: 'Updated' }, ...notFound('rule'), ...errors } }),
        delete: { summary: 'Delete a rule (admin token)', responses: { 204: { description: 'Deleted' }, 404: { description: 'No such rule', content: json('Error') }, ...errors } },
      },
      '/api/v1/alerts': { get: { summary: 'Alerts by view: firing, acknowledged, silenced, pending, resolved (read token)', responses: { 200: { description: 'Alerts' }, ...errors } } },
      '/api/v1/alerts/{id}/acknowledge': { post: withBody('Acknowledge', { summary: 'Acknowledge, with an optional note; the body may be left out (admin token)', responses: { 200: { description: 'Acknowledged' }, ...notFound('alert'), ...errors } }, false) },
      '/api/v1/silences': {
        get: { summary: 'Active silences (read token)', responses: { 200: { description: 'Silences' }, ...errors } },
        post: withBody('Silence', { summary: 'Silence a host or a label (admin token)', responses: { 201: { description: 'Created' }, ...notFound('host'), ...errors } }),
      },
      '/api/v1/silences/{id}': { delete: { summary: 'End a silence now (admin token)', responses: { 200: { description: 'Ended' }, ...notFound('silence'), ...errors } } },
      '/api/v1/channels': {
        get: { summary: 'Notification channels, secrets masked (read token)', responses: { 200: { description: 'Channels' }, ...errors } },
        post: withBody('Channel', { summary: 'Add a channel (admin token)', responses: { 201: { description: 'Created' }, ...errors } }),
      },
      '/api/v1/channels/{id}': {
        patch: withBody('ChannelPatch', { summary: 'Pause or resume a channel (admin token)', responses: { 200: { description: 'Updated, secrets masked' }, ...notFound('channel'), ...errors } }),
        delete: { summary: 'Delete a channel (admin token)', responses: { 204: { description: 'Deleted' }, ...notFound('channel'), ...errors } },
      },
      '/api/v1/channels/{id}/routing': { put: withBody('ChannelRouting', { summary: 'Set which alerts a channel carries: critical only, one label\'s hosts, or (null) all (admin token)', responses: { 200: { description: 'Updated, secrets masked' }, ...notFound('channel'), ...errors } }) },
      '/api/v1/channels/{id}/test': { post: { summary: 'Queue a test message (admin token)', responses: { 202: { description: 'Queued' }, ...notFound('channel'), ...errors } } },
      '/api/v1/hosts/{id}': {
        get: {
          summary: 'One host as its page shows it: its summary, facts, labels, limits and where they came from, the latest full report\'s top processes, users, daemons and containers, what to raise (weighed by the last hour\'s peaks) and its flags (read token)',
          responses: { 200: { description: 'The host', content: json('HostDetail') }, ...notFound('host'), ...errors },
        },
        delete: { summary: 'Remove a host and all it kept; its agent, if still running, brings it back as a new host (admin token)', responses: { 204: { description: 'Removed' }, ...notFound('host'), ...errors } },
      },
      '/api/v1/hosts/{id}/series': { get: {
        summary: 'What the host page\'s charts draw over `range` (15m, 1h, 6h, 24h, 7d, 30d; 1h by default) or `from`/`to` (ms): each dimension\'s used and limit and the running containers, the peak of each bucket, at the resolution the range picks (raw reports, minute or hour rollups), and the top users\' instances and watches (read token)',
        responses: { 200: { description: 'The series', content: json('HostSeries') }, ...notFound('host'), ...errors },
      } },
      '/api/v1/hosts/{id}/failures': { get: {
        summary: 'The host\'s failed fd and inotify calls over `range` (15m, 1h, 6h, 24h, 7d, 30d) or `from`/`to` (ms), newest first, each with the limit it ran into; and whether the agent captures them (read token)',
        responses: { 200: { description: 'Failed calls' }, ...notFound('host'), ...errors },
      } },
      '/api/v1/hosts/{id}/containers': { get: {
        summary: 'The host\'s inotify and fd use by container (Docker, containerd and Kubernetes names, the rest, the host itself) at `at` (ms) or in the latest report, and the top containers\' instances and watches over `range` or `from`/`to` (read token)',
        responses: { 200: { description: 'Use by container' }, ...notFound('host'), ...errors },
      } },
      '/api/v1/hosts/{id}/labels': { put: withBody('HostLabels', { summary: 'Set the labels admins give a host (admin token)', responses: { 200: { description: 'Set' }, ...notFound('host'), ...errors } }) },
      '/api/v1/hosts/{id}/token': { put: withBody('HostToken', { summary: 'Give a host to another ingest token: only its reports are taken for the host from then on (admin token)', responses: { 200: { description: 'Moved' }, ...notFound('host or token'), ...errors } }) },
      '/api/v1/limits': { get: {
        summary: 'Every host\'s inotify, file-max, nr_open and daemon fd limits grouped by value (defaults and odd ones out marked), and for each host whose own peak of the last 7 days passed half a limit, the value to raise it to with its sysctl.d file and systemd drop-ins (read token)',
        responses: { 200: { description: 'Limits' }, ...errors },
      } },
      '/api/v1/openapi.json': { get: { summary: 'This description', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/api/v1/notifications': { get: { summary: 'Delivery log (read token)', responses: { 200: { description: 'Notifications with attempts' }, ...errors } } },
      '/api/health': { get: { summary: 'Database reachable', security: [], responses: { 200: { description: 'Up' }, 503: { description: 'Database down' } } } },
      '/metrics': { get: { summary: 'Prometheus text format (read token)', responses: { 200: { description: 'Metrics', content: { 'text/plain': {} } }, ...errors } } },
    },
  };
}
