import { readFile } from 'node:fs/promises';
import path from 'node:path';

// The bundled agent, so a host can fetch it straight from the dashboard it reports to.
export async function GET(): Promise<Response> {
  try {
    const body = await readFile(path.join(process.cwd(), 'agent/dist/headroom-agent.js'));
    return new Response(body, { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'content-disposition': 'attachment; filename="headroom-agent.js"' } });
  } catch {
    return Response.json({ error: { code: 'not_found', message: 'the agent is not built: run npm run build:agent' } }, { status: 404 });
  }
}
