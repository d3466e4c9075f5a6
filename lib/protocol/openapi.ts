// The JSON API described as OpenAPI 3.1, generated from the same zod schemas
// the server validates with, so the description cannot drift from the code.
import { z } from 'zod';
import { ruleInput } from '../alerts/rule';
import { apiError, hostList, ingestAccepted } from './api';
import { report } from './report';
import { PROTOCOL_VERSION } from './version';

const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

export function openApiDocument(version: string) {
  const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
  const errors = {
    400: { description: 'Malformed JSON or query', content: json('Error') },
    401: { description: 'Missing, unknown or revoked token', content: json('Error') },
    403: { description: 'Token of another scope', content: json('Error') },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Headroom API', version, description: `File-descriptor and inotify headroom of a fleet. Agent protocol version ${PROTOCOL_VERSION}.` },
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer', description: 'hr_ingest_…, hr_read_… or hr_admin_…' } },
      schemas: {
        Report: schema(report, 'input'),
        Accepted: schema(ingestAccepted),
        HostList: schema(hostList),
        Rule: schema(ruleInput, 'input'),
        Error: schema(apiError),
      },
    },
    security: [{ token: [] }],
    paths: {
      '/api/v1/reports': { post: {
        summary: 'An agent reports (ingest token)', requestBody: { required: true, content: json('Report') },
        responses: { 202: { description: 'Stored (or already stored: duplicate)', content: json('Accepted') }, ...errors,
          413: { description: 'Body too large', content: json('Error') }, 422: { description: 'Not a valid report', content: json('Error') },
          429: { description: 'Too many reports from this token; see Retry-After', content: json('Error') } },
      } },
      '/api/v1/hosts': { get: {
        summary: 'Hosts with status and headroom, up to 10,000 a page: page on with `page` while page × per < total (read token)',
        parameters: ['q', 'status', 'label', 'panic', 'sort', 'dir', 'page', 'per'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
        responses: { 200: { description: 'Hosts, worst first unless sorted otherwise', content: json('HostList') }, ...errors },
      } },
      '/api/v1/rules': {
        get: { summary: 'Alert rules (read token)', responses: { 200: { description: 'Rules' }, ...errors } },
        post: { summary: 'Create a rule (admin token)', requestBody: { required: true, content: json('Rule') }, responses: { 201: { description: 'Created' }, ...errors } },
      },
      '/api/v1/rules/{id}': {
        put: { summary: 'Replace a rule (admin token)', requestBody: { required: true, content: json('Rule') }, responses: { 200: { description: 'Updated' }, 404: { description: 'No such rule', content: json('Error') }, ...errors } },
        delete: { summary: 'Delete a rule (admin token)', responses: { 204: { description: 'Deleted' }, 404: { description: 'No such rule', content: json('Error') }, ...errors } },
      },
      '/api/v1/alerts': { get: { summary: 'Alerts by view: firing, acknowledged, silenced, pending, resolved (read token)', responses: { 200: { description: 'Alerts' }, ...errors } } },
      '/api/v1/alerts/{id}/acknowledge': { post: { summary: 'Acknowledge (admin token)', responses: { 200: { description: 'Acknowledged' }, ...errors } } },
      '/api/v1/silences': { get: { summary: 'Active silences (read token)', responses: { 200: { description: 'Silences' }, ...errors } }, post: { summary: 'Silence a host or a label (admin token)', responses: { 201: { description: 'Created' }, ...errors } } },
      '/api/v1/silences/{id}': { delete: { summary: 'End a silence now (admin token)', responses: { 200: { description: 'Ended' }, ...errors } } },
      '/api/v1/channels': { get: { summary: 'Notification channels, secrets masked (read token)', responses: { 200: { description: 'Channels' }, ...errors } }, post: { summary: 'Add a channel (admin token)', responses: { 201: { description: 'Created' }, ...errors } } },
      '/api/v1/channels/{id}': { delete: { summary: 'Delete a channel (admin token)', responses: { 204: { description: 'Deleted' }, ...errors } } },
      '/api/v1/channels/{id}/test': { post: { summary: 'Queue a test message (admin token)', responses: { 202: { description: 'Queued' }, ...errors } } },
      '/api/v1/hosts/{id}': { delete: { summary: 'Remove a host and all it kept; its agent, if still running, brings it back as a new host (admin token)', responses: { 204: { description: 'Removed' }, 404: { description: 'No such host', content: json('Error') }, ...errors } } },
      '/api/v1/hosts/{id}/labels': { put: { summary: 'Set the labels admins give a host (admin token)', responses: { 200: { description: 'Set' }, ...errors } } },
      '/api/v1/notifications': { get: { summary: 'Delivery log (read token)', responses: { 200: { description: 'Notifications with attempts' }, ...errors } } },
      '/api/health': { get: { summary: 'Database reachable', security: [], responses: { 200: { description: 'Up' }, 503: { description: 'Database down' } } } },
      '/metrics': { get: { summary: 'Prometheus text format (read token)', responses: { 200: { description: 'Metrics', content: { 'text/plain': {} } }, ...errors } } },
    },
  };
}
