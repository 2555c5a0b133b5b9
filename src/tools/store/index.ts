import type { ToolDefinition } from '../define-tool.js';
import { storeCategoriesCreate } from './categories-create.js';
import { storeCategoriesList } from './categories-list.js';
import { storeCategoriesUpdate } from './categories-update.js';
import { storeOrdersCreate } from './orders-create.js';
import { storeOrdersGet } from './orders-get.js';
import { storeOrdersList } from './orders-list.js';
import { storeOrdersUpdate } from './orders-update.js';
import { storeProductsCreate } from './products-create.js';
import { storeProductsGet } from './products-get.js';
import { storeProductsList } from './products-list.js';
import { storeProductsUpdate } from './products-update.js';

export const storeTools: ToolDefinition[] = [
  storeProductsCreate, storeProductsUpdate, storeProductsGet, storeProductsList,
  storeCategoriesCreate, storeCategoriesUpdate, storeCategoriesList,
  storeOrdersCreate, storeOrdersUpdate, storeOrdersGet, storeOrdersList,
];
