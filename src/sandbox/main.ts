#!/usr/bin/env node
/**
 * `npm run sandbox`: run the Zalo simulator alone and print how to point a client at it: the
 * three base URLs and the built-in apps' credentials (valid only against this simulator).
 * `--webhook-url URL` posts simulated users' signed webhooks there; `--busy-hour` makes followers
 * write `--per-minute N` messages a minute (default 30), printed as they arrive. `--latency-ms N`
 * delays every answer, as a Zalo that is a network away would (the benches' remote upstream).
 */
import { parseArgs } from 'node:util';
import { SANDBOX_ACCOUNTS } from './credentials.js';
import { startSandbox } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    // Zalo's stricter set-ups, to try a client against them by hand.
    'require-appsecret-proof': { type: 'boolean', default: false },
    'console-challenge': { type: 'string' },
    'console-callback': { type: 'string' },
    'webhook-url': { type: 'string' },
    'busy-hour': { type: 'boolean', default: false },
    'per-minute': { type: 'string', default: '30' },
    'latency-ms': { type: 'string', default: '0' },
  },
});
const busy = values['busy-hour'];
const perMinute = Math.min(6000, Math.max(1, Number(values['per-minute']) || 30));
const latencyMs = Math.min(60_000, Math.max(0, Number(values['latency-ms']) || 0));
const sandbox = await startSandbox({ port: Number(values.port), requireAppsecretProof: values['require-appsecret-proof'], webhookUrl: values['webhook-url'], latencyMs });
if (values['console-challenge']) sandbox.oauthConsole({ challenge: values['console-challenge'], callbackUrl: values['console-callback'] });
const following = (alias: string) => [...sandbox.oa(alias).followers.values()].filter((f) => f.is_follower).length;
const credentials = SANDBOX_ACCOUNTS.flatMap((a) => [
  `  OA "${a.alias}"${a.isDefault ? ' (default)' : ''}: ${sandbox.oa(a.alias).followers.size} seeded users, ${following(a.alias)} following`,
  `    ZALO_APP_ID=${a.appId}`,
  `    ZALO_APP_SECRET=${a.appSecret}`,
  `    ZALO_REFRESH_TOKEN=${a.refreshToken}   (single-use; the first refresh rotates it)`,
]);
process.stdout.write(
  [
    `Zalo sandbox listening on ${sandbox.origin}`,
    `  ZALO_OPENAPI_URL=${sandbox.urls.openapi}`,
    `  ZALO_OAUTH_URL=${sandbox.urls.oauth}`,
    `  ZALO_ZNS_URL=${sandbox.urls.zns}`,
    'Built-in apps (they work only against this simulator):',
    ...credentials,
    `Clock: the wall clock; conversations are seeded relative to this start. Access tokens live ${sandbox.state.accessTtlS} s.`,
    ...(values['webhook-url'] ? [`Webhooks → ${values['webhook-url']} (signed with the sandbox OA secret key)`] : []),
    ...(busy ? [`Busy hour: ${perMinute} customer messages a minute`] : []),
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);
const stopBusy = busy
  ? sandbox.webhooks.busyHour(sandbox.oa(), perMinute, (f, text) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${f.display_name}: ${text}\n`))
  : () => undefined;
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  stopBusy();
  void sandbox.close().then(() => process.exit(0));
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
