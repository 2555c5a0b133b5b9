/**
 * Zalo's error codes per API family (ZALO_API.md §14), each with its class — what a caller does
 * next — and a hint a model can act on. The same number can mean different things per family:
 * -100 is "attachment expired" on the OA API (re-upload) and "unknown error" on ZBS (retry).
 * Hints name our tools plainly; the MCP layer notes the ones this server does not expose.
 */
import type { ZaloErrorKind } from './errors.js';

/** retry: with backoff or at the next window · refresh_once: new token, one replay · fix_input ·
 *  give_up: not for this recipient/message · needs_person: configuration, billing or consent. */
export type RetryClass = 'retry' | 'refresh_once' | 'fix_input' | 'give_up' | 'needs_person';
export type ApiFamily = 'openapi' | 'oauth' | 'zns';

export interface CodeInfo { kind: ZaloErrorKind; class: RetryClass; hint: string; retryable?: boolean }

const KIND: Record<RetryClass, ZaloErrorKind> = { retry: 'unavailable', refresh_once: 'auth', fix_input: 'invalid_request', give_up: 'recipient', needs_person: 'permission' };
const c = (cls: RetryClass, hint: string, kind: ZaloErrorKind = KIND[cls], retryable?: boolean): CodeInfo => ({ kind, class: cls, hint, ...(retryable ? { retryable } : {}) });

const RELOGIN = 'Run `zalo-oa-mcp login` for this OA to authorise it again.';
const DEV = 'Fix it on developers.zalo.me (app settings) or in the OA admin; retrying will not help.';
const TEMPLATE_BY_UID = 'Past 7 days use a template by user_id (zns_send with user_id); UID transaction messages stopped on 2026-03-01.';

/** Open API (openapi.zalo.me) [D S§14.2]. */
/** -242 / -1241: Zalo checks appsecret_proof = HMAC-SHA256(token, app secret) (ZALO_API.md §1). */
const PROOF = 'appsecret_proof missing or wrong: if Zalo requires it, set ZALO_APPSECRET_PROOF=1 (or appsecret_proof: true for this OA in the accounts file); if it is on, check that ZALO_APP_SECRET is this app\'s.';

