/**
 * OAuth v4 (oauth.zaloapp.com): the OA permission redirect (PKCE) and the token endpoint with its
 * authorization_code and refresh_token grants; Zalo's refresh tokens are single-use.
 * Token answers are the raw token body, or `{error, error_name, error_reason, error_description}`.
 *
 * Two modes per app (ZALO_API.md §1 [X]): by default the link's own challenge is checked at the
 * exchange (Zalo's PHP SDK builds the link per request). In console mode the app has a saved
 * callback URL and ONE code challenge: a different redirect_uri is refused with -14003, and the
 * code is bound to the console's challenge, so a per-login pair fails at the exchange, as Zalo
 * reportedly does.
 */
import { createHash, randomBytes } from 'node:crypto';
import { raw, type Route } from '../router.js';
import { slice, type OaState, type SandboxState } from '../state.js';

export function oauthError(code: number, name: string, description: string) {
  return raw({ error: code, error_name: name, error_reason: description, error_description: description });
}

/** Issue a fresh pair for an OA; the previous refresh token dies (single-use). */
export function issueTokens(sim: SandboxState, oa: OaState) {
  const access = `sbx_at_${randomBytes(18).toString('base64url')}`;
  oa.refresh_token = `sbx_rt_${randomBytes(18).toString('base64url')}`;
  sim.accessTokens.set(access, { oaId: oa.account.oaId, expiresAt: sim.now() + sim.accessTtlS * 1000 });
  return { access_token: access, refresh_token: oa.refresh_token, expires_in: String(sim.accessTtlS) };
}

/** An authorization code handed out by the permission redirect: single-use, short-lived. */
interface AuthCode {
  codeChallenge?: string;
  redirectUri: string;
  expiresAt: number;
}

/** Zalo's codes are valid for a few minutes [I]. */
const CODE_TTL_MS = 10 * 60_000;

/** The two settings Zalo's console stores for an app's OA consent. */
export interface OauthConsole {
  challenge: string;
  /** The "Official Account Callback Url"; any redirect_uri is accepted when absent. */
  callbackUrl?: string;
}

const oauthOf = (oa: OaState) => slice(oa, 'oauth', () => ({ codes: new Map<string, AuthCode>(), console: undefined as OauthConsole | undefined }));
const codesOf = (oa: OaState) => oauthOf(oa).codes;

/** Switch an app to console mode (or back to the default with `undefined`). */
export function setOauthConsole(oa: OaState, settings: OauthConsole | undefined): void {
  oauthOf(oa).console = settings;
}

const findApp = (sim: SandboxState, appId: unknown) => [...sim.oas.values()].find((o) => o.account.appId === String(appId ?? ''));

export const oauthRoutes: Route[] = [
  {
    // Real Zalo shows a consent page first; the simulator's OA admin always approves.
    family: 'oauth',
    method: 'GET',
    path: '/v4/oa/permission',
    handle({ req, sim }) {
      const oa = findApp(sim, req.query.get('app_id'));
      if (!oa) return oauthError(-14002, 'invalid_app_id', 'app_id is invalid');
      const saved = oauthOf(oa).console;
      const redirectUri = req.query.get('redirect_uri') || saved?.callbackUrl || '';
      if (saved?.callbackUrl && redirectUri !== saved.callbackUrl) return oauthError(-14003, 'invalid_redirect_uri', 'Invalid redirect uri');
      let target: URL;
      try {
        target = new URL(redirectUri);
        if (!/^https?:$/.test(target.protocol)) throw new Error('scheme');
      } catch {
        return oauthError(-14003, 'invalid_redirect_uri', 'redirect_uri is invalid');
      }
      // Console mode: the consent link is generated from the saved challenge, whatever the link says.
      const challenge = saved?.challenge ?? req.query.get('code_challenge') ?? undefined;
      const method = req.query.get('code_challenge_method');
      if (challenge !== undefined && method && method !== 'S256') return oauthError(-14019, 'invalid_code_challenge', 'code_challenge_method must be S256');
      const code = `sbx_code_${randomBytes(18).toString('base64url')}`;
      codesOf(oa).set(code, { codeChallenge: challenge, redirectUri, expiresAt: sim.now() + CODE_TTL_MS });
      target.searchParams.set('code', code);
      target.searchParams.set('oa_id', oa.account.oaId);
      const state = req.query.get('state');
      if (state !== null) target.searchParams.set('state', state);
      return raw(null, 302, { location: target.toString() });
    },
  },
  {
    family: 'oauth',
    method: 'POST',
    path: '/v4/oa/access_token',
    handle({ req, sim }) {
      const oa = findApp(sim, req.body.app_id);
      if (!oa) return oauthError(-14002, 'invalid_app_id', 'app_id is invalid');
      if (req.headers['secret_key'] !== oa.account.appSecret) return oauthError(-14004, 'invalid_secret_key', 'secret_key is invalid');
      if (req.body.grant_type === 'refresh_token') {
        if (!req.body.refresh_token || req.body.refresh_token !== oa.refresh_token) {
          return oauthError(-14014, 'invalid_refresh_token', 'Refresh token is invalid or has been used');
        }
        return raw(issueTokens(sim, oa));
      }
      if (req.body.grant_type === 'authorization_code') {
        const code = String(req.body.code ?? '');
        const codes = codesOf(oa);
        const entry = codes.get(code);
        if (!entry || entry.expiresAt <= sim.now()) return oauthError(-14005, 'invalid_code', 'Authorization code is invalid or expired');
        if (entry.codeChallenge !== undefined) {
          const verifier = String(req.body.code_verifier ?? '');
          const computed = createHash('sha256').update(verifier).digest('base64url');
          if (!verifier || computed !== entry.codeChallenge) return oauthError(-14019, 'invalid_code_verifier', 'code_verifier does not match the code_challenge');
        }
        codes.delete(code); // single-use, even when the exchange succeeds
        return raw(issueTokens(sim, oa));
      }
      return oauthError(-14001, 'invalid_grant_type', 'grant_type is invalid');
    },
  },
];
