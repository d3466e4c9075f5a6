import { servedInstallScript } from '@/lib/install';
import { route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

// curl -fsSL <server>/install.sh | sudo sh -s -- --server <server>: the agent as a systemd service.
export const GET = route(async () => {
  const script = await servedInstallScript();
  return new Response(script, { headers: { 'content-type': 'text/x-shellscript; charset=utf-8', 'cache-control': 'no-store' } });
});
