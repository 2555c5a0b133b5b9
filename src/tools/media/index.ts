import type { ToolDefinition } from '../define-tool.js';
import { mediaUploadFile } from './upload-file.js';
import { mediaUploadGif } from './upload-gif.js';
import { mediaUploadImage } from './upload-image.js';

export const mediaTools: ToolDefinition[] = [mediaUploadImage, mediaUploadGif, mediaUploadFile];
