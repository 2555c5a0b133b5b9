export interface Db { url: string; password: string; stop(): Promise<void>; start(): Promise<void>; close(): Promise<void>; freshUrl(prefix: string): Promise<string> }
export interface PgTrialEnv { db: Db; close(): Promise<void>; stored(): Promise<string | undefined> }
export function setup(db: Db): Promise<PgTrialEnv>;
export function stormTrial(env: PgTrialEnv, o?: { procs?: number; calls?: number; spreadMs?: number; expireAtMs?: number | null }): Promise<{ refreshes: number; calls: number; failed: number; errors: string[]; storedIsLive: boolean; p50Ms: number; p99Ms: number }>;
export function killHolderTrial(env: PgTrialEnv, o?: { calls?: number }): Promise<{ lockHeld: number; signal: string | null; refreshes: number; failed: number; errors: string[]; storedIsLive: boolean }>;
interface Burst { failed: number; ok: number; errors: string[] }
export function restartTrial(env: PgTrialEnv, o?: { procs?: number; calls?: number; spreadMs?: number; stopAtMs?: number; downMs?: number }): Promise<{ during: Burst & { retryable: boolean }; after: Burst; refreshes: number; storedIsLive: boolean }>;
export function randomKillTrial(env: PgTrialEnv, killAfterMs: number): Promise<{ whole: boolean; journaled: boolean; lost: boolean; sinceAnswerMs: number | null; lockedOut: boolean; error?: string; journalsLeft: number }>;
export function journalTrial(env: PgTrialEnv, o?: { via?: 'holder' | 'start'; calls?: number }): Promise<{ signal: string | null; terminated: number; rowIsOld: boolean; journaled: number; failed: number; errors: string[]; rolledAtStart?: boolean; refreshes: number; storedIsLive: boolean; journalsLeft: number }>;
