/** zns endpoints. */
import type { OaRequest } from './request.js';

export function znsEndpoints(request: OaRequest) {
  return {};
}
