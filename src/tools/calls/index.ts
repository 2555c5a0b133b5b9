import type { ToolDefinition } from '../define-tool.js';
import { callsCheckPermission } from './check-permission.js';
import { callsCreateLink } from './create-link.js';
import { callsRequestPermission } from './request-permission.js';

export const callsTools: ToolDefinition[] = [callsRequestPermission, callsCheckPermission, callsCreateLink];
