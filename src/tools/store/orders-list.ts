import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';
import { ORDER_STATUS } from '../../zalo/endpoints/store.js';
import { legacyNote, orderOut, orderStatus, toOrder } from './shared.js';

export const storeOrdersList = defineTool({
  name: 'store_orders_list',
  toolset: 'store',
  title: 'List store orders',
  description: `Page through the OA's store orders, newest first, optionally only one status. ${legacyNote}`,
  input: { status: orderStatus().optional(), offset: offset(), count: count({ max: 50, def: 20 }) },
  output: pageOf(orderOut),
  annotations: READ,
  handler: async ({ status, offset, count }, { zalo }) => {
    const r = await zalo.store.listOrders({ offset, count, ...(status ? { filter: ORDER_STATUS[status] } : {}) });
    return toPage(r.orders.map(toOrder), offset, count, r.total);
  },
});
