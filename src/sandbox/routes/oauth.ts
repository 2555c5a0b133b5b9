/**
 * OAuth v4 (oauth.zaloapp.com): the OA permission redirect (PKCE) and the token endpoint with its
 * authorization_code and refresh_token grants; Zalo's refresh tokens are single-use.
 * Token answers are the raw token body, or `{error, error_name, error_reason, error_description}`.
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

const codesOf = (oa: OaState) => slice(oa, 'oauth', () => ({ codes: new Map<string, AuthCode>() })).codes;

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
      const redirectUri = req.query.get('redirect_uri') ?? '';
      let target: URL;
      try {
        target = new URL(redirectUri);
        if (!/^https?:$/.test(target.protocol)) throw new Error('scheme');
      } catch {
        return oauthError(-14003, 'invalid_redirect_uri', 'redirect_uri is invalid');
      }
      const challenge = req.query.get('code_challenge') ?? undefined;
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
