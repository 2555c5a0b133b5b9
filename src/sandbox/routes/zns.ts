/**
 * ZBS template routes of the simulator (ZALO_API.md §10): send by phone (business host, with a
 * required tracking_id ≤ 48) and by user_id (`/v3.0/oa/message/template` on the Open API, no
 * tracking_id), both against the daily quota; templates in four statuses; template detail v2 with
 * prices by channel; quota (numbers, strings and nulls mixed, as Zalo sends them); OA quality; and
 * delivery status.
 *
 * By user_id the OA table applies: -201 bad input, -213 user unfollowed, -249 template not sendable by user_id (no
 * price_uid, e.g. OTP), -244 user restricted the OA, -234 promotion-tagged templates at night
 * (22:00-06:00 Vietnam time), -211 quota out. A phone send without tracking_id answers -1122
 * (missing parameter).
 *
 * Error codes: -108 phone invalid, -109 template id invalid, -111 template data empty, -112
 * template data invalid, -107 message id invalid [C: zalo.cloud ZNS error table]; -144 "Exceeded
 * daily quota" [D S§14.3] and -131 "Template is not approved" [I: the table's text, numbers from memory of the
 * developer docs]; development mode to a non-admin phone → -201 [I: no code found].
 */
import { invalid, need, raw, SimError, type Route } from '../router.js';
import { slice, type OaState, type SandboxState } from '../state.js';
import { nextId } from '../state.js';
import { seedZns, vietnamDay, ZNS_DELIVERY_DELAY_MS, type SimZnsParam, type SimZnsTemplate, type ZnsState } from '../seed/zns.js';
import { codePoints, isVietnamNight, ZNS_TRACKING_ID_MAX } from '../rules.js';
import { notifyZnsSent } from '../webhooks.js';

/** The OA's ZNS state, seeded on first use; the daily quotas refill on a new Vietnam day. */
export function znsState(oa: OaState, sim: SandboxState): ZnsState {
  const zns = slice(oa, 'zns', () => seedZns(oa.account.isDefault, sim.now()));
  const today = vietnamDay(sim.now());
  if (today !== zns.quotaDay) {
    Object.assign(zns, { quotaDay: today, remainingQuota: zns.dailyQuota, remainingQuotaPromotion: zns.dailyQuotaPromotion });
  }
  return zns;
}

const STATUS_BY_FILTER: Record<string, SimZnsTemplate['status']> = { 1: 'ENABLE', 2: 'PENDING_REVIEW', 3: 'REJECT', 4: 'DISABLE' };

function template(zns: ZnsState, id: string | null | undefined): SimZnsTemplate {
  const t = id ? zns.templates.get(String(id)) : undefined;
  if (!t) throw new SimError(-109, 'Template ID invalid');
  return t;
}

/** The check Zalo makes on template_data, parameter by parameter. */
function checkParam(p: SimZnsParam, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return p.require ? `${p.name} is required` : undefined;
  const v = String(value);
  if (codePoints(v) > p.maxLength) return `${p.name} exceeds ${p.maxLength} characters`;
  if (codePoints(v) < p.minLength) return `${p.name} is shorter than ${p.minLength} characters`;
  if (p.type === 'NUMBER' && !/^-?[\d.,]+$/.test(v)) return `${p.name} must be a number`;
  return undefined;
}

/** template_data checked against the template: the problem, or the values as strings. */
function checkData(t: SimZnsTemplate, data: unknown): { empty: true } | { problem: string } | { values: Record<string, string> } {
  if (!data || typeof data !== 'object' || Object.keys(data).length === 0) return { empty: true };
  const values = data as Record<string, unknown>;
  for (const p of t.listParams) {
    const problem = checkParam(p, values[p.name]);
    if (problem) return { problem };
  }
  const unknown = Object.keys(values).find((k) => !t.listParams.some((p) => p.name === k));
  if (unknown) return { problem: `${unknown} is not a parameter of the template` };
  return { values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])) };
}

