/** calls endpoints. */
import type { OaRequest } from './request.js';

export function callsEndpoints(request: OaRequest) {
  return {};
}
