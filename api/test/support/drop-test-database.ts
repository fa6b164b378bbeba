// Dropping a test's PostgreSQL database. A pool's end() resolves before its
// connections have finished closing; DROP ... WITH (FORCE) would terminate
// them mid-close and pg would raise the termination as an uncaught error. So
// wait (briefly) until the server sees no session on the database, then drop;
// FORCE stays for a test that leaked a connection.
import pg from 'pg';

const WAIT_FOR_SESSIONS_MS = 5_000;

export async function dropTestDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const deadline = Date.now() + WAIT_FOR_SESSIONS_MS;
    for (;;) {
      const { rows } = await admin.query<{ sessions: number }>(
        'SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      if ((rows[0]?.sessions ?? 0) === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
