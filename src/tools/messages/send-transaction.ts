import { z } from 'zod';
import { defineTool, CREATE } from '../define-tool.js';
import { httpsUrl } from '../params.js';
import { buttonInput, toZaloButton } from './buttons.js';
import { sendOutput, sendToRecipient, userRecipientInput } from './recipient.js';

/** Zalo's transaction template types [C: docs-derived tables in several integrations]. */
export const TRANSACTION_TYPES = [
  'transaction_billing', 'transaction_order', 'transaction_reward', 'transaction_contract', 'transaction_booking',
  'transaction_membership', 'transaction_event', 'transaction_transaction', 'transaction_account', 'transaction_internal',
  'transaction_partnership', 'transaction_education', 'transaction_rating',
] as const;

const row = z.object({
  key: z.string().min(1).max(25).describe('Label'),
  value: z.string().min(1).max(100).describe('Value'),
  style: z.enum(['green', 'blue', 'yellow', 'red', 'grey']).optional().describe('Status row colour'),
});

export const messagesSendTransaction = defineTool({
  name: 'messages_send_transaction',
  toolset: 'messages',
  title: 'Send transaction message',
  description:
    
    'Send an order/booking/billing update card to a follower, at any time (OA transaction quota); use it after the 7-day consultation window.',
  input: {
    ...userRecipientInput,
    template_type: z.enum(TRANSACTION_TYPES).describe('Kind'),
    language: z.enum(['VI', 'EN']).default('VI').describe('Label language'),
    banner_url: httpsUrl('Banner image'),
    header: z.string().min(1).max(100).describe('Title'),
    text: z.string().min(1).max(1000).optional().describe('Body'),
    table: z
      .array(row)
      .min(1)
      .max(5)
      .describe('Rows; one must identify the order or customer (e.g. "Mã đơn hàng")'),
    buttons: z.array(buttonInput).max(4).optional().describe('Buttons'),
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
