/** store endpoints. */
import type { OaRequest } from './request.js';

export function storeEndpoints(request: OaRequest) {
  return {};
}
