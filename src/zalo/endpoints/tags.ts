/** tags endpoints. */
import type { OaRequest } from './request.js';

export function tagsEndpoints(request: OaRequest) {
  return {};
}
