/** conversations endpoints. */
import type { OaRequest } from './request.js';

export function conversationsEndpoints(request: OaRequest) {
  return {};
}
