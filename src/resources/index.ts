/** Resources: configured OAs, OA profile, follower profile, conversation history. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from '../server.js';

export function registerResources(_server: McpServer, _deps: ServerDeps): void {}
