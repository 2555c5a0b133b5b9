/** OA endpoints: profile (GET /v2.0/oa/getoa). */
import { z } from 'zod';
import type { OaRequest } from './request.js';

/** [C oa_id; rest I]: tolerant, unknown fields pass through. */
export const oaProfileSchema = z.looseObject({
  oa_id: z.coerce.string(),
  name: z.string().default(''),
  description: z.string().default(''),
  avatar: z.string().default(''),
  cover: z.string().default(''),
  is_verified: z.boolean().optional(),
  num_follower: z.coerce.number().optional(),
});

export function oaEndpoints(request: OaRequest) {
  return {
    profile: () => request({ api: 'openapi', method: 'GET', path: '/v2.0/oa/getoa', schema: oaProfileSchema }),
  };
}
