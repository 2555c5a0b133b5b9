import { z } from 'zod';
import { defineTool, UPDATE } from '../define-tool.js';
import { ORDER_STATUS } from '../../zalo/endpoints/store.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { legacyNote, orderStatus, storeId } from './shared.js';

export const storeOrdersUpdate = defineTool({
  name: 'store_orders_update',
  toolset: 'store',
  title: 'Update store order',
  description: `Move a store order to a new status such as confirmed, shipping or cancelled (with a reason); never retried automatically. ${legacyNote}`,
  input: {
    id: storeId('order'),
    status: orderStatus(),
    reason: z.string().min(1).max(500).optional().describe('Why the status changed, e.g. a return reason (≤ 500 characters)'),
    cancel_reason: z.string().min(1).max(500).optional().describe('Required when status is cancelled (≤ 500 characters)'),
  },
  output: { id: z.string(), status: orderStatus() },
  annotations: UPDATE,
  handler: async ({ id, status, reason, cancel_reason }, { zalo }) => {
    if (status === 'cancelled' && !cancel_reason) throw new ZaloInputError('cancel_reason is required to cancel an order', 'Give cancel_reason (shown to the shop and customer).');
    if (status !== 'cancelled' && cancel_reason) throw new ZaloInputError('cancel_reason is only for status cancelled', 'Use reason for other status changes.');
    await zalo.store.updateOrder({ orderid: id, status: ORDER_STATUS[status], reason, cancelReason: cancel_reason });
    return { id, status };
  },
});
