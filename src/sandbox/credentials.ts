/**
 * The simulator's built-in Zalo apps and OAs. They are only ever valid against the sandbox,
 * so `--sandbox` needs no credentials and can never touch a real account.
 */
export interface SandboxAccount {
  alias: string;
  oaId: string;
  appId: string;
  appSecret: string;
  /** The refresh token the simulator accepts first; single-use like Zalo's. */
  refreshToken: string;
  isDefault: boolean;
}

export const SANDBOX_ACCOUNTS: readonly SandboxAccount[] = [
  { alias: 'shop', oaId: '1032900368563776489', appId: '3017450163290040611', appSecret: 'sandbox-app-secret-shop-8f2k', refreshToken: 'sandbox-refresh-shop-initial-0001', isDefault: true },
  { alias: 'branch', oaId: '2841100923487766001', appId: '3017450163290040622', appSecret: 'sandbox-app-secret-branch-4m9q', refreshToken: 'sandbox-refresh-branch-initial-0001', isDefault: false },
];

/** The OA secret key the simulator signs its webhooks with (`--sandbox` verifies with it). */
export const SANDBOX_WEBHOOK_SECRET = 'sandbox-oa-secret-key-webhook-5d1c';

/** The three API families live under one sandbox origin, each behind its own path prefix. */
export function sandboxUrls(origin: string): { openapi: string; oauth: string; zns: string } {
  return { openapi: `${origin}/openapi`, oauth: `${origin}/oauth`, zns: `${origin}/zns` };
}
