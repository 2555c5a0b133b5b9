import type { ToolDefinition } from '../define-tool.js';
import { storeCategoriesCreate } from './categories-create.js';
import { storeCategoriesDelete } from './categories-delete.js';
import { storeCategoriesList } from './categories-list.js';
import { storeCategoriesUpdate } from './categories-update.js';
import { storeOrdersGet } from './orders-get.js';
import { storeOrdersList } from './orders-list.js';
import { storeOrdersUpdate } from './orders-update.js';
import { storeProductsCreate } from './products-create.js';
import { storeProductsDelete } from './products-delete.js';
import { storeProductsGet } from './products-get.js';
import { storeProductsList } from './products-list.js';
import { storeProductsUpdate } from './products-update.js';

export const storeTools: ToolDefinition[] = [
  storeProductsList, storeProductsGet, storeProductsCreate, storeProductsUpdate, storeProductsDelete,
  storeCategoriesList, storeCategoriesCreate, storeCategoriesUpdate, storeCategoriesDelete,
  storeOrdersList, storeOrdersGet, storeOrdersUpdate,
];