export const OA_CODES: Record<number, CodeInfo> = {
  [-32]: c('retry', 'Zalo rate limit (per minute) reached: wait about a minute, then retry.', 'rate_limit', true),
  [-100]: c('fix_input', 'The attachment expired (uploads last 7 days): upload it again (media_upload_image, media_upload_gif or media_upload_file), then resend.'),
  [-200]: c('retry', 'Zalo could not send it: try once more; if it fails again, give up on this message and check the user with followers_check_status.', 'unknown'),
  [-201]: c('fix_input', 'Fix the parameter Zalo names in the message and call again.'),
  [-210]: c('fix_input', 'A parameter exceeds Zalo\'s limit: shorten it or lower the count.'),
  [-233]: c('fix_input', 'This message type is not supported for this recipient.'),
  [-204]: c('needs_person', 'This OA was disabled or deleted on Zalo; nothing can be sent from it.'),
  [-205]: c('needs_person', 'This OA does not exist: check the OA credentials in the configuration.', 'not_found'),
  [-209]: c('needs_person', `The Zalo app is not activated or lacks this API. ${DEV}`),
  [-212]: c('needs_person', `The app has not registered this API: enable it for the app. ${DEV}`),
  [-219]: c('needs_person', `The Zalo app was removed or disabled. ${DEV}`),
  [-221]: c('needs_person', 'This feature needs a verified OA.'),
  [-224]: c('needs_person', 'The OA tier package does not include this feature: upgrade the OA tier.'),
  [-235]: c('needs_person', 'This API is not available for this OA type.'),
  [-211]: c('needs_person', 'The OA\'s quota for this feature is used up: check oa_get_quota, wait for the next period or buy more.', 'quota'),
  [-213]: c('give_up', 'The user does not follow the OA: only a template by phone (zns_send with phone) can reach them.'),
  [-217]: c('give_up', 'The user blocked this OA.'),
  [-218]: c('give_up', 'This user has received the most messages allowed for now: try another day.', 'quota'),
  [-227]: c('give_up', 'The user is banned or has been inactive on Zalo for over 45 days.'),
  [-230]: c('give_up', `Consultation messages are closed: the user last interacted over 7 days ago. ${TEMPLATE_BY_UID}`),
  [-232]: c('give_up', `The user's interaction window is missing or expired: check followers_check_status. ${TEMPLATE_BY_UID}`),
  [-244]: c('give_up', 'The user has restricted this message type from the OA.'),
  [-248]: c('give_up', 'The content violates Zalo\'s platform policy: rewrite it.'),
  [-214]: c('retry', 'The article is still being processed: try again in a few seconds.', 'unavailable', true),
  [-216]: c('refresh_once', RELOGIN, 'auth'),
  [-220]: c('refresh_once', RELOGIN, 'auth'),
  [-223]: c('needs_person', 'The OA has not authorised this API (run `zalo-oa-mcp login` and tick every permission group), or its article quota is used up (retry later).'),
  [-234]: c('retry', 'Night window (22:00–06:00 Vietnam time): promotion-tagged templates wait until 06:00; consultation and transaction templates are not blocked.', 'recipient'),
  [-237]: c('needs_person', 'The group is disabled (its GMF asset expired): renew the asset in the OA admin.'),
  [-238]: c('fix_input', 'The GMF asset is already used or disabled: pick another asset_id.'),
  [-241]: c('fix_input', 'The GMF asset is already used: pick another asset_id.'),
  [-240]: c('fix_input', 'The v2 message API is shut down; this is a bug in the server, please report it.'),
  [-242]: c('fix_input', PROOF),
  [-249]: c('fix_input', 'This template cannot be sent by user_id: send it by phone (zns_send with phone).'),
  [-320]: c('needs_person', 'The app is not linked to a Zalo Cloud Account (needed for paid messages).'),
  [-321]: c('needs_person', 'The Zalo Cloud Account is out of money: top it up, then retry.', 'quota'),
  [-403]: c('give_up', 'The OA is not a member of this group.'),
};

/** OAuth (oauth.zaloapp.com) [D S§4.1.2]; other -14xxx are unpublished → a person must consent again. */
export const OAUTH_CODES: Record<number, CodeInfo> = {
  [-14002]: c('needs_person', 'Zalo does not accept the app id: check ZALO_APP_ID, that the app is activated on developers.zalo.me and that whoever consents is an admin of the app. Logging in again will not fix it.', 'auth'),
  [-14003]: c('needs_person', 'The redirect_uri is not the "Official Account Callback Url" saved in the Zalo console: save it there (or log in with the saved one). Logging in again as is will not fix it.', 'auth'),
};
/** Any other OAuth failure (e.g. a spent refresh token): an OA admin must authorise again; never loop. */
export const OAUTH_DEFAULT = c('needs_person', RELOGIN, 'auth');
/** Wrong app secret: Zalo's code is unpublished, its text names the secret. */
export const OAUTH_BAD_SECRET = c('needs_person', 'Zalo refused the app secret: check ZALO_APP_SECRET (developers.zalo.me → the app → settings). Logging in again will not fix it.', 'auth');

const zbs = (cls: RetryClass, codes: number[], hint: string, kind?: ZaloErrorKind, retryable?: boolean) =>
  Object.fromEntries(codes.map((code) => [code, c(cls, hint, kind, retryable)]));

