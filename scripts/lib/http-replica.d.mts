import type { ChildProcess } from 'node:child_process';
export const REPLICA_WEBHOOK_SECRET: string;
export const REPLICA_HTTP_TOKEN: string;
export function zaloSignature(appId: string, raw: string, timestamp: string, key?: string): string;
export interface HttpReplica { child: ChildProcess; mcp: string; webhook: string; stderr(): string; stop(): Promise<void> }
export function startHttpReplica(o: {
  databaseUrl: string;
  account: { alias: string; appId: string; appSecret: string; refreshToken: string };
  urls: { openapi: string; oauth: string; zns: string };
  home: string;
  env?: Record<string, string>;
}): Promise<HttpReplica>;
