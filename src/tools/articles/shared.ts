/**
 * What the article tools share: the input fields of a normal article, body-block checks (the
 * schema keeps one flat block object; which fields a block needs is checked here), the Zalo body
 * and a time helper. Zalo's limits: title ≤ 150, author ≤ 50, description ≤ 300 characters.
 */
import { z } from 'zod';
import { httpsUrl } from '../params.js';
import { ZaloError, ZaloInputError } from '../../zalo/errors.js';
import type { NormalArticleBody } from '../../zalo/endpoints/articles.js';

export const articleId = () => z.string().regex(/^[\w-]{1,64}$/, 'must be a Zalo article id').describe('Article id (from articles_list or articles_create)');

const block = z.object({
  type: z.enum(['text', 'image', 'video']).describe('text: content; image: url, caption?; video: video_id, thumb?'),
  content: z.string().min(1).max(10_000).optional().describe('Text block: paragraph, ≤ 10000 chars'),
  url: httpsUrl('Image block').optional(),
  caption: z.string().max(200).optional().describe('Image block: caption, ≤ 200 chars'),
  video_id: z.string().regex(/^[\w-]{1,64}$/).optional().describe('Video block: ready id from articles_get_video_status'),
  thumb: httpsUrl('Video block: thumbnail').optional(),
});
export type Block = z.infer<typeof block>;

/** Fields of a normal article; `optional` makes every one optional (for updates). */
export function articleFields() {
  return {
    title: z.string().min(1).max(150).describe('Title, ≤ 150 chars'),
    author: z.string().min(1).max(50).describe('Author, ≤ 50 chars'),
    cover_url: httpsUrl('Cover photo'),
    description: z.string().min(1).max(300).describe('Summary, ≤ 300 chars'),
    body: z.array(block).min(1).max(100).describe('Blocks in order, ≤ 100'),
    status: z.enum(['show', 'hide']).describe('hide: saved unpublished'),
    comment: z.enum(['show', 'hide']).describe('Allow comments'),
  };
}

const NEEDS: Record<Block['type'], { required: Array<keyof Block>; allowed: Array<keyof Block> }> = {
  text: { required: ['content'], allowed: ['content'] },
  image: { required: ['url'], allowed: ['url', 'caption'] },
  video: { required: ['video_id'], allowed: ['video_id', 'thumb'] },
};

/** Check each block has what its type needs (and nothing of another type), and map it to Zalo's shape. */
export function toZaloBlocks(body: Block[]): Array<Record<string, string>> {
  return body.map((b, i) => {
    const need = NEEDS[b.type];
    const missing = need.required.find((k) => !b[k]);
    if (missing) throw new ZaloInputError(`body[${i}] is a ${b.type} block without ${missing}`, `A ${b.type} block needs ${need.required.join(', ')}.`);
    const extra = (Object.keys(b) as Array<keyof Block>).find((k) => k !== 'type' && b[k] !== undefined && !need.allowed.includes(k));
    if (extra) throw new ZaloInputError(`body[${i}] is a ${b.type} block but has ${extra}`, `A ${b.type} block takes only ${need.allowed.join(', ')}; use a separate block.`);
    return Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined)) as Record<string, string>;
  });
}

/** Zalo's stored blocks back into our shape (for read-modify-write); unknown block types refuse the edit. */
export function fromZaloBlocks(blocks: Array<Record<string, unknown>>): Block[] {
  return blocks.map((b, i) => {
    const need = NEEDS[b.type as Block['type']];
    if (!need) throw new ZaloInputError(`the article's body[${i}] is a "${String(b.type)}" block this tool cannot keep`, 'Pass body to replace all blocks.');
    return Object.fromEntries([['type', b.type], ...need.allowed.filter((k) => b[k] !== undefined && b[k] !== '').map((k) => [k, String(b[k])])]) as Block;
  });
}

export interface ArticleArgs {
  title: string; author: string; cover_url: string; description: string; body: Block[]; status: 'show' | 'hide'; comment: 'show' | 'hide';
}

export function toZaloArticle(a: ArticleArgs): NormalArticleBody {
  return {
    type: 'normal', title: a.title, author: a.author, description: a.description,
    cover: { cover_type: 'photo', photo_url: a.cover_url, status: 'show' },
    body: toZaloBlocks(a.body), status: a.status, comment: a.comment,
  };
}

/** Zalo dates arrive as epoch ms (some APIs seconds) [I]; ISO or undefined. */
export function isoTime(t: number | undefined): string | undefined {
  if (t === undefined || !Number.isFinite(t) || t <= 0) return undefined;
  return new Date(t < 1e12 ? t * 1000 : t).toISOString();
}

/**
 * Create/update already happened when verify fails: say so, so the model does not write the
 * article a second time (Zalo answers -214 while it is still processing).
 */
export function unverified(done: 'created' | 'updated', token: string) {
  return (e: unknown): never => {
    if (!(e instanceof ZaloError)) throw e;
    throw new ZaloError(`the article was ${done}, but Zalo has not confirmed its id yet: ${e.message}`, {
      code: e.code, kind: e.kind, httpStatus: e.httpStatus, endpoint: e.endpoint,
      hint: `Do not ${done === 'created' ? 'create it again' : 'repeat the update'}: in a few seconds find it with articles_list (token ${token}).`,
    });
  };
}

export const writeOutput = {
  id: z.string().describe('Article id'),
  status: z.enum(['show', 'hide']),
  token: z.string().describe('Zalo\'s creation token (already verified into id)'),
};