function send(body: Record<string, unknown>, zns: ZnsState, sim: SandboxState, now: number) {
  const phone = need(body, 'phone');
  if (!/^84[1-9]\d{8,9}$/.test(phone)) throw new SimError(-108, 'Phone number invalid');
  const t = template(zns, need(body, 'template_id'));
  if (t.status !== 'ENABLE') throw new SimError(-131, `Template is not approved (status ${t.status})`);
  const checked = checkData(t, body.template_data);
  if ('empty' in checked) throw new SimError(-111, 'Template data empty');
  if ('problem' in checked) throw new SimError(-112, `Template data invalid: ${checked.problem}`);
  if (body.tracking_id === undefined || body.tracking_id === null || body.tracking_id === '') throw new SimError(-1122, 'Missing parameter: tracking_id');
  const tracking = String(body.tracking_id);
  if (tracking.length > ZNS_TRACKING_ID_MAX) throw invalid('tracking_id', `At most ${ZNS_TRACKING_ID_MAX} characters.`);
  const development = body.mode === 'development';
  if (body.mode !== undefined && !development) throw invalid('mode');
  if (development && !zns.adminPhones.includes(phone)) throw invalid('phone', 'Development mode only delivers to the OA\'s admins and the app\'s testers.');
  if (!development) {
    if (zns.remainingQuota <= 0) throw new SimError(-144, 'Exceeded daily quota'); // -115 is a low balance [D S§14.3]
    zns.remainingQuota -= 1;
  }
  sim.seq += 1;
  const msgId = (BigInt(now) * 1_000_003n + BigInt(sim.seq)).toString(16).padStart(32, 'a').slice(-32);
  zns.messages.set(msgId, { msg_id: msgId, phone, template_id: t.templateId, template_data: checked.values, tracking_id: tracking, sent_time: now, development });
  return {
    msg_id: msgId,
    sent_time: String(now),
    sending_mode: '1',
    quota: { dailyQuota: String(zns.dailyQuota), remainingQuota: String(zns.remainingQuota) },
  };
}

/** By user_id: the OA's own table of errors; lands in the conversation like any OA message. */
function sendByUserId(body: Record<string, unknown>, oa: OaState, zns: ZnsState, sim: SandboxState, now: number) {
  const user = oa.followers.get(need(body, 'user_id'));
  if (!user) throw invalid('user_id');
  if (body.tracking_id !== undefined || body.phone !== undefined) throw invalid(body.phone !== undefined ? 'phone' : 'tracking_id', 'Not a field of the user_id channel.');
  const t = zns.templates.get(need(body, 'template_id'));
  if (!t) throw invalid('template_id');
  if (t.status !== 'ENABLE') throw invalid('template_id', `Template is not approved (status ${t.status}).`);
  if (t.price_uid === null) throw new SimError(-249, 'This template cannot be sent by user_id; send it by phone');
  const checked = checkData(t, body.template_data);
  if ('empty' in checked) throw invalid('template_data');
  if ('problem' in checked) throw invalid('template_data', checked.problem);
  if (!user.is_follower) throw new SimError(-213, 'User has not followed OA');
  if (user.restricted) throw new SimError(-244, 'User has restricted receiving this message type from the OA');
  if (t.templateTag === 'PROMOTION' && isVietnamNight(now)) throw new SimError(-234, 'Promotion messages cannot be sent from 10:00PM - 6:00AM');
  if (zns.remainingQuota <= 0) throw new SimError(-211, 'Out of quota');
  zns.remainingQuota -= 1;
  const messageId = nextId(sim);
  zns.messages.set(messageId, { msg_id: messageId, user_id: user.user_id, template_id: t.templateId, template_data: checked.values, sent_time: now, development: false });
  oa.messages.unshift({ message_id: messageId, user_id: user.user_id, src: 0, time: now, type: 'template', message: t.templateName, kind: 'template' });
  return { message_id: messageId, user_id: user.user_id, sent_time: String(now), quota: { quota_type: 'template', remain: zns.remainingQuota } };
}

