import type { ToolDefinition } from '../define-tool.js';
import { messagesGetStatus } from './get-status.js';
import { messagesReact } from './react.js';
import { messagesSendFile } from './send-file.js';
import { messagesSendGroupText } from './send-group-text.js';
import { messagesSendImage } from './send-image.js';
import { messagesSendRequestInfo } from './send-request-info.js';
import { messagesSendSticker } from './send-sticker.js';
import { messagesSendText } from './send-text.js';

export const messagesTools: ToolDefinition[] = [
  messagesSendText, messagesSendImage, messagesSendFile, messagesSendSticker, messagesSendRequestInfo,
  messagesReact, messagesSendGroupText, messagesGetStatus,
];
