/**
 * The simulator's webhooks: when a simulated user writes, follows, unfollows, submits info or
 * receives a ZNS template, the simulator changes its state and POSTs the event Zalo would send,
 * signed like Zalo (sha256 of app_id + raw body + timestamp + OA secret key), to the configured
 * URL. Its own copy of the signing rule: nothing here imports the server's code.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { SANDBOX_WEBHOOK_SECRET } from './credentials.js';
import { CUSTOMER_LINES } from './seed/names.js';
import { nextId, type Follower, type OaState, type SandboxState, type SharedInfo } from './state.js';

export interface WebhookDelivery {
  event: Record<string, unknown>;
  /** HTTP status of the receiver, or 0 when it could not be reached. */
  status: number;
}

/** Where the simulator posts and what happened; one per sandbox. */
export class SandboxWebhooks {
  url: string | undefined;
  readonly deliveries: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly state: SandboxState, url?: string, private readonly key = SANDBOX_WEBHOOK_SECRET) {
    this.url = url;
  }

  /** Post an event of `oa` (fills app_id and timestamp); resolves once the receiver answered. */
  post(oa: OaState, body: Record<string, unknown>): Promise<void> {
    const event = { app_id: oa.account.appId, ...body, timestamp: String(this.state.now()) };
    if (!this.url) return Promise.resolve();
    const raw = JSON.stringify(event);
    const mac = createHash('sha256').update(oa.account.appId).update(raw).update(String(event.timestamp)).update(this.key).digest('hex');
    const target = new URL(this.url);
    const p = new Promise<void>((resolve) => {
      const req = request(target, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}`, 'content-length': Buffer.byteLength(raw) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(void this.deliveries.push({ event, status: res.statusCode ?? 0 })));
      });
      req.on('error', () => resolve(void this.deliveries.push({ event, status: 0 })));
      req.end(raw);
    });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
    return p;
  }

  /** Wait for every post in flight (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private follower(oa: OaState, userId: string): Follower {
    const f = oa.followers.get(userId);
    if (!f) throw new Error(`sandbox OA ${oa.account.alias} has no user ${userId}`);
    return f;
  }

  /** The user writes to the OA: the message joins the conversation and opens the reply windows. */
  userSends(oa: OaState, userId: string, text: string): Promise<void> {
    const f = this.follower(oa, userId);
    const now = this.state.now();
    const msgId = nextId(this.state);
    oa.messages.unshift({ message_id: msgId, user_id: userId, src: 1, time: now, type: 'text', message: text });
    f.last_interaction_ms = now;
    f.cs_used_in_window = 0;
    return this.post(oa, { event_name: 'user_send_text', sender: { id: userId }, recipient: { id: oa.account.oaId }, user_id_by_app: f.user_id_by_app, message: { msg_id: msgId, text } });
  }

  follow(oa: OaState, userId: string, following: boolean): Promise<void> {
    const f = this.follower(oa, userId);
    f.is_follower = following;
    if (following) f.last_interaction_ms = this.state.now();
    return this.post(oa, { event_name: following ? 'follow' : 'unfollow', oa_id: oa.account.oaId, source: 'oa_profile', follower: { id: userId }, user_id_by_app: f.user_id_by_app });
  }

  /** The user answers a request_user_info card (2026 shape: full_address). */
  submitInfo(oa: OaState, userId: string, info: SharedInfo): Promise<void> {
    const f = this.follower(oa, userId);
    f.shared_info = { ...f.shared_info, ...info };
    f.last_interaction_ms = this.state.now();
    return this.post(oa, {
      event_name: 'user_submit_info', sender: { id: userId }, recipient: { id: oa.account.oaId }, user_id_by_app: f.user_id_by_app,
      info: { name: info.name ?? '', phone: info.phone ?? '', full_address: { user_city: info.city ?? '', user_ward: info.district ?? '', user_address: info.address ?? '' } },
    });
  }

  /** A ZNS template reached the phone (Zalo adds `X-ZEvent-Server: ZNS`; the body is what matters). */
  znsDelivered(oa: OaState, msgId: string, phone: string, trackingId: string | undefined, at: number): Promise<void> {
    return this.post(oa, { event_name: 'user_received_message', oa_id: oa.account.oaId, recipient: { id: phone }, message: { msg_id: msgId, delivery_time: String(at), ...(trackingId ? { tracking_id: trackingId } : {}) } });
  }

  /**
   * Busy hour: followers inside the 7-day window write one after another, `perMinute` messages a
   * minute, until stopped. `onMessage` hears each one (the CLI prints them).
   */
  busyHour(oa: OaState, perMinute: number, onMessage?: (f: Follower, text: string) => void): () => void {
    let n = 0;
    const timer = setInterval(() => {
      const now = this.state.now();
      const active = [...oa.followers.values()].filter((f) => f.is_follower && !f.restricted && now - f.last_interaction_ms < 7 * 86_400_000);
      if (!active.length) return;
      const f = active[(n * 7919) % active.length]!;
      const text = CUSTOMER_LINES[n % CUSTOMER_LINES.length]!;
      n += 1;
      void this.userSends(oa, f.user_id, text);
      onMessage?.(f, text);
    }, Math.max(10, Math.round(60_000 / perMinute)));
    timer.unref();
    return () => clearInterval(timer);
  }
}

const registry = new WeakMap<SandboxState, SandboxWebhooks>();

/** The webhooks of a simulator state (created on first use, no URL until one is set). */
export function webhooksOf(state: SandboxState): SandboxWebhooks {
  let w = registry.get(state);
  if (!w) registry.set(state, (w = new SandboxWebhooks(state)));
  return w;
}

/** Route hook: a ZNS send is delivered after `delayMs`, and the webhook says so. */
export function notifyZnsSent<T extends { msg_id: string }>(oa: OaState, state: SandboxState, result: T, body: Record<string, unknown>, delayMs: number): T {
  const hooks = registry.get(state);
  if (hooks?.url) {
    const timer = setTimeout(() => void hooks.znsDelivered(oa, result.msg_id, String(body.phone), body.tracking_id === undefined ? undefined : String(body.tracking_id), state.now()), delayMs);
    timer.unref();
  }
  return result;
}
