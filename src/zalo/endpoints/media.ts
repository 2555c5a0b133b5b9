/** media endpoints. */
import type { OaRequest } from './request.js';

export function mediaEndpoints(request: OaRequest) {
  return {};
}
