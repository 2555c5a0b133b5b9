import { z } from 'zod';
import { defineTool, UPDATE } from '../define-tool.js';
import { ORDER_MOVE_NAMES, ORDER_MOVES, ORDER_STATUS, orderStatusName } from '../../zalo/endpoints/store.js';
import { ZaloInputError } from '../../zalo/errors.js';
import { storeId } from './shared.js';

export const storeOrdersUpdate = defineTool({
  name: 'store_orders_update',
  toolset: 'store',
  title: 'Update store order status',
  description: 'Move one or several Zalo Shop orders to a new status in one call; never retried automatically. Allowed: new → confirmed → shipping → completed, and new or confirmed → cancelled_by_seller. Any other move is refused before sending.',
  input: {
    ids: z.array(storeId('order')).min(1).max(50).describe('Order ids (1-50), all moved to the same status'),
    status: z.enum(ORDER_MOVE_NAMES).describe('Target status'),
  },
  output: { ids: z.array(z.string()), status: z.enum(ORDER_MOVE_NAMES) },
  annotations: UPDATE,
  handler: async ({ ids, status }, { zalo }) => {
    const unique = [...new Set(ids)];
    // Read every order first: a batch with one illegal move is refused whole, before Zalo sees it.
    const current = await Promise.all(unique.map(async (id) => ({ id, status: orderStatusName((await zalo.store.getOrder(id)).status) })));
    const allowed: readonly string[] = ORDER_MOVES[status];
    const refused = current.filter((o) => !allowed.includes(o.status));
    if (refused.length) {
      const list = refused.map((o) => `${o.id} is ${o.status}`).join(', ');
      throw new ZaloInputError(`cannot move to ${status}: ${list}`, `${status} is reachable only from ${allowed.join(' or ')}; leave those orders out or move them step by step.`);
    }
    await zalo.store.updateOrderStatus(unique, ORDER_STATUS[status]);
    return { ids: unique, status };
  },
});
