export interface TrialEnv {
  tokenFile: string;
  grants(): number;
  close(): Promise<void>;
}
export interface StormResult { refreshes: number; calls: number; failed: number; errors: string[] }
export interface KillResult {
  heldLock: boolean;
  journaled: boolean;
  inFlight: boolean;
  sinceAnswerMs: number | null;
  corrupt: boolean;
  mode: number;
  lockedOut: boolean;
  error?: string;
}
export function setup(): Promise<TrialEnv>;
export function stormTrial(env: TrialEnv, options?: { procs?: number; calls?: number; spreadMs?: number; expireAtMs?: number }): Promise<StormResult>;
export function killTrial(env: TrialEnv, killAfterMs: number): Promise<KillResult>;
