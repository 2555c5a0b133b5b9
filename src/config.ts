/**
 * The only reader of the environment (process.env, an optional .env, the accounts file).
 * Everything is validated here once, so a bad value stops the server at start with one line
 * naming the variable and what to do (DESIGN.md section 4).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { SANDBOX_ACCOUNTS, SANDBOX_WEBHOOK_SECRET, sandboxUrls } from './sandbox/credentials.js';
import { makeTempDir } from './temp.js';
import { registerSecret } from './zalo/redact.js';
import { storedAliasesSync } from './zalo/token-store.js';

// yaml loads only when an accounts file is read (synchronously, like the rest of loadConfig).
const require = createRequire(import.meta.url);

export type ApiFamily = 'openapi' | 'oauth' | 'zns';
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

export interface OaAccount {
  alias: string;
  appId: string;
  appSecret: string;
  accessToken?: string;
  refreshToken?: string;
  isDefault: boolean;
  /** Where the bootstrap tokens came from, for `accounts` (default: the environment). */
  tokensFrom?: 'env' | 'accounts_file';
  /** The fixed PKCE verifier whose challenge is saved in the Zalo console (OA consent), if any. */
  pkceVerifier?: string;
  /** Send `appsecret_proof` with every Open API / ZBS call of this OA. */
  appsecretProof?: boolean;
}

export interface Config {
  accounts: OaAccount[];
  defaultOa: string;
  urls: Record<ApiFamily, string>;
  sandbox: boolean;
  tokenFile: string;
  /** A folder this start created for the sandbox's throwaway token store; removed at close/exit. */
  tempDir?: string;
  toolsets: string[];
  /** Where `toolsets` came from, so an unknown name is reported against what the user typed. */
  toolsetsFrom?: '--toolsets';
  tools: string[];
  denyTools: string[];
  readOnly: boolean;
  dryRun: boolean;
  uploadRoots: string[];
  httpToken?: string;
  /** `ZALO_MCP_HTTP_TOKENS=name:token,…`: several bearer tokens, each session bound to its token's name. */
  httpTokens: HttpToken[];
  allowedOrigins: string[];
  webhookSecret?: string;
  storePath: string;
  /** `ZALO_DATABASE_URL`: PostgreSQL holds the token pairs (and the store) instead of the file; a secret. */
  databaseUrl?: string;
  timeoutMs: number;
  /** Zalo requests started per minute and API family (default: Zalo's 4,000 per app). */
  ratePerMinute?: number;
  logLevel: LogLevel;
}

export interface HttpToken {
  name: string;
  token: string;
}

/** `name:token,…`; the error never repeats a token, only the entry's position or name. */
function parseHttpTokens(value: string | undefined): HttpToken[] {
  const out: HttpToken[] = [];
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  entries.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const name = colon > 0 ? entry.slice(0, colon) : '';
    const token = colon > 0 ? entry.slice(colon + 1) : '';
    if (!/^[A-Za-z0-9_.-]{1,32}$/.test(name)) throw new ConfigError(`ZALO_MCP_HTTP_TOKENS entry ${i + 1} must be name:token with a name of 1-32 of A-Z a-z 0-9 _ . -`);
    if (token.length < 16 || /\s/.test(token)) throw new ConfigError(`ZALO_MCP_HTTP_TOKENS entry "${name}": the token must be at least 16 characters without spaces`);
    if (out.some((t) => t.name === name)) throw new ConfigError(`ZALO_MCP_HTTP_TOKENS names "${name}" twice: names must be unique`);
    if (out.some((t) => t.token === token)) throw new ConfigError(`ZALO_MCP_HTTP_TOKENS entry "${name}" repeats another entry's token: tokens must be unique`);
    out.push({ name, token });
  });
  return out;
}

/** A configuration problem; `message` is the one line printed at start. */
export class ConfigError extends Error {}

const DEFAULT_URLS: Record<ApiFamily, string> = {
  openapi: 'https://openapi.zalo.me',
  oauth: 'https://oauth.zaloapp.com',
  zns: 'https://business.openapi.zalo.me',
};

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''], { message: 'must be 1 or 0 (true/false and yes/no also work)' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const list = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));
// Toolset and tool names are lower-case; `Messages, ZNS` means what it says.
const names = list.transform((l) => l.map((s) => s.toLowerCase()));
const baseUrl = z
  .string()
  .url('must be an absolute URL such as https://openapi.zalo.me (a path prefix is allowed)')
  .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
  .transform((u) => u.replace(/\/+$/, ''));

