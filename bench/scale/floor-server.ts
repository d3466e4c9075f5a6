// What ingest costs before the database: a bare Node HTTP server that reads,
// parses, validates and assesses each report exactly as the real endpoint
// does, answers 202, and stores nothing. Its ceiling bounds what any storage
// design could reach on this machine. Run by bench/scale/floor.ts.
//   PORT=3961 node --conditions=react-server --import tsx bench/scale/floor-server.ts
import http from 'node:http';
import { prepare } from '../../lib/ingest';
import { readNodeJson } from '../../lib/ingest';
import { parseReport } from '../../lib/ingest';

const MAX_BYTES = 1 << 20;
const server = http.createServer((req, res) => {
  readNodeJson(req, MAX_BYTES).then((body) => {
    const p = prepare(parseReport(body, new Date()), new Date());
    const out = JSON.stringify({ reportId: p.r.reportId, hostId: '00000000-0000-4000-8000-000000000000', duplicate: false });
    res.writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
  }, () => res.writeHead(400).end());
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor: listening'));
process.on('SIGTERM', () => process.exit(0));
