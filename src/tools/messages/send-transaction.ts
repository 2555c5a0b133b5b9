import { z } from 'zod';
import { defineTool, CREATE } from '../define-tool.js';
import { httpsUrl } from '../params.js';
import { buttonInput, toZaloButton } from './buttons.js';
import { recipientInput, sendOutput, sendToRecipient } from './recipient.js';

/** Zalo's transaction template types [C: docs-derived tables in several integrations]. */
export const TRANSACTION_TYPES = [
  'transaction_billing', 'transaction_order', 'transaction_reward', 'transaction_contract', 'transaction_booking',
  'transaction_membership', 'transaction_event', 'transaction_transaction', 'transaction_account', 'transaction_internal',
  'transaction_partnership', 'transaction_education', 'transaction_rating',
] as const;

const row = z.object({
  key: z.string().min(1).max(25).describe('≤25 chars'),
  value: z.string().min(1).max(100).describe('≤100 chars'),
  style: z.enum(['green', 'blue', 'yellow', 'red', 'grey']).optional().describe('Only for key "Trạng thái"/"Status"'),
});

export const messagesSendTransaction = defineTool({
  name: 'messages_send_transaction',
  toolset: 'messages',
  title: 'Send transaction message',
  description:
    'Send an order/booking/billing... update card (banner, header, text, table, buttons) to a follower at any time. ' +
    'Use it over messages_send_text after the 7-day window; it uses the OA\'s transaction quota.',
  input: {
    ...recipientInput,
    template_type: z.enum(TRANSACTION_TYPES).describe('Kind'),
    language: z.enum(['VI', 'EN']).default('VI').describe('Label language'),
    banner_url: httpsUrl('Banner image'),
    header: z.string().min(1).max(100).describe('≤100 chars'),
    text: z.string().min(1).max(1000).optional().describe('Body, ≤1000 chars'),
    table: z
      .array(row)
      .min(1)
      .max(5)
      .describe('1-5 rows; one must be an id: key "Mã..."/"...Code..." or "Tên khách hàng"/"Customer Name"'),
    buttons: z.array(buttonInput).max(4).optional().describe('0-4 buttons'),
  },
  output: sendOutput,
  annotations: CREATE,
  handler: async ({ template_type, language, banner_url, header, text, table, buttons, ...to }, ctx) => {
    const zaloButtons = buttons?.map(toZaloButton);
    const elements = [
      { type: 'banner', image_url: banner_url },
      { type: 'header', content: header, align: 'left' },
      ...(text ? [{ type: 'text', content: text, align: 'left' }] : []),
      { type: 'table', content: table },
    ];
    return sendToRecipient(to, ctx, (recipient) =>
      ctx.zalo.messages.sendTransaction(recipient, {
        attachment: { type: 'template', payload: { template_type, language, elements, ...(zaloButtons?.length ? { buttons: zaloButtons } : {}) } },
      }));
  },
});
