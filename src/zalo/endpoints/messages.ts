/** messages endpoints. */
import type { OaRequest } from './request.js';

export function messagesEndpoints(request: OaRequest) {
  return {};
}
