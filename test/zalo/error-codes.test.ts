/**
 * ZALO_API.md §14: every code of the OA, OAuth and ZBS tables has its class, -100 means one thing
 * per family, and auth failures that logging in again cannot fix say what to check instead.
 */
import { describe, expect, it } from 'vitest';
import { codeInfo, OA_CODES, ZBS_CODES } from '../../src/zalo/error-codes.js';
import { apiErrorFromCode, refreshFailureHint, ZaloNetworkError } from '../../src/zalo/errors.js';

/** The sheet's tables, transcribed: code → class (R retry, T refresh once, F fix, G give up, H person). */
const SHEET_OA: Record<string, number[]> = {
  retry: [-32, -200, -214, -234],
  fix_input: [-100, -201, -210, -233, -238, -241, -240, -242, -249],
  needs_person: [-204, -205, -209, -212, -219, -221, -224, -235, -211, -223, -237, -320, -321],
  give_up: [-213, -217, -218, -227, -230, -232, -244, -248, -403],
  refresh_once: [-216, -220],
};
const SHEET_ZBS: Record<string, number[]> = {
  retry: [-100, -129, -133, -144, -1441, -147, -1472, -160, -1123, -152],
  refresh_once: [-124],
  fix_input: [-106, -107, -108, -109, -1091, -111, -112, -1121, -1122, -1124, -113, -1131, -116, -121, -122, -123, -127, -128, -130, -132, -142, -143, -148, -149, -1491, -150, -151, -153, -158, -159, -161, -162, -1241],
  give_up: [-110, -114, -118, -119, -139, -140, -141, -1471],
  needs_person: [-101, -102, -103, -104, -105, -115, -117, -120, -1201, -1202, -125, -126, -131, -135, -1351, -136, -137, -138, -1381, -145, -146],
};

describe('error tables', () => {
  for (const [family, sheet, table] of [['openapi', SHEET_OA, OA_CODES], ['zns', SHEET_ZBS, ZBS_CODES]] as const) {
    it(`${family}: every code of the sheet has its class, and nothing else is listed`, () => {
      for (const [cls, codes] of Object.entries(sheet)) for (const code of codes) expect(codeInfo(code, family)?.class, `${family} ${code}`).toBe(cls);
      expect(Object.keys(table).map(Number).sort()).toEqual(Object.values(sheet).flat().sort());
    });
  }

  it('-100: attachment expired (fix, re-upload) on the OA API; unknown error (retry) on ZBS', () => {
    const oa = apiErrorFromCode(-100, 'x', { endpoint: 'POST openapi/v3.0/oa/message/cs' });
    expect(oa).toMatchObject({ retryClass: 'fix_input', retryable: false });
    expect(oa.hint).toContain('upload it again');
    const zbs = apiErrorFromCode(-100, 'x', { endpoint: 'GET zns/message/quota' });
    expect(zbs).toMatchObject({ retryClass: 'retry', retryable: true, kind: 'unavailable' });
  });

  it('OAuth: -14002 and -14003 need a person and say logging in will not fix them; other codes ask for a new login', () => {
    const appId = apiErrorFromCode(-14002, 'Invalid appId', { endpoint: 'POST oauth/v4/oa/access_token' });
    expect(appId).toMatchObject({ kind: 'auth', retryClass: 'needs_person' });
    expect(appId.hint).toContain('check ZALO_APP_ID');
    expect(refreshFailureHint(appId, 'RELOGIN')).toBe(appId.hint);
    expect(apiErrorFromCode(-14003, 'Invalid redirect uri', { endpoint: 'POST oauth/v4/oa/permission' }).hint).toContain('Official Account Callback Url');
    const secret = apiErrorFromCode(-14004, 'secret_key is invalid', { endpoint: 'POST oauth/v4/oa/access_token' });
    expect(refreshFailureHint(secret, 'RELOGIN')).toContain('check ZALO_APP_SECRET');
    const spent = apiErrorFromCode(-14014, 'Refresh token is invalid', { endpoint: 'POST oauth/v4/oa/access_token' });
    expect(spent.retryClass).toBe('needs_person');
    expect(refreshFailureHint(spent, 'RELOGIN')).toBe('RELOGIN');
    expect(refreshFailureHint(new ZaloNetworkError('ECONNREFUSED', { kind: 'network' }), 'RELOGIN')).toContain('check the network and ZALO_OAUTH_URL');
  });

  it('no hint points to the retired UID transaction or list messages', () => {
    const hints = [...Object.values(OA_CODES), ...Object.values(ZBS_CODES)].map((i) => i.hint).join('\n');
    expect(hints).not.toMatch(/messages_send_transaction|messages_send_list/);
    expect(OA_CODES[-230]!.hint).toContain('zns_send with user_id');
  });
});
