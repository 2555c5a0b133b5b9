import type { ToolDefinition } from '../define-tool.js';
import { conversationsGetHistory } from './get-history.js';
import { conversationsListRecent } from './list-recent.js';

export const conversationsTools: ToolDefinition[] = [conversationsListRecent, conversationsGetHistory];
