import { CREATE, defineTool } from '../define-tool.js';
import { articleFields, toZaloArticle, unverified, writeOutput } from './shared.js';

const f = articleFields();

export const articlesCreate = defineTool({
  name: 'articles_create',
  toolset: 'articles',
  title: 'Create article',
  description:
    'Create an OA article from text, image and video blocks; returns its id. Some OA tiers get Zalo error -209 here.',
  input: {
    title: f.title,
    author: f.author,
    cover_url: f.cover_url,
    description: f.description,
    body: f.body,
    status: f.status.default('show'),
    comment: f.comment.default('show'),
  },
  output: writeOutput,
  annotations: CREATE,
  handler: async (args, { zalo }) => {
    const body = toZaloArticle(args);
    const { token } = await zalo.articles.create(body);
    const { id } = await zalo.articles.verify(token).catch(unverified('created', token));
    return { id, status: body.status, token };
  },
});
