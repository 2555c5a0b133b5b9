import { z } from 'zod';
import { MENU_ACTIONS, type OaMenuBody } from '../../zalo/endpoints/oa.js';
import { ZaloApiError, ZaloInputError, ZaloPermissionError } from '../../zalo/errors.js';
import { normalizePhone } from '../../zalo/phone.js';
import { defineTool, UPDATE } from '../define-tool.js';
import { nfcText } from '../params.js';

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
    
    'Replace the OA chat menu. Zalo\'s menu API is not public for every OA: on -209/-212 set it in the OA admin.',
  input: {
    buttons: z
      .array(
        z.object({
          title: nfcText(30, 'Label'),
          type: z.enum(MENU_ACTIONS).describe('Action type'),
          value: z.string().min(1).max(1000).describe('URL, query text or phone'),
          sms_text: nfcText(160, 'SMS body', { min: 0 }).optional(),
        }),
      )
      .min(1)
      .max(3)
      .describe('Buttons, in order'),
  },
  output: { updated: z.boolean(), buttons: z.number() },
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
    return { updated: true, buttons: buttons.length };
  },
});
