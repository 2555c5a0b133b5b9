/** Tags of the simulator (/v2.0/oa/tag/*): the OA's tag set and each follower's tags. */
import { invalid, need, type Route } from '../router.js';
import { followerOf } from './followers.js';

const TAG_MAX = 50;

function tagName(source: Record<string, unknown>): string {
  const tag = need(source, 'tag_name');
  if (tag.length > TAG_MAX) throw invalid('tag_name');
  return tag;
}

export const tagsRoutes: Route[] = [
  {
    family: 'openapi',
    method: 'GET',
    path: '/v2.0/oa/tag/gettagsofoa',
    handle: ({ oa }) => [...oa.tags],
  },
  {
    family: 'openapi',
    method: 'POST',
    path: '/v2.0/oa/tag/tagfollower',
    handle: ({ req, oa }) => {
      const f = followerOf(oa, need(req.body, 'user_id'));
      const tag = tagName(req.body);
      oa.tags.add(tag);
      f.tags.add(tag);
      return undefined;
    },
  },
  {
    family: 'openapi',
    method: 'POST',
    path: '/v2.0/oa/tag/rmfollowerfromtag',
    handle: ({ req, oa }) => {
      const f = followerOf(oa, need(req.body, 'user_id'));
      const tag = tagName(req.body);
      if (!f.tags.delete(tag)) throw invalid('tag_name');
      return undefined;
    },
  },
  {
    family: 'openapi',
    method: 'POST',
    path: '/v2.0/oa/tag/rmtag',
    handle: ({ req, oa }) => {
      const tag = tagName(req.body);
      if (!oa.tags.delete(tag)) throw invalid('tag_name');
      for (const f of oa.followers.values()) f.tags.delete(tag);
      return undefined;
    },
  },
];
