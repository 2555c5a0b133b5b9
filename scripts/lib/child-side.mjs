/**
 * The child's side of scripts/lib/json-child.mjs: one JSON object per stdout line, commands on
 * stdin, and the refresh loop both fault trials SIGKILL at random moments.
 */
import { createInterface } from 'node:readline';

export const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
export const lines = createInterface({ input: process.stdin });
export const next = () => new Promise((resolve) => lines.once('line', resolve));

/** Replace the access token (a refresh each round) until "stop" or 3 errors; returns the counts. */
export async function refreshUntilStopped(tokens) {
  let stop = false;
  lines.on('line', (l) => { if (l === 'stop') stop = true; });
  out({ ready: true });
  const errors = [];
  let rounds = 0;
  while (!stop && errors.length < 3) {
    try {
      await tokens.replaceInvalid(await tokens.accessToken());
      rounds++;
    } catch (e) {
      errors.push(e.message);
    }
  }
  return { rounds, errors };
}
