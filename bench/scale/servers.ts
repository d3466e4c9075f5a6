// Databases for the scale benchmark; the servers themselves come from lib/sim/server.ts.
export { createToken, serve, type Served } from '../../lib/sim/server';
export { createDatabase as freshDatabase, dropDatabase } from '../../lib/testing/databases';
