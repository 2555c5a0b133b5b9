/** followers endpoints. */
import type { OaRequest } from './request.js';

export function followersEndpoints(request: OaRequest) {
  return {};
}
