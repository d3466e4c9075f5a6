import { agentDownload, checksumLines } from '@/lib/install';
import { route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

// The single executable (headroom-agent-linux-x64 on an x64 server), and
// `checksums`, sha256sum's lines for every agent file built here.
export const GET = route(async (_req: Request, { params }: { params: Promise<{ file: string }> }) => {
  const { file } = await params;
  if (file === 'checksums') return new Response(await checksumLines(), { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  return agentDownload(file);
});
