#!/usr/bin/env node
/**
 * CLI entry: `zalo-oa-mcp [--sandbox]` serves MCP over stdio; `--http` serves Streamable HTTP;
 * `login` and `accounts` manage OA authorisation. stdout is the protocol in stdio mode, so
 * everything human-readable goes to stderr.
 */
import { parseArgs } from 'node:util';
import { ConfigError, storePathSetting, tokenStoreLabel } from './config.js';
import { startRuntime } from './runtime.js';
import { VERSION } from './version.js';
import { redact } from './zalo/redact.js';

const USAGE = `Usage:
  zalo-oa-mcp [--sandbox]                          MCP server over stdio (default)
  zalo-oa-mcp --http [--host H] [--port N] [--stateless] [--sandbox]
                                                   MCP over Streamable HTTP at /mcp (default 127.0.0.1:3000)
  zalo-oa-mcp login [--oa alias] [--port N] [--no-open] [--redirect-uri URL]
                                                   authorise an OA (OAuth v4 + PKCE), save its tokens;
                                                   --redirect-uri: callback on another host, paste the URL
  zalo-oa-mcp login --init [--redirect-uri URL]    new PKCE pair + the Zalo console steps (ZALO_PKCE_VERIFIER)
  zalo-oa-mcp accounts [--json]                    configured OAs and token status (no secrets)
  zalo-oa-mcp migrate-store --from file:PATH --to postgres://…
                                                   copy token pairs (under each OA's lock) and the local store
                                                   (ZALO_STORE_PATH, default store.sqlite beside PATH)
  zalo-oa-mcp webhook [--host H] [--port N] [--sandbox]
                                                   Zalo webhook receiver alone at /webhook (stores events)
Options:
  --sandbox         use the embedded Zalo simulator (no credentials needed)
  --toolsets LIST   default, all, or a comma list (oa,followers,messages,...); wins over ZALO_TOOLSETS
  --read-only       only tools that change nothing; wins over ZALO_READ_ONLY
  --dry-run         writes return the request they would send, without sending; wins over ZALO_DRY_RUN
  --stateless       HTTP without sessions, for several replicas behind a load balancer
  -v, --version     print the version
  -h, --help        show this help
HTTP mode needs ZALO_MCP_HTTP_TOKEN (bearer) unless --host is a loopback address.`;

function port(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`--port ${value} is not a port number (0-65535)`);
  return n;
}

const OPTIONS = {
  sandbox: { type: 'boolean', default: false },
  http: { type: 'boolean', default: false },
  host: { type: 'string' },
  port: { type: 'string' },
  stateless: { type: 'boolean', default: false },
  oa: { type: 'string' },
  'no-open': { type: 'boolean', default: false },
  init: { type: 'boolean', default: false },
  'redirect-uri': { type: 'string' },
  json: { type: 'boolean', default: false },
  from: { type: 'string' },
  to: { type: 'string' },
  toolsets: { type: 'string' },
  'read-only': { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  version: { type: 'boolean', short: 'v', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function args() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (e) {
    // parseArgs explains at length; one line plus the way to the usage is enough.
    throw new ConfigError(`${(e as Error).message.split('. ')[0]} (see --help)`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = args();
  const command = positionals[0];
  if (values.help) return void process.stderr.write(USAGE + '\n');
  if (values.version) return void process.stdout.write(`${VERSION}\n`);
  if (command !== undefined && !['login', 'accounts', 'webhook', 'migrate-store'].includes(command)) throw new ConfigError(`unknown command "${command}": use login, accounts, webhook, migrate-store or no command (see --help)`);
  if (command === 'migrate-store') {
    // Needs no Zalo configuration: only the two stores.
    const { migrateStore } = await import('./cli/migrate-store.js');
    const result = await migrateStore({ from: values.from, to: values.to, storePath: storePathSetting() });
    process.stdout.write(JSON.stringify(result) + '\n');
    process.stderr.write('Copied. Point every process at the destination before it refreshes again (a process still on the source would rotate a pair the destination never sees).\n');
    return;
  }
  // Commands and the HTTP stack load only when used: stdio starts faster without them (issue 14).
  const login = command === 'login' ? await import('./cli/login.js') : undefined;
  const listenPort = port(values.port, login ? login.DEFAULT_LOGIN_PORT : 3000);

  // --init only prints a new pair and the console steps: no configuration needed yet.
  if (login && values.init) return void login.runLoginInit({ redirectUri: values['redirect-uri'], port: listenPort });
  // Only serving needs tokens: login creates them, accounts reports their absence.
  const runtime = await startRuntime({
    sandbox: values.sandbox || undefined,
    requireTokens: command === undefined,
    flags: { toolsets: values.toolsets, readOnly: values['read-only'], dryRun: values['dry-run'] },
    // login --sandbox then accounts --sandbox share a sandbox token file; serving starts fresh.
    sandboxStore: command === undefined ? 'temporary' : 'persistent',
    // Only a serving replica takes a share of the app's rate budget (ZALO_DATABASE_URL).
    shareRate: command === undefined || command === 'webhook',
  });
  if (login) {
    try {
      await login.runLogin({ runtime, alias: values.oa, port: listenPort, redirectUri: values['redirect-uri'], openUrl: values['no-open'] ? undefined : login.openInBrowser });
    } finally {
      await runtime.close();
    }
    return;
  }
  if (command === 'accounts') {
    const { listAccounts, formatAccounts } = await import('./cli/accounts.js');
    const rows = await listAccounts(runtime.config, runtime.client.store);
    process.stdout.write((values.json ? JSON.stringify(rows, null, 2) : formatAccounts(rows, tokenStoreLabel(runtime.config), !!runtime.config.databaseUrl)) + '\n');
    await runtime.close();
    return;
  }
  if (command === 'webhook') return (await import('./cli/webhook.js')).serveWebhook(runtime, { host: values.host, port: listenPort });
  const { serveHttp, serveStdio } = await import('./cli/serve.js');
  if (values.http) return serveHttp(runtime, { host: values.host, port: listenPort, stateless: values.stateless });
  return serveStdio(runtime);
}

main().catch((e: unknown) => {
  const message = e instanceof ConfigError ? e.message : `fatal: ${(e as Error).message ?? String(e)}`;
  process.stderr.write(`zalo-oa-mcp: ${redact(message)}\n`);
  process.exit(1);
});
