import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';
import { categoryOut, legacyNote, toCategory } from './shared.js';

export const storeCategoriesList = defineTool({
  name: 'store_categories_list',
  toolset: 'store',
  title: 'List store categories',
  description: `Page through the OA's store categories (ids for store_products_create). ${legacyNote}`,
  input: { offset: offset(), count: count({ max: 50, def: 20 }) },
  output: pageOf(categoryOut),
  annotations: READ,
  handler: async ({ offset, count }, { zalo }) => {
    const r = await zalo.store.listCategories({ offset, count });
    return toPage(r.categories.map(toCategory), offset, count, r.total);
  },
});
