/**
 * POST /v2.0/oa/message, the v2.0 path Zalo kept for reactions and article broadcasts [C J-T, N]
 * (anonymous replies are not simulated: -201 recipient).
 *
 * - Reaction: `recipient{user_id}` + `{react_icon, react_message_id}` under `sender_action` (Java
 *   SDK) or under `message` (.NET SDK) — the placement is [X], so both are accepted. Icons [C
 *   ReactIcon.cs]; `--b` is also accepted with the en-dash ReactIcon.cs has. At most 50 reactions
 *   per message (-210) [D]; no quota is used [D].
 * - Broadcast: `recipient.target` + one media element `{media_type:"article", attachment_id}` of a
 *   published article. Target values are [X] (scalars, comma strings or arrays; `platform` or
 *   `platforms`): all are accepted, each value checked against its range [C].
 */
import { invalid, SimError, type Route } from '../router.js';
import { nextId, slice, type OaState } from '../state.js';
import { articlesState } from './articles.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

const ICONS = new Set([':>', '--b', '\u2013b', ':-((', '/-strong', '/-heart', ':-h', ':o', '/-remove']);
const MAX_REACTIONS = 50;

/** Ranges of the target keys [C J-T, N-E TargetBroadcast*]. */
const TARGET_RANGES: Record<string, [number, number]> = { ages: [0, 7], gender: [0, 2], locations: [0, 2], cities: [0, 63], platform: [1, 3], telcos: [1, 4] };

export interface SimReaction { icon: string | null; count: number }
export interface SimBroadcast { message_id: string; article_id: string; target: Record<string, number[]>; time: number }

export const reactions = (oa: OaState) => slice(oa, 'reactions', () => new Map<string, SimReaction>());
export const broadcasts = (oa: OaState) => slice(oa, 'broadcasts', () => [] as SimBroadcast[]);

/** A target value in any of the three forms → its codes, or -201 naming the key. */
function codes(key: string, value: unknown): number[] {
  const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  const [min, max] = TARGET_RANGES[key]!;
  return parts.map((p) => {
    const n = typeof p === 'number' ? p : typeof p === 'string' && /^\s*\d+\s*$/.test(p) ? Number(p) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) throw invalid(`target.${key}`, `Values ${min}-${max}.`);
    return n;
  });
}

function react(oa: OaState, userId: unknown, action: Obj): { message_id: string } {
  const user = oa.followers.get(String(userId ?? ''));
  if (!user) throw invalid('user_id');
  const icon = String(action.react_icon ?? '');
  if (!ICONS.has(icon)) throw invalid('react_icon');
  const id = String(action.react_message_id ?? '');
  const m = oa.messages.find((x) => x.message_id === id && x.user_id === user.user_id);
  if (!m) throw invalid('react_message_id');
  const r = reactions(oa).get(id) ?? { icon: null, count: 0 };
  if (icon !== '/-remove' && r.count >= MAX_REACTIONS) throw new SimError(-210, `Parameter exceeds allowable limit: at most ${MAX_REACTIONS} reactions per message`);
  reactions(oa).set(id, icon === '/-remove' ? { ...r, icon: null } : { icon, count: r.count + 1 });
  return { message_id: id };
}

function broadcast(oa: OaState, target: Obj, message: Obj | undefined, id: string, now: number): { message_id: string } {
  const element = obj((obj(obj(message?.attachment)?.payload)?.elements as unknown[] | undefined)?.[0]);
  if (!element || element.media_type !== 'article' || !element.attachment_id) throw invalid('elements', 'A broadcast carries one article element.');
  const article = articlesState(oa, now).articles.get(String(element.attachment_id));
  if (!article) throw invalid('attachment_id');
  if (article.status !== 'show') throw invalid('attachment_id', 'The article is not published.');
  const parsed: Record<string, number[]> = {};
  for (const [key, value] of Object.entries(target)) {
    const k = key === 'platforms' ? 'platform' : key;
    if (!TARGET_RANGES[k]) throw invalid(`target.${key}`);
    parsed[k] = codes(k, value);
  }
  broadcasts(oa).push({ message_id: id, article_id: article.id, target: parsed, time: now });
  return { message_id: id };
}

export const messageV2Routes: Route[] = [
  {
    family: 'openapi',
    method: 'POST',
    path: '/v2.0/oa/message',
    handle: ({ req, oa, sim, now }) => {
      const recipient = obj(req.body.recipient);
      if (!recipient) throw invalid('recipient');
      const message = obj(req.body.message);
      const action = obj(req.body.sender_action) ?? (message?.react_icon !== undefined ? message : undefined);
      if (action) return react(oa, recipient.user_id, action);
      const target = obj(recipient.target);
      if (target) return broadcast(oa, target, message, nextId(sim), now);
      throw invalid('recipient');
    },
  },
];
