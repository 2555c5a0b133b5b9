import type { ToolDefinition } from '../define-tool.js';
import { messagesGetStatus } from './get-status.js';
import { messagesSendFile } from './send-file.js';
import { messagesSendGroupText } from './send-group-text.js';
import { messagesSendImage } from './send-image.js';
import { messagesSendList } from './send-list.js';
import { messagesSendRequestInfo } from './send-request-info.js';
import { messagesSendText } from './send-text.js';
import { messagesSendTransaction } from './send-transaction.js';

export const messagesTools: ToolDefinition[] = [
  messagesSendText, messagesSendImage, messagesSendFile, messagesSendList, messagesSendRequestInfo,
  messagesSendTransaction, messagesSendGroupText, messagesGetStatus,
];
