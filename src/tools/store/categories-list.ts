import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';
import { categoryOut, toCategory } from './shared.js';

export const storeCategoriesList = defineTool({
  name: 'store_categories_list',
  toolset: 'store',
  title: 'List store categories',
  description: 'Page through the OA\'s Zalo Shop categories (the category_id of store_products_create).',
  input: { offset: offset(), count: count({ max: 50, def: 20 }) },
  output: pageOf(categoryOut),
  annotations: READ,
  handler: async ({ offset, count }, { zalo }) => {
    const r = await zalo.store.listCategories({ offset, limit: count });
    // Zalo may ignore the paging and answer every category [I]: page them here then.
    const rows = r.total === undefined && r.rows.length > count ? r.rows.slice(offset, offset + count) : r.rows;
    const total = r.total ?? (r.rows.length > count ? r.rows.length : undefined);
    return toPage(rows.map(toCategory), offset, count, total);
  },
});
