import { z } from 'zod';
import { CREATE, defineTool } from '../define-tool.js';
import { phone, userId } from '../params.js';
import { normalizePhone } from '../../zalo/phone.js';
import { ORDER_STATUS } from '../../zalo/endpoints/store.js';
import { orderOut, storeId, toOrder, vnd } from './shared.js';

export const storeOrdersCreate = defineTool({
  name: 'store_orders_create',
  toolset: 'store',
  title: 'Create store order',
  // Zalo's legacy docs list no order create (ZALO_API.md): the description says so rather than promise it.
  description: 'Record a new order in the OA\'s Zalo store; line prices come from the catalogue. Never retried automatically: after a network error check store_orders_list before calling again. Zalo\'s legacy store API documents no order creation, so Zalo may refuse this call.',
  input: {
    customer_name: z.string().min(1).max(100).describe('Customer name (1-100 characters)'),
    customer_phone: phone(),
    address: z.string().min(1).max(300).describe('Delivery address (1-300 characters)'),
    items: z.array(z.object({
      product_id: storeId('product'),
      quantity: z.number().int().min(1).max(1000).describe('Units (1-1000)'),
    })).min(1).max(50).describe('Ordered products (1-50 lines)'),
    shipping_fee: vnd('Shipping fee').default(0),
    note: z.string().max(500).optional().describe('Note for the shop (≤ 500 characters)'),
    user_id: userId().optional().describe('Zalo user_id of the customer, if a follower'),
  },
  output: orderOut.shape,
  annotations: CREATE,
  handler: async (a, { zalo }) => {
    const o = await zalo.store.createOrder({
      customerName: a.customer_name, customerPhone: normalizePhone(a.customer_phone, 'customer_phone'), address: a.address,
      items: a.items.map((i) => ({ productid: i.product_id, quantity: i.quantity })), shippingFee: a.shipping_fee, note: a.note, userId: a.user_id,
    });
    // Zalo documents no order-create answer [I]: an order without a status is a new one.
    return toOrder({ ...o, status: o.status ?? ORDER_STATUS.new });
  },
});
