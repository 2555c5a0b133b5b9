#!/usr/bin/env node
/**
 * `npm run sandbox`: run the Zalo simulator alone and print where it listens.
 * `--webhook-url URL` posts simulated users' signed webhooks there; `--busy-hour` makes followers
 * write `--per-minute N` messages a minute (default 30), printed as they arrive.
 */
import { parseArgs } from 'node:util';
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
  },
});
const busy = values['busy-hour'];
const perMinute = Math.min(6000, Math.max(1, Number(values['per-minute']) || 30));
const sandbox = await startSandbox({ port: Number(values.port), requireAppsecretProof: values['require-appsecret-proof'], webhookUrl: values['webhook-url'] });
if (values['console-challenge']) sandbox.oauthConsole({ challenge: values['console-challenge'], callbackUrl: values['console-callback'] });
process.stdout.write(
  [
    `Zalo sandbox listening on ${sandbox.origin}`,
    `  ZALO_OPENAPI_URL=${sandbox.urls.openapi}`,
    `  ZALO_OAUTH_URL=${sandbox.urls.oauth}`,
    `  ZALO_ZNS_URL=${sandbox.urls.zns}`,
    ...(values['webhook-url'] ? [`  webhooks → ${values['webhook-url']} (signed with the sandbox OA secret key)`] : []),
    ...(busy ? [`  busy hour: ${perMinute} customer messages a minute`] : []),
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);
const stopBusy = busy
  ? sandbox.webhooks.busyHour(sandbox.oa(), perMinute, (f, text) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${f.display_name}: ${text}\n`))
  : () => undefined;
const stop = () => {
  stopBusy();
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
