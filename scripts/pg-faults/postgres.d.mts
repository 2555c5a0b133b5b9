import type { Db } from './trials.mjs';
export function startPostgres(): Promise<Db>;
