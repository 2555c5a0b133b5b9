import type { ToolDefinition } from '../define-tool.js';
import { articlesBroadcast } from './broadcast.js';
import { articlesCreate } from './create.js';
import { articlesDelete } from './delete.js';
import { articlesGet } from './get.js';
import { articlesGetVideoStatus } from './get-video-status.js';
import { articlesList } from './list.js';
import { articlesUpdate } from './update.js';
import { articlesUploadVideo } from './upload-video.js';

export const articlesTools: ToolDefinition[] = [
  articlesCreate, articlesUpdate, articlesDelete, articlesList, articlesGet, articlesUploadVideo, articlesGetVideoStatus, articlesBroadcast,
];
