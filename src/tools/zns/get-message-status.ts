import { z } from 'zod';
import { normalizePhone } from '../../zalo/phone.js';
import { defineTool, READ } from '../define-tool.js';
import { phone } from '../params.js';
import { storedMessage } from '../../store/record.js';

export const znsGetMessageStatus = defineTool({
  name: 'zns_get_message_status',
  toolset: 'zns',
  title: 'Get ZNS message status',
  description: 'Whether a template sent by phone with zns_send has been delivered to the phone, and when.',
  input: {
    message_id: z.string().regex(/^[\w-]{1,64}$/, 'must be a ZNS message id').describe('message_id returned by zns_send'),
    phone: phone(),
  },
  output: {
    message_id: z.string(),
    delivered: z.boolean(),
    status: z.number().nullable(),
    delivery_time: z.string().nullable(),
    message: z.string().nullable(),
  },
  annotations: READ,
  handler: async ({ message_id, phone: raw }, ctx) => {
    const phone84 = normalizePhone(raw);
    // A user_received_message webhook already told us: no call needed.
    const known = await storedMessage(ctx, message_id);
    if (known?.deliveredAt) return { message_id, delivered: true, status: 1, delivery_time: new Date(known.deliveredAt).toISOString(), message: 'delivered (from the user_received_message webhook)' };
    const s = await ctx.zalo.zns.status(message_id, phone84);
    return {
      message_id,
      delivered: s.status === 1,
      status: s.status ?? null,
      delivery_time: s.delivery_time ? new Date(s.delivery_time).toISOString() : null,
      message: s.message ?? null,
    };
  },
});
