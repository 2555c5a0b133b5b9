/**
 * Boots what every entry point needs: the configuration, the embedded simulator when asked for,
 * the logger and the one shared ZaloClient. Used by the CLI (stdio, http, demo, login) and tests.
 */
import { dirname } from 'node:path';
import { loadConfig, withSandboxUrls, type Config, type LoadConfigOptions } from './config.js';
import { createLogger, type Logger } from './log.js';
import type { Sandbox, StartSandboxOptions } from './sandbox/server.js';
import { closeStore } from './store/index.js';
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
  // ZALO_DATABASE_URL: token pairs in PostgreSQL, shared by replicas (pg is loaded only then); the
  // refresh journal of this machine sits beside the token file.
  const pgTokens = config.databaseUrl && !options.clientOptions?.store
    ? await (await import('./store/pg-tokens.js')).PgTokenStore.open(config.databaseUrl, { journalDir: dirname(config.tokenFile) })
    : undefined;
  const client = new ZaloClient(config, { log, now, ...options.clientOptions, ...(pgTokens ? { store: pgTokens } : {}) });
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
        await pgTokens?.close();
      } finally {
        removeTempDir(config.tempDir);
      }
    },
  };
}
