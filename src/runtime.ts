/**
 * Boots what every entry point needs: the configuration, the embedded simulator when asked for,
 * the logger and the one shared ZaloClient. Used by the CLI (stdio, http, demo, login) and tests.
 */
import { dirname } from 'node:path';
import { loadConfig, withSandboxUrls, type Config, type LoadConfigOptions } from './config.js';
import { createLogger, type Logger } from './log.js';
import type { Sandbox, StartSandboxOptions } from './sandbox/server.js';
import { closeStore, sharePgPool } from './store/index.js';
import { removeTempDir } from './temp.js';
import { ZaloClient, type ZaloClientOptions } from './zalo/client.js';
import { createZaloCaches, type ZaloCaches } from './zalo/endpoints/index.js';

export interface Runtime {
  config: Config;
  client: ZaloClient;
  log: Logger;
  sandbox?: Sandbox;
  /** The clock of everything this runtime serves: the simulator's when it runs one (tests move it). */
  now: () => number;
  caches: ZaloCaches;
  close(): Promise<void>;
}

export interface RuntimeOptions extends LoadConfigOptions {
  log?: Logger;
  sandboxOptions?: StartSandboxOptions;
  clientOptions?: ZaloClientOptions;
  /** Adjust the loaded configuration (tests). */
  override?: (config: Config) => Config;
  /**
   * With ZALO_DATABASE_URL: take 1/N of the rate budget, N the replicas heartbeating on the database
   * (default true; the CLI's login and accounts do not serve, so they do not count).
   */
  shareRate?: boolean;
  /** Heartbeat interval of the rate share (default 10 s; tests). */
  heartbeatMs?: number;
}

export async function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  let config = loadConfig(options);
  const log = options.log ?? createLogger(config.logLevel);
  let sandbox: Sandbox | undefined;
  if (config.sandbox) {
    // Only --sandbox loads the simulator.
    const { startSandbox } = await import('./sandbox/server.js');
    sandbox = await startSandbox(options.sandboxOptions);
    config = withSandboxUrls(config, sandbox.origin);
    log.info(`sandbox Zalo simulator on ${sandbox.origin} (no real account is touched)`);
  }
  if (options.override) config = options.override(config);
  const sim = sandbox;
  const now = options.clientOptions?.now ?? (sim ? () => sim.state.now() : Date.now);
  // ZALO_DATABASE_URL: token pairs in PostgreSQL, shared by replicas (pg is loaded only then), on
  // the one pool the store of this configuration uses too; the refresh journal of this machine
  // sits beside the token file.
  let pgPool: import('pg').Pool | undefined;
  let pgTokens: import('./store/pg-tokens.js').PgTokenStore | undefined;
  if (config.databaseUrl && !options.clientOptions?.store) {
    const [{ openPgPool }, { PgTokenStore }] = await Promise.all([import('./store/pg-pool.js'), import('./store/pg-tokens.js')]);
    pgPool = await openPgPool(config.databaseUrl);
    pgTokens = new PgTokenStore(pgPool, { journalDir: dirname(config.tokenFile) });
    try {
      await pgTokens.recover();
    } catch (e) {
      await pgPool.end().catch(() => undefined);
      throw e;
    }
    sharePgPool(config, pgPool);
  }
  const client = new ZaloClient(config, { log, now, ...options.clientOptions, ...(pgTokens ? { store: pgTokens } : {}) });
  const rateShare = pgPool && options.shareRate !== false
    ? await (await import('./store/pg-rate-share.js')).startRateShare(pgPool, (n) => client.shareRate(n), { intervalMs: options.heartbeatMs })
    : undefined;
  return {
    config,
    client,
    log,
    sandbox,
    now,
    caches: createZaloCaches(now),
    close: async () => {
      try {
        await closeStore(config);
        await sandbox?.close();
        await rateShare?.stop();
        await pgPool?.end(); // after the store and the token store, which share it
      } finally {
        removeTempDir(config.tempDir);
      }
    },
  };
}
