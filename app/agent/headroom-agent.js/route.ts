import { agentDownload } from '@/lib/install';
import { route } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

// The bundled agent, so a host can fetch it straight from the dashboard it reports to.
export const GET = route(() => agentDownload('headroom-agent.js'));
