import type { ToolDefinition } from '../define-tool.js';
import { oaGetProfile } from './get-profile.js';

export const oaTools: ToolDefinition[] = [oaGetProfile];
