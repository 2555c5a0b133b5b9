import { defineTool, READ } from '../define-tool.js';
import { orderOut, storeId, toOrder } from './shared.js';

export const storeOrdersGet = defineTool({
  name: 'store_orders_get',
  toolset: 'store',
  title: 'Get store order',
  description: 'One Zalo Shop order with its status, customer, lines and totals in integer VND.',
  input: { id: storeId('order') },
  output: orderOut.shape,
  annotations: READ,
  handler: async ({ id }, { zalo }) => toOrder(await zalo.store.getOrder(id)),
});
