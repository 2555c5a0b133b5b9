import { z } from 'zod';
import { CREATE, defineTool } from '../define-tool.js';
import { categoryOut, legacyNote } from './shared.js';

export const storeCategoriesCreate = defineTool({
  name: 'store_categories_create',
  toolset: 'store',
  title: 'Create store category',
  description: `Add a product category to the OA's Zalo store. ${legacyNote}`,
  input: {
    name: z.string().min(1).max(100).describe('Category name (1-100 characters)'),
    description: z.string().max(500).optional().describe('Description (≤ 500 characters)'),
    status: z.enum(['show', 'hide']).default('show').describe('show = visible in the store, hide = hidden'),
  },
  output: categoryOut.shape,
  annotations: CREATE,
  handler: async ({ name, description, status }, { zalo }) => {
    const { id } = await zalo.store.createCategory({ name, desc: description, status: status === 'hide' ? 1 : 0 });
    return { id, name, description, status };
  },
});