/** ZBS Template Message, ex-ZNS (business.openapi.zalo.me) [D S§14.3]. */
export const ZBS_CODES: Record<number, CodeInfo> = {
  ...zbs('retry', [-100, -129], 'Zalo had an unexpected error: try again shortly.', 'unavailable', true),
  [-124]: c('refresh_once', RELOGIN, 'auth'),
  ...zbs('fix_input', [-106, -1091, -113, -1131, -116, -121, -122, -123, -128, -130, -132, -142, -143, -148, -149, -1491, -150, -151, -153, -158, -159, -161, -162, -1124],
    'Zalo refused a parameter of the template message: check it against zns_get_template and the message Zalo gave.'),
  [-107]: c('fix_input', 'Check the message_id returned by zns_send.', 'not_found'),
  [-108]: c('fix_input', 'Use a Vietnamese phone number: 0912345678, +84912345678 or 84912345678.'),
  [-109]: c('fix_input', 'Unknown template id: list the OA\'s templates with zns_list_templates.', 'not_found'),
  [-111]: c('fix_input', 'Pass template_data with the template\'s parameters (see zns_get_template).'),
  [-112]: c('fix_input', 'template_data does not match the template: check names and lengths with zns_get_template.'),
  [-1121]: c('fix_input', 'A template parameter is too long (Zalo counts code points after NFC): shorten it, see maxLength in zns_get_template.'),
  [-1122]: c('fix_input', 'A required template parameter is missing: see zns_get_template.'),
  [-127]: c('fix_input', 'Development mode only reaches the app\'s and OA\'s admins: send to an admin, or without development mode.'),
  [-1241]: c('fix_input', PROOF),
  ...zbs('give_up', [-110, -114, -139, -140, -141, -1471], 'Zalo will not deliver this template to this user (e.g. Zalo app too old, user refused template messages): use another channel.'),
  [-118]: c('give_up', 'No active Zalo account uses this phone number.'),
  [-119]: c('give_up', 'This Zalo account cannot receive template messages.'),
  ...zbs('needs_person', [-101, -102, -103, -104, -105, -120, -1201, -1202, -125, -135, -1351, -136, -137, -138, -1381, -145],
    'The app, OA or template account needs attention (activation, permissions, verification or payment) in the Zalo console; retrying will not help.'),
  [-115]: c('needs_person', 'The Zalo Cloud Account balance is too low: top it up, then retry.', 'quota'),
  [-117]: c('needs_person', 'This OA or app may not use this template: check the template owner in the ZBS settings.'),
  [-126]: c('needs_person', 'The Zalo Cloud wallet is not set up for development mode: fund it or link it in the console.'),
  [-131]: c('needs_person', 'The template is not approved or is disabled: pick a template with status enable (zns_list_templates).'),
  [-146]: c('needs_person', 'The template was disabled for low quality: edit it or pick another (zns_list_templates).'),
  [-133]: c('retry', 'Night window (22:00–06:00 Vietnam time): send after 06:00.', 'recipient'),
  [-144]: c('retry', 'The OA\'s daily template quota is used up (zns_get_quota): send tomorrow.', 'quota'),
  [-1441]: c('retry', 'The monthly promotion quota is used up: send next month.', 'quota'),
  [-147]: c('retry', 'This template\'s daily quota is used up: send tomorrow.', 'quota'),
  [-1472]: c('retry', 'This user already got today\'s promotion: send tomorrow.', 'quota'),
  [-160]: c('retry', 'The daily limit of template creations or uploads is reached: try tomorrow.', 'quota'),
  ...zbs('retry', [-1123, -152], 'Zalo could not prepare the message (QR or encryption key): retry once; if it fails again, check the parameters.'),
};

/** OAuth failures that a new login does not fix: a wrong app id, redirect uri or app secret. */
export function loginCannotFix(code: number, message: string): boolean {
  return code in OAUTH_CODES || (code <= -14000 && code > -15000 && /secret/i.test(message));
}

/** What a code means for the family that returned it; OA-style codes on other hosts fall back to the OA table. */
export function codeInfo(code: number, family: ApiFamily | undefined, message = ''): CodeInfo | undefined {
  if (family === 'oauth') {
    if (code > -14000 || code <= -15000) return OA_CODES[code] ?? OAUTH_DEFAULT;
    return OAUTH_CODES[code] ?? (/secret/i.test(message) ? OAUTH_BAD_SECRET : OAUTH_DEFAULT);
  }
  if (family === 'zns') return ZBS_CODES[code] ?? OA_CODES[code];
  return OA_CODES[code];
}
