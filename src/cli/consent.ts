/**
 * OA consent as the Zalo console sets it up (ZALO_API.md §1): the console stores the OA callback
 * URL and ONE code challenge, and a fresh PKCE pair per login reportedly fails at the code
 * exchange, while Zalo's PHP SDK builds the link per request [X]. `login --init` makes the console
 * pair; this module also reads what an admin pastes back and turns OAuth errors into the console
 * setting that fixes them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ConfigError } from '../config.js';
import { ZaloError } from '../zalo/errors.js';

/** Where the two console settings live (developers.zalo.me, the app's page). */
export const CONSOLE_PAGE = 'developers.zalo.me → your app → Sản phẩm (Products) → Official Account → Thiết lập chung (General settings)';

/** A PKCE pair: verifier = base64url(32 random bytes), challenge = base64url(SHA-256(verifier)), no padding. */
export function pkcePair(verifier = randomBytes(32).toString('base64url')): { verifier: string; challenge: string } {
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The numbered console steps printed by `login --init`. */
export function initSteps(pair: { verifier: string; challenge: string }, callbackUrl: string, custom: boolean): string[] {
  return [
    'A new PKCE pair for the Zalo console (make it once per app; the verifier is secret):',
    '',
    `  code challenge:  ${pair.challenge}`,
    `  verifier:        ${pair.verifier}`,
    '',
    `1. Open ${CONSOLE_PAGE}.`,
    '2. Tick every permission group the OA needs now: changing them later forces the OA admin to consent again.',
    `3. Official Account Callback Url: enter ${callbackUrl} and save.`,
    '4. Code Challenge: paste the code challenge above and save.',
    '5. Configure the verifier: add ZALO_PKCE_VERIFIER=<verifier above> to your .env',
    '   (with several OAs: pkce_verifier: <verifier> on this OA\'s entry of the accounts file).',
    `6. Run \`zalo-oa-mcp login${custom ? ` --redirect-uri ${callbackUrl}` : ''}\` and sign in as an OA admin; every later login uses the same verifier.`,
  ];
}

/** The code (and oa_id) in what the admin pasted: the whole redirected URL, its query, or the bare code. */
export function readPasted(text: string, state: string, redirectUri: string): { code: string; oaId?: string } {
  const line = text.trim();
  if (!line) throw new ConfigError('login: nothing was pasted; run `zalo-oa-mcp login` again and paste the URL you were redirected to');
  const known = /(?:^|[^\w-])(-1400[23])(?![\w-])/.exec(line);
  if (known) throw new ConfigError(`login failed: Zalo answered error ${known[1]}. ${consoleFix(Number(known[1]), redirectUri)}`);
  if (!/[?&=]/.test(line)) {
    if (!/^[\w.~-]{4,2048}$/.test(line)) throw new ConfigError('login: that is neither a URL nor a code; paste the whole address of the page Zalo redirected to');
    return { code: line };
  }
  const params = new URLSearchParams(line.includes('?') ? line.slice(line.indexOf('?') + 1).split('#')[0] : line);
  const given = params.get('state');
  // Zalo's own console link carries no state; a state that is there must be ours.
  if (given !== null && given !== state) throw new ConfigError('login refused: the pasted URL carries a wrong state (it belongs to another login); run `zalo-oa-mcp login` again');
  const code = params.get('code');
  if (!code) {
    const reason = params.get('error_description') ?? params.get('error') ?? 'no code in it';
    throw new ConfigError(`login failed: the pasted URL has no code (${reason}); allow access on Zalo's page and paste the address you land on`);
  }
  return { code, oaId: params.get('oa_id') ?? undefined };
}

/** What to change in the console for the OAuth errors Zalo names [D S§4.1.2]. */
export function consoleFix(code: number, redirectUri: string): string {
  if (code === -14002) {
    return 'The app is not active, or the account that allowed access is not an admin of this OA: activate the app on developers.zalo.me, link the OA to it, and sign in as an OA admin.';
  }
  if (code === -14003) {
    return `The redirect URI ${redirectUri} is not the "Official Account Callback Url" saved at ${CONSOLE_PAGE}: save exactly that URL there, or pass the saved one with --redirect-uri.`;
  }
  return '';
}

/** The code exchange failed: say which console setting or configuration fixes it. */
export function exchangeFailure(e: unknown, opts: { fixedVerifier: boolean; redirectUri: string }): Error {
  if (!(e instanceof ZaloError)) return e as Error;
  const fix = e.code !== null ? consoleFix(e.code, opts.redirectUri) : '';
  const what = `login failed: Zalo refused the code (${e.message}${e.code !== null ? `, Zalo error ${e.code}` : ''}).`;
  if (fix) return new ConfigError(`${what} ${fix}`);
  if (e.code === null) return new ConfigError(`${what} ${e.hint}`.trim());
  return new ConfigError(
    opts.fixedVerifier
      ? `${what} Check that the console's Code Challenge is the one \`zalo-oa-mcp login --init\` printed with the configured ZALO_PKCE_VERIFIER (or pkce_verifier), then log in again.`
      : `${what} If the Zalo console has a Code Challenge saved, Zalo only accepts its pair: run \`zalo-oa-mcp login --init\`, save the printed challenge in the console, set ZALO_PKCE_VERIFIER to the printed verifier, then log in again.`,
  );
}
