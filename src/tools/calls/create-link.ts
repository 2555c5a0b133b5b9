import { z } from 'zod';
import { CALL_TYPES } from '../../zalo/endpoints/calls.js';
import { CREATE, defineTool } from '../define-tool.js';
import { userId } from '../params.js';

export const callsCreateLink = defineTool({
  name: 'calls_create_link',
  toolset: 'calls',
  title: 'Create call link',
  description:
    'Create a link and QR code the user opens to take a call from the OA (Zalo Cloud Connect); it dials nobody. Needs the user\'s granted call permission (calls_check_permission); the link lives about 48 h.',
  input: {
    user_id: userId(),
    call_type: z.enum(CALL_TYPES).default('audio').describe('audio | video | audio_and_video'),
    agent_id: z.string().regex(/^[\w.@-]{1,64}$/, 'must be a ZCC agent id').optional().describe('ZCC agent who takes the call'),
  },
  output: {
    call_link: z.string(),
    qr_code: z.string().nullable(),
    ttl_s: z.number().nullable(),
    expires_at: z.string().nullable(),
  },
  annotations: CREATE,
  handler: async ({ user_id, call_type, agent_id }, { zalo, now }) => {
    const r = await zalo.calls.createLink({ user_id, call_type, ...(agent_id ? { agent_id } : {}) });
    const ttl = r.ttl ?? null;
    return { call_link: r.call_link, qr_code: r.qr_code ?? null, ttl_s: ttl, expires_at: ttl ? new Date(now() + ttl * 1000).toISOString() : null };
  },
});
