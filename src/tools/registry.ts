/**
 * ALL_TOOLS and the filters over it (GitHub MCP server style): toolsets, the `default` set,
 * single-tool allow/deny lists and read-only mode are all just selections of this list.
 */
import { ConfigError, nearestName, type Config } from '../config.js';
import { articlesTools } from './articles/index.js';
import { callsTools } from './calls/index.js';
import { conversationsTools } from './conversations/index.js';
import type { AnyTool } from './define-tool.js';
import { followersTools } from './followers/index.js';
import { inboxTools } from './inbox/index.js';
import { mediaTools } from './media/index.js';
import { messagesTools } from './messages/index.js';
import { oaTools } from './oa/index.js';
import { storeTools } from './store/index.js';
import { tagsTools } from './tags/index.js';
import { znsTools } from './zns/index.js';

/** What a toolset is besides its tools; its tools are those whose `toolset` field names it. */
export interface ToolsetInfo {
  name: string;
  description: string;
  /** Part of the `default` selection. */
  default: boolean;
}

export interface Toolset extends ToolsetInfo {
  tools: AnyTool[];
}

/** The toolsets in catalogue order. */
export const TOOLSET_INFO: ToolsetInfo[] = [
  { name: 'oa', description: 'OA profile, message quota, menu', default: true },
  { name: 'followers', description: 'Followers: list, profile, update, can-I-message check', default: true },
  { name: 'tags', description: 'Follower tags', default: true },
  { name: 'conversations', description: 'Recent chats and chat history', default: true },
  { name: 'messages', description: 'Send consultation messages, stickers, reactions and group messages', default: true },
  { name: 'media', description: 'Upload images, GIFs and files for messages', default: false },
  { name: 'articles', description: 'OA articles, videos and article broadcasts', default: false },
  { name: 'store', description: 'Store products, categories, orders (legacy Zalo API)', default: false },
  { name: 'zns', description: 'Template messages (ZBS, ex-ZNS) by phone or user_id', default: true },
  { name: 'calls', description: 'Call permission and call links', default: false },
  { name: 'inbox', description: 'Unanswered chats and webhook events (needs the webhook receiver)', default: false },
];

/** Every tool, from every folder; which folder a tool lives in does not decide its toolset. */
const DEFINED: AnyTool[] = [
  ...oaTools, ...followersTools, ...tagsTools, ...conversationsTools, ...messagesTools,
  ...mediaTools, ...articlesTools, ...storeTools, ...znsTools, ...callsTools, ...inboxTools,
];

/** Toolsets grouped from each tool's own `toolset` field, tools in definition order. */
export const TOOLSETS: Toolset[] = TOOLSET_INFO.map((info) => ({ ...info, tools: DEFINED.filter((t) => t.toolset === info.name) }));

/** Every tool of a declared toolset, in catalogue order (the registry test rejects undeclared ones). */
export const ALL_TOOLS: AnyTool[] = TOOLSETS.flatMap((t) => t.tools);

/** Tools whose `toolset` names no declared toolset: must be empty (a contract test says so). */
export const UNGROUPED_TOOLS: AnyTool[] = DEFINED.filter((t) => !TOOLSET_INFO.some((i) => i.name === t.toolset));

const didYouMean = (name: string, known: string[]) => {
  const near = nearestName(name, known);
  return near ? ` (did you mean "${near}"?)` : '';
};

/** The tools a configuration exposes, in catalogue order. Unknown names fail at start. */
export function selectTools(config: Pick<Config, 'toolsets' | 'toolsetsFrom' | 'tools' | 'denyTools' | 'readOnly'>): AnyTool[] {
  const known = new Set(TOOLSETS.map((t) => t.name));
  const sets = new Set<string>();
  for (const name of config.toolsets) {
    if (name === 'all') TOOLSETS.forEach((t) => sets.add(t.name));
    else if (name === 'default') TOOLSETS.filter((t) => t.default).forEach((t) => sets.add(t.name));
    else if (known.has(name)) sets.add(name);
    else throw new ConfigError(`${config.toolsetsFrom ?? 'ZALO_TOOLSETS'} has unknown toolset "${name}"${didYouMean(name, ['all', 'default', ...known])}: use all, default or ${[...known].join(', ')}`);
  }
  const names = new Set(ALL_TOOLS.map((t) => t.name));
  for (const [variable, list] of [['ZALO_TOOLS', config.tools], ['ZALO_DENY_TOOLS', config.denyTools]] as const) {
    const unknown = list.find((n) => !names.has(n));
    if (unknown) throw new ConfigError(`${variable} has unknown tool "${unknown}"${didYouMean(unknown, [...names])}: see the tool list in the README`);
  }
  const extra = new Set(config.tools);
  const deny = new Set(config.denyTools);
  return ALL_TOOLS.filter(
    (t) => (sets.has(t.toolset) || extra.has(t.name)) && !deny.has(t.name) && (!config.readOnly || t.annotations.readOnlyHint),
  );
}
