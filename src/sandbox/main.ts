#!/usr/bin/env node
/**
 * `npm run sandbox`: run the Zalo simulator alone and print how to point a client at it: the
 * three base URLs and the built-in apps' credentials (valid only against this simulator).
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
  },
});
const sandbox = await startSandbox({ port: Number(values.port), requireAppsecretProof: values['require-appsecret-proof'] });
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
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void sandbox.close().then(() => process.exit(0));
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
