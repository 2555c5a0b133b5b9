import type { ToolDefinition } from '../define-tool.js';
import { inboxListEvents } from './list-events.js';
import { inboxListUnanswered } from './list-unanswered.js';

export const inboxTools: ToolDefinition[] = [inboxListUnanswered, inboxListEvents];
