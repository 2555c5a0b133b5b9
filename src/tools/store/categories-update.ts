import { z } from 'zod';
import { defineTool, UPDATE } from '../define-tool.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { legacyNote, storeId } from './shared.js';

export const storeCategoriesUpdate = defineTool({
  name: 'store_categories_update',
  toolset: 'store',
  title: 'Update store category',
  description: `Rename, re-describe, show or hide a store category; only the fields given are sent. ${legacyNote}`,
  input: {
    id: storeId('category'),
    name: z.string().min(1).max(100).optional().describe('New name (1-100 characters)'),
    description: z.string().max(500).optional().describe('New description (≤ 500 characters)'),
    status: z.enum(['show', 'hide']).optional().describe('show or hide the category'),
  },
  output: { id: z.string(), updated: z.array(z.string()).describe('Fields sent to Zalo') },
  annotations: UPDATE,
  handler: async ({ id, name, description, status }, { zalo }) => {
    // No legacy "get category" call exists, so this is a partial update rather than read-modify-write.
    const category = { name, desc: description, status: status === undefined ? undefined : status === 'hide' ? (1 as const) : (0 as const) };
    const updated = Object.entries({ name, description, status }).filter(([, v]) => v !== undefined).map(([k]) => k);
    if (updated.length === 0) throw new ZaloInputError('nothing to update', 'Give at least one of name, description, status.');
    await zalo.store.updateCategory(id, category);
    return { id, updated };
  },
});
