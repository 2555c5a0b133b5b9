import { defineTool, UPDATE } from '../define-tool.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { articleFields, articleId, fromZaloBlocks, toZaloArticle, unverified, writeOutput } from './shared.js';

const f = articleFields();

export const articlesUpdate = defineTool({
  name: 'articles_update',
  toolset: 'articles',
  title: 'Update article',
  description:
    'Change an article: omitted fields keep their value (read first); body replaces all blocks. Video articles cannot be edited here.',
  input: {
    id: articleId(),
    title: f.title.optional(),
    author: f.author.optional(),
    cover_url: f.cover_url.optional(),
    description: f.description.optional(),
    body: f.body.optional(),
    status: f.status.optional(),
    comment: f.comment.optional(),
  },
  output: writeOutput,
  annotations: UPDATE,
  handler: async ({ id, ...changes }, { zalo }) => {
    const cur = await zalo.articles.detail(id);
    if (cur.type === 'video') throw new ZaloInputError(`article ${id} is a video article`, 'Only normal articles can be edited with articles_update.');
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const body = toZaloArticle({
      title: cur.title,
      author: cur.author ?? '',
      cover_url: cur.cover?.photo_url ?? '',
      description: cur.description ?? '',
      body: changes.body ?? fromZaloBlocks(cur.body ?? []),
      status: cur.status === 'hide' ? 'hide' : 'show',
      comment: cur.comment === 'hide' ? 'hide' : 'show',
      ...given,
    });
    const { token } = await zalo.articles.update({ ...body, id });
    const verified = await zalo.articles.verify(token).catch(unverified('updated', token));
    return { id: verified.id, status: body.status, token };
  },
});
