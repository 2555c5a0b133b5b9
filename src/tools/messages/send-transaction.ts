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
  key: z.string().min(1).max(25).describe('Label (1-25 characters)'),
  value: z.string().min(1).max(100).describe('Value (1-100 characters)'),
  style: z.enum(['green', 'blue', 'yellow', 'red', 'grey']).optional().describe('Colour; only for the key "Trạng thái" / "Status"'),
});

export const messagesSendTransaction = defineTool({
  name: 'messages_send_transaction',
  toolset: 'messages',
  title: 'Send transaction message',
  description:
    'Send a transaction card (order, booking, billing... status with a banner, header, text, key/value table and buttons) to a follower. ' +
    'Pick it over messages_send_text for transaction updates outside the consultation window; it uses the OA\'s transaction quota and needs a follower.',
  input: {
    ...recipientInput,
    template_type: z.enum(TRANSACTION_TYPES).describe('Kind of transaction'),
    language: z.enum(['VI', 'EN']).default('VI').describe('Language of the template\'s fixed labels'),
    banner_url: httpsUrl('Banner image'),
    header: z.string().min(1).max(100).describe('Header, e.g. "Trạng thái đơn hàng" (1-100 characters)'),
    text: z.string().min(1).max(1000).optional().describe('Body text (1-1000 characters)'),
    table: z
      .array(row)
      .min(1)
      .max(5)
      .describe('Rows (1-5); Zalo requires an id row: key starting "Mã" (VI) / containing "Code" (EN), or "Tên khách hàng" / "Customer Name"'),
    buttons: z.array(buttonInput).max(4).optional().describe('Buttons (0-4)'),
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
