/** Public surface of the simulator. */
export { startSandbox, type Sandbox, type FailRule, type LoggedRequest, type StartSandboxOptions } from './server.js';
export { SANDBOX_ACCOUNTS, sandboxUrls } from './credentials.js';
export { windowOf, type WindowState } from './seed/index.js';
