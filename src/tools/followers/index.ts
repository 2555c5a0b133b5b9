import type { ToolDefinition } from '../define-tool.js';
import { followersCheckStatus } from './check-status.js';
import { followersGetProfile } from './get-profile.js';
import { followersList } from './list.js';
import { followersSearch } from './search.js';
import { followersSync } from './sync.js';
import { followersUpdateInfo } from './update-info.js';

export const followersTools: ToolDefinition[] = [followersList, followersGetProfile, followersUpdateInfo, followersCheckStatus, followersSearch, followersSync];
