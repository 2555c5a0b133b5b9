import { z } from 'zod';
import { MENU_ACTIONS, type OaMenuBody } from '../../zalo/endpoints/oa.js';
import { ZaloApiError, ZaloInputError, ZaloPermissionError } from '../../zalo/errors.js';
import { normalizePhone } from '../../zalo/phone.js';
import { defineTool, UPDATE } from '../define-tool.js';

type Button = { title: string; type: (typeof MENU_ACTIONS)[number]; value: string; sms_text?: string };

/** Zalo's button payloads (ZALO_API.md "Button/action types"): url object, query string, phone_code. */
function payloadOf(b: Button): unknown {
  if (b.type === 'oa.open.url') {
    if (!/^https:\/\/\S+$/.test(b.value)) throw new ZaloInputError(`button "${b.title}": value must be an https URL for oa.open.url`, 'Give an https:// URL.');
    return { url: b.value };
  }
  if (b.type === 'oa.open.phone') return { phone_code: normalizePhone(b.value, `button "${b.title}" value`) };
  if (b.type === 'oa.open.sms') return { content: b.sms_text ?? '', phone_code: normalizePhone(b.value, `button "${b.title}" value`) };
  return b.value;
}

export const oaUpdateMenu = defineTool({
  name: 'oa_update_menu',
  toolset: 'oa',
  title: 'Update OA chat menu',
  description:
    'Replace the menu under the OA chat box with up to 3 buttons (open a link, send a query, call or text a number). Zalo confirms no public menu API, so some OAs answer -209/-212: then set the menu in the OA admin (oa.zalo.me).',
  input: {
    buttons: z
      .array(
        z.object({
          title: z.string().min(1).max(30).describe('Button label (1-30 characters)'),
          type: z.enum(MENU_ACTIONS).describe('oa.open.url: open a link; oa.query.show/oa.query.hide: send value as a message (shown/hidden); oa.open.phone: call; oa.open.sms: text'),
          value: z.string().min(1).max(1000).describe('https URL (oa.open.url), query text (oa.query.*), or Vietnamese phone (oa.open.phone, oa.open.sms); 1-1000 characters'),
          sms_text: z.string().max(160).optional().describe('Prefilled SMS text for oa.open.sms (0-160 characters)'),
        }),
      )
      .min(1)
      .max(3)
      .describe('Main menu buttons, in order (1-3)'),
  },
  output: { updated: z.boolean(), buttons: z.array(z.object({ title: z.string(), type: z.string() })) },
  annotations: UPDATE,
  handler: async ({ buttons }, { zalo }) => {
    const body: OaMenuBody = { buttons: buttons.map((b) => ({ title: b.title, type: b.type, payload: payloadOf(b) })) };
    try {
      await zalo.oa.updateMenu(body);
    } catch (err) {
      if (err instanceof ZaloApiError && (err.code === -209 || err.code === -212)) {
        throw new ZaloPermissionError(err.message, { code: err.code, kind: 'permission', hint: 'Zalo offers no menu API to this OA: set the menu in the OA admin (oa.zalo.me).' });
      }
      throw err;
    }
    return { updated: true, buttons: buttons.map((b) => ({ title: b.title, type: b.type })) };
  },
});
