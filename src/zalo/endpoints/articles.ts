/** articles endpoints. */
import type { OaRequest } from './request.js';

export function articlesEndpoints(request: OaRequest) {
  return {};
}
