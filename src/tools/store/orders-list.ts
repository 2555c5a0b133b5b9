import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';
import { ORDER_STATUS, ORDER_STATUS_NAMES } from '../../zalo/endpoints/store.js';
import { orderOut, toOrder } from './shared.js';

export const storeOrdersList = defineTool({
  name: 'store_orders_list',
  toolset: 'store',
  title: 'List store orders',
  description: 'Page through the OA\'s Zalo Shop orders, optionally of one status. Amounts are integer VND.',
  input: {
    status: z.enum(ORDER_STATUS_NAMES).optional().describe('Only orders in this status; all when omitted'),
    offset: offset(),
    count: count({ max: 50, def: 20 }),
  },
  output: pageOf(orderOut),
  annotations: READ,
  handler: async ({ status, offset, count }, { zalo }) => {
    const r = await zalo.store.listOrders({ ...(status ? { status: ORDER_STATUS[status] } : {}), offset, limit: count });
    return toPage(r.rows.map(toOrder), offset, count, r.total);
  },
});
