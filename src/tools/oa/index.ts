import type { ToolDefinition } from '../define-tool.js';
import { oaGetProfile } from './get-profile.js';
import { oaGetQuota } from './get-quota.js';
import { oaUpdateMenu } from './update-menu.js';

export const oaTools: ToolDefinition[] = [oaGetProfile, oaGetQuota, oaUpdateMenu];
