#!/usr/bin/env node
/** `npm run sandbox`: run the Zalo simulator alone and print where it listens. */
import { parseArgs } from 'node:util';
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
process.stdout.write(
  [
    `Zalo sandbox listening on ${sandbox.origin}`,
    `  ZALO_OPENAPI_URL=${sandbox.urls.openapi}`,
    `  ZALO_OAUTH_URL=${sandbox.urls.oauth}`,
    `  ZALO_ZNS_URL=${sandbox.urls.zns}`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
