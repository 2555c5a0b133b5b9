/** Prompts (support reply, follower enrichment) are registered here. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServerDeps } from '../server.js';

export function registerPrompts(_server: McpServer, _deps: ServerDeps): void {}
