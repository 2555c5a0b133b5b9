import { z } from 'zod';
import { defineTool, UPDATE } from '../define-tool.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { storeId } from './shared.js';

export const storeCategoriesUpdate = defineTool({
  name: 'store_categories_update',
  toolset: 'store',
  title: 'Update store category',
  description: 'Rename or re-describe a Zalo Shop category; only the fields given are sent.',
  input: {
    id: storeId('category'),
    name: z.string().min(1).max(100).optional().describe('New name (1-100 chars)'),
    description: z.string().max(500).optional().describe('New description (≤ 500 chars)'),
  },
  output: { id: z.string(), updated: z.array(z.string()).describe('Fields sent') },
  annotations: UPDATE,
  handler: async ({ id, name, description }, { zalo }) => {
    const fields = Object.fromEntries(Object.entries({ name, description }).filter(([, v]) => v !== undefined));
    if (Object.keys(fields).length === 0) throw new ZaloInputError('nothing to update', 'Give name or description.');
    await zalo.store.updateCategory(id, fields);
    return { id, updated: Object.keys(fields) };
  },
});
