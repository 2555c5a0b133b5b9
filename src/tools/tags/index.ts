import type { ToolDefinition } from '../define-tool.js';
import { tagsAddFollower } from './add-follower.js';
import { tagsDelete } from './delete.js';
import { tagsList } from './list.js';
import { tagsRemoveFollower } from './remove-follower.js';

export const tagsTools: ToolDefinition[] = [tagsList, tagsAddFollower, tagsRemoveFollower, tagsDelete];
