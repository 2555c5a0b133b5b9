import { z } from 'zod';
import { CREATE, defineTool } from '../define-tool.js';
import { categoryOut } from './shared.js';

export const storeCategoriesCreate = defineTool({
  name: 'store_categories_create',
  toolset: 'store',
  title: 'Create store category',
  description: 'Add a category to the OA\'s Zalo Shop and return its id.',
  input: {
    name: z.string().min(1).max(100).describe('Name (1-100 chars)'),
    description: z.string().max(500).optional().describe('Description (≤ 500 chars)'),
  },
  output: categoryOut.shape,
  annotations: CREATE,
  handler: async ({ name, description }, { zalo }) => {
    const { id } = await zalo.store.createCategory(description === undefined ? { name } : { name, description });
    return { id, name, description };
  },
});