export const znsRoutes: Route[] = [
  { family: 'zns', method: 'POST', path: '/message/template', handle: ({ req, oa, sim, now }) => notifyZnsSent(oa, sim, send(req.body, znsState(oa, sim), sim, now), req.body, ZNS_DELIVERY_DELAY_MS) },
  { family: 'openapi', method: 'POST', path: '/v3.0/oa/message/template', handle: ({ req, oa, sim, now }) => sendByUserId(req.body, oa, znsState(oa, sim), sim, now) },
  {
    family: 'zns',
    method: 'GET',
    path: '/template/all',
    handle: ({ req, oa, sim }) => {
      const zns = znsState(oa, sim);
      const offset = Number(req.query.get('offset') ?? 0);
      const limit = Number(req.query.get('limit') ?? 100);
      if (!Number.isInteger(offset) || offset < 0) throw invalid('offset');
      if (!Number.isInteger(limit) || limit < 1) throw invalid('limit');
      if (limit > 100) throw new SimError(-210, 'Parameter exceeds allowable limit: limit must be at most 100');
      const filter = req.query.get('status');
      if (filter !== null && !STATUS_BY_FILTER[filter]) throw invalid('status');
      const all = [...zns.templates.values()]
        .filter((t) => filter === null || t.status === STATUS_BY_FILTER[filter])
        .sort((a, b) => b.createdTime - a.createdTime);
      const data = all.slice(offset, offset + limit).map((t) => ({
        templateId: Number(t.templateId), templateName: t.templateName, createdTime: t.createdTime, status: t.status, templateQuality: t.templateQuality,
      }));
      return raw({ error: 0, message: 'Success', data, metadata: { total: all.length } });
    },
  },
  {
    family: 'zns',
    method: 'GET',
    path: '/template/info/v2',
    handle: ({ req, oa, sim }) => {
      const t = template(znsState(oa, sim), req.query.get('template_id'));
      return {
        templateId: Number(t.templateId),
        templateName: t.templateName,
        status: t.status,
        listParams: t.listParams,
        timeout: t.timeout,
        previewUrl: `https://account.zalo.cloud/znspreview/sandbox-${t.templateId}`,
        templateQuality: t.templateQuality,
        templateTag: t.templateTag,
        price: t.price,
        price_sdt: t.price_sdt,
        price_uid: t.price_uid,
        listButtons: [],
        applyTemplateQuota: false,
      };
    },
  },
  {
    family: 'zns',
    method: 'GET',
    path: '/message/quota',
    handle: ({ oa, sim }) => {
      const z = znsState(oa, sim);
      // Zalo mixes strings, numbers and nulls here [D]; the simulator does too.
      return {
        dailyQuota: String(z.dailyQuota), remainingQuota: String(z.remainingQuota),
        dailyQuotaPromotion: String(z.dailyQuotaPromotion), remainingQuotaPromotion: String(z.remainingQuotaPromotion),
        monthlyPromotionQuota: z.monthlyPromotionQuota, remainingMonthlyPromotionQuota: z.remainingMonthlyPromotionQuota,
        estimatedNextMonthPromotionQuota: null,
      };
    },
  },
  {
    family: 'zns',
    method: 'GET',
    path: '/quality',
    handle: ({ oa, sim }) => {
      const z = znsState(oa, sim);
      return { oaCurrentQuality: z.current_quality, oa7dayQuality: z.last_week_quality };
    },
  },
  {
    family: 'zns',
    method: 'GET',
    path: '/message/status',
    handle: ({ req, oa, sim, now }) => {
      const m = znsState(oa, sim).messages.get(req.query.get('message_id') ?? '');
      if (!m) throw new SimError(-107, 'Message ID invalid');
      if (req.query.get('phone') !== m.phone) throw new SimError(-108, 'Phone number invalid');
      const deliveredAt = m.sent_time + ZNS_DELIVERY_DELAY_MS;
      // [I] An undelivered message: status 0 without delivery_time.
      return now >= deliveredAt
        ? { delivery_time: String(deliveredAt), message: 'The message has been delivered', status: 1 }
        : { message: 'The message has not been delivered yet', status: 0 };
    },
  },
];
