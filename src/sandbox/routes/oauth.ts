/**
 * OAuth v4 (oauth.zaloapp.com): the refresh_token grant with Zalo's single-use refresh tokens.
 * Answers are the raw token body, or `{error, error_name, error_reason, error_description}`.
 */
import { randomBytes } from 'node:crypto';
import { raw, type Route } from '../router.js';
import type { OaState, SandboxState } from '../state.js';

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

export const oauthRoutes: Route[] = [
  {
    family: 'oauth',
    method: 'POST',
    path: '/v4/oa/access_token',
    handle({ req, sim }) {
      const appId = String(req.body.app_id ?? '');
      const oa = [...sim.oas.values()].find((o) => o.account.appId === appId);
      if (!oa) return oauthError(-14002, 'invalid_app_id', 'app_id is invalid');
      if (req.headers['secret_key'] !== oa.account.appSecret) return oauthError(-14004, 'invalid_secret_key', 'secret_key is invalid');
      if (req.body.grant_type === 'refresh_token') {
        if (!req.body.refresh_token || req.body.refresh_token !== oa.refresh_token) {
          return oauthError(-14014, 'invalid_refresh_token', 'Refresh token is invalid or has been used');
        }
        return raw(issueTokens(sim, oa));
      }
      return oauthError(-14001, 'invalid_grant_type', 'grant_type is invalid');
    },
  },
];
