/**
 * Template buttons (list and transaction messages). Zalo's button payload differs per type [C
 * .NET SDK classes]: {url} | query string | {content, phone_code} | {phone_code}. One flat input
 * object with `value` keeps the schema free of unions; the payload is built and checked here.
 */
import { z } from 'zod';
import type { Button } from '../../zalo/endpoints/messages.js';
import { ZaloInputError } from '../../zalo/errors.js';

export const BUTTON_TYPES = ['oa.open.url', 'oa.query.show', 'oa.query.hide', 'oa.open.sms', 'oa.open.phone'] as const;

export const buttonInput = z.object({
  title: z.string().min(1).max(100).describe('Label'),
  type: z.enum(BUTTON_TYPES).describe('What a tap does with value'),
  value: z.string().min(1).max(1000).describe('URL, query text or phone'),
  sms_text: z.string().min(1).max(500).optional().describe('SMS body'),
});

export type ButtonInput = z.infer<typeof buttonInput>;

/** Zalo's button, or a ZaloInputError naming the button that does not fit its type. */
export function toZaloButton(b: ButtonInput, index: number): Button {
  const where = `buttons[${index}].value`;
  switch (b.type) {
    case 'oa.open.url':
      if (!/^https:\/\/\S+$/.test(b.value)) throw new ZaloInputError(`${where} must be an https URL for oa.open.url`);
      return { title: b.title, type: b.type, payload: { url: b.value } };
    case 'oa.query.show':
    case 'oa.query.hide':
      return { title: b.title, type: b.type, payload: b.value };
    case 'oa.open.sms':
    case 'oa.open.phone': {
      const phone = b.value.replace(/[\s.-]/g, '');
      if (!/^\+?\d{3,15}$/.test(phone)) throw new ZaloInputError(`${where} must be a phone number (3-15 digits) for ${b.type}`);
      return b.type === 'oa.open.phone'
        ? { title: b.title, type: b.type, payload: { phone_code: phone } }
        : { title: b.title, type: b.type, payload: { phone_code: phone, content: b.sms_text ?? '' } };
    }
  }
}
