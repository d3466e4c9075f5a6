// The fleet as the fleet benchmarks hold it: `hosts` hosts with state, an hour
// of minute rollups, three minutes of raw reports and a firing alert on one in
// fifty. Takes any Prisma-like client: bench/ab.ts seeds an older checkout with it.
interface Raw {
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T>(sql: string, ...values: unknown[]): Promise<T>;
}

export async function seedFleet(db: Raw, hosts: number): Promise<void> {
  await db.$executeRawUnsafe(`
    INSERT INTO host (id, name, interval_seconds, labels)
    SELECT gen_random_uuid(), 'host-' || lpad(i::text, 5, '0'), 15, CASE WHEN i % 3 = 0 THEN ARRAY['ci'] WHEN i % 3 = 1 THEN ARRAY['db', 'region=eu'] ELSE ARRAY[]::text[] END
    FROM generate_series(1, ${hosts}) i`);
  await db.$executeRawUnsafe(`
    INSERT INTO host_state (host_id, report_id, collected_at, received_at, inotify_instances_used, inotify_instances_limit,
      inotify_watches_used, inotify_watches_limit, system_fds_used, system_fds_limit, process_fds_used, process_fds_limit,
      containers_running, worst_fraction, panic_risk, crashing_buildkit, inotify_instances_slope)
    SELECT id, gen_random_uuid(), now(), now() - (random() * interval '2 minutes'), (random() * 128)::int, 128,
      (random() * 60000)::int, 65536, 5000, 9223372036854775807, (random() * 1000)::int, 1024,
      (random() * 100)::int, random(), random() < 0.01, false, random() - 0.5
    FROM host`);
  // The last hour as the fleet holds it: a minute rollup a host a minute, and
  // the last three minutes still raw (the rollups settle behind), every 15 s.
  await db.$executeRawUnsafe(`
    INSERT INTO report_minute (host_id, bucket, last_at, inotify_instances_min, inotify_instances_max, inotify_instances_last, inotify_instances_limit,
      inotify_watches_min, inotify_watches_max, inotify_watches_last, inotify_watches_limit, system_fds_min, system_fds_max, system_fds_last, system_fds_limit,
      process_fds_min, process_fds_max, process_fds_last, process_fds_limit, containers_min, containers_max, containers_last)
    SELECT h.id, b, b + interval '45 seconds', 10, v, v, 128, 100, 2000, 2000, 65536, 5000, 5000, 5000, 9223372036854775807, 50, 60, 55, 1024, 1, 2, 2
    FROM host h, generate_series(date_trunc('minute', now()) - interval '62 minutes', date_trunc('minute', now()) - interval '3 minutes', interval '1 minute') b,
      LATERAL (SELECT (random() * 128)::int AS v) r`);
  await db.$executeRawUnsafe(`
    INSERT INTO report (host_id, collected_at, inotify_instances_used, inotify_instances_limit, inotify_watches_used, inotify_watches_limit,
      system_fds_used, system_fds_limit, process_fds_used, process_fds_limit, containers_running, collection_ms)
    SELECT h.id, at, (random() * 128)::int, 128, 2000, 65536, 5000, 9223372036854775807, 55, 1024, 2, 10
    FROM host h, generate_series(date_trunc('minute', now()) - interval '3 minutes', now(), interval '15 seconds') at`);
  await db.$executeRawUnsafe(`INSERT INTO setting (key, value) VALUES ('rollup', jsonb_build_object('until', date_trunc('minute', now()) - interval '2 minutes'))`);
  // A firing alert on one host in fifty: the status reads each host's worst.
  const [rule] = await db.$queryRawUnsafe<{ id: string }[]>("SELECT id FROM alert_rule WHERE dimension = 'exhaustion' LIMIT 1");
  await db.$executeRawUnsafe(`
    INSERT INTO alert (id, host_id, rule_id, open_key, dimension, state, severity, value, started_at, fired_at)
    SELECT gen_random_uuid(), id, $1::uuid, id || ':' || $1, 'exhaustion', 'firing', 'critical', 300, now(), now()
    FROM host WHERE random() < 0.02`, rule!.id);
  await db.$executeRawUnsafe('ANALYZE');
}