/** RFC 7636 verifier; `zalo-oa-mcp login --init` makes a 43-character one. */
const PKCE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const PKCE_VERIFIER_RULE = 'must be 43-128 characters of A-Z a-z 0-9 - . _ ~ (run `zalo-oa-mcp login --init` to make one)';

const TIMEOUT_RANGE = 'must be a whole number of milliseconds from 1000 to 120000';

const envSchema = z.object({
  ZALO_APP_ID: z.string().regex(/^\d+$/, 'must be the numeric app id from developers.zalo.me').optional(),
  ZALO_APP_SECRET: z.string().min(8, 'looks too short to be an app secret').optional(),
  ZALO_ACCESS_TOKEN: z.string().min(8).optional(),
  ZALO_REFRESH_TOKEN: z.string().min(8).optional(),
  ZALO_OA_ALIAS: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'use 1-32 of a-z 0-9 _ -').optional(),
  ZALO_TOKEN_FILE: z.string().min(1).optional(),
  ZALO_ACCOUNTS_FILE: z.string().min(1).optional(),
  ZALO_OPENAPI_URL: baseUrl.optional(),
  ZALO_OAUTH_URL: baseUrl.optional(),
  ZALO_ZNS_URL: baseUrl.optional(),
  ZALO_SANDBOX: flag.optional(),
  ZALO_TOOLSETS: names.optional(),
  ZALO_TOOLS: names.optional(),
  ZALO_DENY_TOOLS: names.optional(),
  ZALO_READ_ONLY: flag.optional(),
  ZALO_DRY_RUN: flag.optional(),
  ZALO_UPLOAD_ROOTS: z.string().optional(),
  ZALO_MCP_HTTP_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ZALO_MCP_HTTP_TOKENS: z.string().optional(),
  ZALO_MCP_ALLOWED_ORIGINS: list.optional(),
  ZALO_WEBHOOK_SECRET: z.string().min(8).optional(),
  ZALO_STORE_PATH: z.string().min(1).optional(),
  ZALO_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres://user:password@host:port/database URL (TLS: add ?sslmode=require)').optional(),
  ZALO_TIMEOUT_MS: z.coerce.number(TIMEOUT_RANGE).int(TIMEOUT_RANGE).min(1000, TIMEOUT_RANGE).max(120_000, TIMEOUT_RANGE).optional(),
  ZALO_LOG_LEVEL: z.enum(['debug', 'info', 'warning', 'error']).optional(),
  ZALO_RATE_PER_MINUTE: z.coerce.number().int('must be a whole number').min(1).max(1_000_000).optional(),
  ZALO_PKCE_VERIFIER: z.string().regex(PKCE_VERIFIER, PKCE_VERIFIER_RULE).optional(),
  ZALO_APPSECRET_PROOF: flag.optional(),
});

const accountSchema = z.object({
  alias: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'alias: use 1-32 of a-z 0-9 _ -'),
  app_id: z.coerce.string().regex(/^\d+$/, 'app_id must be numeric'),
  app_secret: z.string().min(8),
  access_token: z.string().min(8).optional(),
  refresh_token: z.string().min(8).optional(),
  default: z.boolean().optional(),
  pkce_verifier: z.string().regex(PKCE_VERIFIER, `pkce_verifier ${PKCE_VERIFIER_RULE}`).optional(),
  appsecret_proof: z.boolean().optional(),
});
const accountsFileSchema = z.union([z.array(accountSchema), z.object({ accounts: z.array(accountSchema) })]);

/** Variables that describe the single env-configured OA, meaningless beside an accounts file. */
const SINGLE_OA_VARIABLES = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_ACCESS_TOKEN', 'ZALO_REFRESH_TOKEN', 'ZALO_OA_ALIAS'] as const;

/** Command-line flags for the common settings; they win over the environment and .env. */
export interface ConfigFlags {
  toolsets?: string;
  readOnly?: boolean;
  dryRun?: boolean;
}

function flagVariables(flags: ConfigFlags = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (flags.toolsets !== undefined) out.ZALO_TOOLSETS = flags.toolsets;
  if (flags.readOnly) out.ZALO_READ_ONLY = '1';
  if (flags.dryRun) out.ZALO_DRY_RUN = '1';
  return out;
}

/** The closest of `known` to a mistyped `name` (edit distance ≤ 2, or a prefix), for "did you mean". */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    return row[b.length]!;
  };
  const scored = known.map((k) => ({ k, d: k.startsWith(name) || name.startsWith(k) ? 1 : distance(name, k) })).sort((x, y) => x.d - y.d);
  return scored[0] && scored[0].d <= 2 ? scored[0].k : undefined;
}

