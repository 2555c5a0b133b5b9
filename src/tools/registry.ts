/**
 * ALL_TOOLS and the filters over it (GitHub MCP server style): toolsets, the `default` set,
 * single-tool allow/deny lists and read-only mode are all just selections of this list.
 */
import { ConfigError, type Config } from '../config.js';
import { articlesTools } from './articles/index.js';
import { callsTools } from './calls/index.js';
import { conversationsTools } from './conversations/index.js';
import type { ToolDefinition } from './define-tool.js';
import { followersTools } from './followers/index.js';
import { inboxTools } from './inbox/index.js';
import { mediaTools } from './media/index.js';
import { messagesTools } from './messages/index.js';
import { oaTools } from './oa/index.js';
import { storeTools } from './store/index.js';
import { tagsTools } from './tags/index.js';
import { znsTools } from './zns/index.js';

export interface Toolset {
  name: string;
  description: string;
  /** Part of the `default` selection. */
  default: boolean;
  tools: ToolDefinition[];
}

export const TOOLSETS: Toolset[] = [
  { name: 'oa', description: 'OA profile, message quota, menu', default: true, tools: oaTools },
  { name: 'followers', description: 'Followers: list, profile, update, can-I-message check', default: true, tools: followersTools },
  { name: 'tags', description: 'Follower tags', default: true, tools: tagsTools },
  { name: 'conversations', description: 'Recent chats and chat history', default: true, tools: conversationsTools },
  { name: 'messages', description: 'Send consultation, transaction and group messages', default: true, tools: messagesTools },
  { name: 'media', description: 'Upload images, GIFs and files for messages', default: false, tools: mediaTools },
  { name: 'articles', description: 'OA articles and videos', default: false, tools: articlesTools },
  { name: 'store', description: 'Store products, categories, orders (legacy Zalo API)', default: false, tools: storeTools },
  { name: 'zns', description: 'ZNS template messages by phone number', default: false, tools: znsTools },
  { name: 'calls', description: 'Permission to call a follower', default: false, tools: callsTools },
  { name: 'inbox', description: 'Unanswered chats and webhook events (needs the webhook receiver)', default: false, tools: inboxTools },
];

export const ALL_TOOLS: ToolDefinition[] = TOOLSETS.flatMap((t) => t.tools);

/** The tools a configuration exposes, in catalogue order. Unknown names fail at start. */
export function selectTools(config: Pick<Config, 'toolsets' | 'tools' | 'denyTools' | 'readOnly'>): ToolDefinition[] {
  const known = new Set(TOOLSETS.map((t) => t.name));
  const sets = new Set<string>();
  for (const name of config.toolsets) {
    if (name === 'all') TOOLSETS.forEach((t) => sets.add(t.name));
    else if (name === 'default') TOOLSETS.filter((t) => t.default).forEach((t) => sets.add(t.name));
    else if (known.has(name)) sets.add(name);
    else throw new ConfigError(`ZALO_TOOLSETS has unknown toolset "${name}": use all, default or ${[...known].join(', ')}`);
  }
  const names = new Set(ALL_TOOLS.map((t) => t.name));
  for (const [variable, list] of [['ZALO_TOOLS', config.tools], ['ZALO_DENY_TOOLS', config.denyTools]] as const) {
    const unknown = list.find((n) => !names.has(n));
    if (unknown) throw new ConfigError(`${variable} has unknown tool "${unknown}": see the tool list in the README`);
  }
  const extra = new Set(config.tools);
  const deny = new Set(config.denyTools);
  return ALL_TOOLS.filter(
    (t) => (sets.has(t.toolset) || extra.has(t.name)) && !deny.has(t.name) && (!config.readOnly || t.annotations.readOnlyHint),
  );
}
