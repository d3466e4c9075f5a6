import { createDb, setDbForTests } from '../../lib/server/db/client';
import { startAppServer } from '../../lib/testing/app-server';
setDbForTests(createDb(process.env.DATABASE_URL!));
await startAppServer(3952);
console.log('ready');
process.on('SIGTERM', () => { const c = process.cpuUsage(); console.log(`cpu ${(c.user + c.system) / 1000} ms`); process.exit(0); });