export interface LoadConfigOptions {
  /** `--toolsets`, `--read-only`, `--dry-run`. */
  flags?: ConfigFlags;
  env?: NodeJS.ProcessEnv;
  /** Set by `--sandbox`. */
  sandbox?: boolean;
  /** `login` runs before any token exists; everything else needs tokens in the env or the token file. */
  requireTokens?: boolean;
  /**
   * Where a sandbox run keeps tokens without ZALO_TOKEN_FILE: a throwaway folder (serving: each
   * start has a fresh simulator) or sandbox-tokens.json beside the real store, so that
   * `login --sandbox` is seen by a later `accounts --sandbox`. Never the real token file.
   */
  sandboxStore?: 'temporary' | 'persistent';
  /** Path of a .env file to read; variables already in `env` win. Default: ./.env if present. */
  dotenvPath?: string | null;
}

function readDotenv(path: string | null | undefined): Record<string, string> {
  const file = path === undefined ? resolve('.env') : path;
  if (!file) return {};
  try {
    return parseDotenv(readFileSync(file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && path === undefined) return {};
    throw new ConfigError(`.env file ${file} could not be read: ${(e as Error).message}`);
  }
}

function issueLine(prefix: string, error: z.ZodError): string {
  const first = error.issues[0];
  const where = first?.path.length ? first.path.join('.') : prefix;
  return `${prefix === where ? where : `${prefix}: ${where}`} ${first?.message ?? 'is invalid'}`;
}

/** `entry 2 (alias "hn") has no app_secret`: which entry, by position and alias, and which field. */
function accountIssue(raw: unknown, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'is invalid';
  const path = issue.path[0] === 'accounts' ? issue.path.slice(1) : issue.path;
  if (typeof path[0] !== 'number') return issueLine('entry', error);
  const list = (Array.isArray(raw) ? raw : (raw as { accounts?: unknown[] }).accounts) ?? [];
  const alias = (list[path[0]] as { alias?: unknown } | undefined)?.alias;
  const entry = `entry ${path[0] + 1}${typeof alias === 'string' ? ` (alias "${alias}")` : ''}`;
  const field = path[1];
  if (field === undefined) return `${entry} must be an object with alias, app_id and app_secret`;
  const missing = issue.code === 'invalid_type' && (list[path[0]] as Record<string, unknown> | undefined)?.[String(field)] === undefined;
  return missing ? `${entry} has no ${String(field)}` : `${entry}: ${String(field)} ${issue.message.replace(new RegExp(`^${String(field)}:? `), '')}`;
}

/**
 * A parser's complaint without the source it quotes: the YAML parser prints the offending line
 * with a caret under it, V8's JSON.parse a slice of the text, and either may hold the app secret.
 */
function parseErrorText(e: unknown): string {
  const first = String((e as Error).message ?? e).split('\n')[0]!.replace(/:\s*$/, '');
  return first.replace(/,\s*".*$/, ' (not valid JSON)');
}

function loadAccountsFile(path: string): OaAccount[] {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    // Zalo app ids have 19 digits, beyond a double's 2^53: an unquoted id must stay exact, not
    // round silently to another app's id (YAML: BigInt ints; JSON: quote app_id before parsing).
    raw = /\.ya?ml$/i.test(path)
      ? (require('yaml') as typeof import('yaml')).parse(text, { intAsBigInt: true })
      : JSON.parse(text.replace(/("app_id"\s*:\s*)(\d+)(?=\s*[,}\r\n])/g, '$1"$2"'));
  } catch (e) {
    throw new ConfigError(`ZALO_ACCOUNTS_FILE ${path} could not be read as ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${parseErrorText(e)}`);
  }
  // Parsed by the branch the file chose, so an error points into the entry rather than the union.
  const parsed = (Array.isArray(raw) ? accountsFileSchema.options[0] : accountsFileSchema.options[1]).safeParse(raw);
  if (!parsed.success) throw new ConfigError(`ZALO_ACCOUNTS_FILE ${accountIssue(raw, parsed.error)}; each entry needs alias, app_id, app_secret and a refresh_token or access_token`);
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.accounts;
  return list.map((a) => ({
    alias: a.alias,
    appId: a.app_id,
    appSecret: a.app_secret,
    accessToken: a.access_token,
    refreshToken: a.refresh_token,
    isDefault: a.default ?? false,
    tokensFrom: 'accounts_file' as const,
    pkceVerifier: a.pkce_verifier,
    appsecretProof: a.appsecret_proof,
  }));
}

