/** Tag endpoints (/v2.0/oa/tag/*, [C paths]): list the OA's tags, tag and untag a follower, delete a tag. */
import { z } from 'zod';
import type { OaRequest } from './request.js';

/** data of GET /v2.0/oa/tag/gettagsofoa: the tag names. */
export const tagListSchema = z.array(z.string());

export function tagsEndpoints(request: OaRequest) {
  return {
    list: () => request({ api: 'openapi', method: 'GET', path: '/v2.0/oa/tag/gettagsofoa', schema: tagListSchema }),
    /** Zalo creates the tag when it does not exist yet. */
    addFollower: (userId: string, tagName: string) =>
      request({ api: 'openapi', method: 'POST', path: '/v2.0/oa/tag/tagfollower', body: { user_id: userId, tag_name: tagName } }),
    removeFollower: (userId: string, tagName: string) =>
      request({ api: 'openapi', method: 'POST', path: '/v2.0/oa/tag/rmfollowerfromtag', body: { user_id: userId, tag_name: tagName } }),
    /** Removes the tag from the OA and from every follower. */
    remove: (tagName: string) => request({ api: 'openapi', method: 'POST', path: '/v2.0/oa/tag/rmtag', body: { tag_name: tagName } }),
  };
}
