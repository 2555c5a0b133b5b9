import type { ToolDefinition } from '../define-tool.js';
import { znsGetMessageStatus } from './get-message-status.js';
import { znsGetQuota } from './get-quota.js';
import { znsGetTemplate } from './get-template.js';
import { znsListTemplates } from './list-templates.js';
import { znsSend } from './send.js';

export const znsTools: ToolDefinition[] = [znsSend, znsListTemplates, znsGetTemplate, znsGetQuota, znsGetMessageStatus];