function pickDefault(accounts: OaAccount[]): string {
  const aliases = new Set<string>();
  for (const a of accounts) {
    if (aliases.has(a.alias)) throw new ConfigError(`ZALO_ACCOUNTS_FILE lists alias "${a.alias}" twice: aliases must be unique`);
    aliases.add(a.alias);
  }
  const defaults = accounts.filter((a) => a.isDefault);
  if (defaults.length > 1) throw new ConfigError(`ZALO_ACCOUNTS_FILE marks ${defaults.length} accounts as default: mark exactly one`);
  return (defaults[0] ?? accounts[0]!).alias;
}

/** Read and validate the whole configuration. Throws ConfigError with a one-line message. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const merged = { ...readDotenv(options.dotenvPath), ...(options.env ?? process.env), ...flagVariables(options.flags) };
  const present = Object.fromEntries(Object.entries(merged).filter(([k, v]) => k.startsWith('ZALO_') && v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0])} ${issue.message}`);
  }
  const env = parsed.data;
  const sandbox = options.sandbox === true || env.ZALO_SANDBOX === true;

  let accounts: OaAccount[];
  if (sandbox) {
    accounts = SANDBOX_ACCOUNTS.map((a) => ({ alias: a.alias, appId: a.appId, appSecret: a.appSecret, refreshToken: a.refreshToken, isDefault: a.isDefault }));
  } else if (env.ZALO_ACCOUNTS_FILE) {
    const single = SINGLE_OA_VARIABLES.filter((v) => env[v] !== undefined);
    if (single.length) throw new ConfigError(`${single.join(', ')} ${single.length > 1 ? 'are' : 'is'} set together with ZALO_ACCOUNTS_FILE, which lists the OAs instead: put ${single.length > 1 ? 'them' : 'it'} in the accounts file entry, or unset ${single.length > 1 ? 'them' : 'it'}`);
    accounts = loadAccountsFile(env.ZALO_ACCOUNTS_FILE);
    if (accounts.length === 0) throw new ConfigError(`ZALO_ACCOUNTS_FILE ${env.ZALO_ACCOUNTS_FILE} lists no accounts: add at least one`);
  } else {
    if (!env.ZALO_APP_ID) throw new ConfigError('ZALO_APP_ID is missing: set your Zalo app id (developers.zalo.me), use ZALO_ACCOUNTS_FILE, or run with --sandbox to try the simulator');
    if (!env.ZALO_APP_SECRET) throw new ConfigError('ZALO_APP_SECRET is missing: set the app secret key of your Zalo app (developers.zalo.me → app settings)');
    accounts = [{ alias: env.ZALO_OA_ALIAS ?? 'default', appId: env.ZALO_APP_ID, appSecret: env.ZALO_APP_SECRET, accessToken: env.ZALO_ACCESS_TOKEN, refreshToken: env.ZALO_REFRESH_TOKEN, isDefault: true }];
  }
  // The environment's verifier and proof flag are the default; an accounts-file entry's own value wins.
  for (const a of accounts) {
    a.pkceVerifier ??= env.ZALO_PKCE_VERIFIER;
    a.appsecretProof ??= env.ZALO_APPSECRET_PROOF;
  }
  for (const a of accounts) [a.appSecret, a.accessToken, a.refreshToken, a.pkceVerifier].forEach(registerSecret);
  // Before the token check: a duplicated alias would otherwise be reported as a missing token.
  const defaultOa = pickDefault(accounts);
  registerSecret(env.ZALO_MCP_HTTP_TOKEN);
  // Secrets are registered first, so even a ConfigError about them prints nothing of them.
  for (const entry of (env.ZALO_MCP_HTTP_TOKENS ?? '').split(',')) registerSecret(entry.slice(entry.indexOf(':') + 1).trim() || undefined);
  const httpTokens = parseHttpTokens(env.ZALO_MCP_HTTP_TOKENS);
  registerSecret(env.ZALO_WEBHOOK_SECRET);
  registerSecret(env.ZALO_DATABASE_URL);
  registerSecret(databasePassword(env.ZALO_DATABASE_URL));

  // A sandbox run never touches the real token store unless the user points it somewhere explicitly.
  const storeDir = join(homedir(), '.config', 'zalo-oa-mcp');
  const tempDir = sandbox && !env.ZALO_TOKEN_FILE && options.sandboxStore !== 'persistent' ? makeTempDir('zalo-oa-mcp-sandbox-') : undefined;
  // The persistent sandbox store sits beside the real one under its own names.
  const sandboxPrefix = sandbox && !tempDir && !env.ZALO_TOKEN_FILE ? 'sandbox-' : '';
  const tokenFile = resolve(env.ZALO_TOKEN_FILE ?? join(tempDir ?? storeDir, `${sandboxPrefix}tokens.json`));
  // With a database the pairs are checked at the first call (which names `login`), not synchronously here.
  if (!sandbox && options.requireTokens !== false && !env.ZALO_DATABASE_URL) {
    const stored = storedAliasesSync(tokenFile);
    const missing = accounts.find((a) => !a.accessToken && !a.refreshToken && !stored.has(a.alias));
    if (missing) {
      throw new ConfigError(
        env.ZALO_ACCOUNTS_FILE
          ? `ZALO_ACCOUNTS_FILE entry "${missing.alias}" has no refresh_token and ${tokenFile} has no tokens for it: run \`zalo-oa-mcp login --oa ${missing.alias}\` once`
          : `ZALO_REFRESH_TOKEN is missing and ${tokenFile} has no tokens for OA "${missing.alias}": run \`zalo-oa-mcp login\` once, or set ZALO_REFRESH_TOKEN`,
      );
    }
  }
  const uploadRoots = (env.ZALO_UPLOAD_ROOTS ?? '').split(':').filter(Boolean).map((p) => resolve(p));

  return {
    accounts,
    defaultOa,
    urls: {
      openapi: env.ZALO_OPENAPI_URL ?? DEFAULT_URLS.openapi,
      oauth: env.ZALO_OAUTH_URL ?? DEFAULT_URLS.oauth,
      zns: env.ZALO_ZNS_URL ?? DEFAULT_URLS.zns,
    },
    sandbox,
    tokenFile,
    ...(tempDir ? { tempDir } : {}),
    toolsets: env.ZALO_TOOLSETS ?? ['default'],
    ...(options.flags?.toolsets !== undefined ? { toolsetsFrom: '--toolsets' as const } : {}),
    tools: env.ZALO_TOOLS ?? [],
    denyTools: env.ZALO_DENY_TOOLS ?? [],
    readOnly: env.ZALO_READ_ONLY ?? false,
    dryRun: env.ZALO_DRY_RUN ?? false,
    uploadRoots,
    httpToken: env.ZALO_MCP_HTTP_TOKEN,
    httpTokens,
    allowedOrigins: env.ZALO_MCP_ALLOWED_ORIGINS ?? [],
    webhookSecret: env.ZALO_WEBHOOK_SECRET ?? (sandbox ? SANDBOX_WEBHOOK_SECRET : undefined),
    storePath: resolve(env.ZALO_STORE_PATH ?? join(dirname(tokenFile), `${sandboxPrefix}store.sqlite`)),
    databaseUrl: env.ZALO_DATABASE_URL,
    timeoutMs: env.ZALO_TIMEOUT_MS ?? 15_000,
    ...(env.ZALO_RATE_PER_MINUTE !== undefined ? { ratePerMinute: env.ZALO_RATE_PER_MINUTE } : {}),
    logLevel: env.ZALO_LOG_LEVEL ?? 'info',
  };
}

function databasePassword(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** ZALO_STORE_PATH as the server reads it (environment, then ./.env), for commands that need no Zalo configuration. */
export function storePathSetting(options: Pick<LoadConfigOptions, 'env' | 'dotenvPath'> = {}): string | undefined {
  const value = (options.env ?? process.env).ZALO_STORE_PATH ?? readDotenv(options.dotenvPath).ZALO_STORE_PATH;
  return value ? resolve(value) : undefined;
}

/** Where the token pairs live, for messages: the file path, or the database (never its URL: it holds a password). */
export function tokenStoreLabel(config: Pick<Config, 'tokenFile' | 'databaseUrl'>): string {
  return config.databaseUrl ? 'PostgreSQL (ZALO_DATABASE_URL)' : config.tokenFile;
}

/** Point a sandbox configuration at a running simulator. */
export function withSandboxUrls(config: Config, origin: string): Config {
  return { ...config, urls: sandboxUrls(origin) };
}

/** The account for an alias (default OA when omitted); unknown aliases name the configured ones. */
export function accountFor(config: Config, alias?: string): OaAccount {
  const wanted = alias ?? config.defaultOa;
  const account = config.accounts.find((a) => a.alias === wanted);
  if (!account) throw new ConfigError(`Unknown OA "${wanted}": configured OAs are ${config.accounts.map((a) => a.alias).join(', ')}`);
  return account;
}
