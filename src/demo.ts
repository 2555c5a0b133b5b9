#!/usr/bin/env node
/**
 * `npm run demo`: starts the real server (dist/index.js --sandbox) over stdio, connects a real MCP
 * client and walks through a customer-support round: recent conversations → read one → can we
 * still message this person? → reply → tag → the reply in the history; then a customer who last
 * wrote more than 7 days ago, reached the 2026 way: an approved template sent to their user_id.
 * Prints to stdout.
 */
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { exitOnSignals, makeTempDir, removeTempDir } from './temp.js';

type Json = Record<string, any>;

const here = dirname(fileURLToPath(import.meta.url));
const out = (line = '') => process.stdout.write(line + '\n');
const step = (n: number, title: string) => out(`\n${n}. ${title}\n${'─'.repeat(title.length + 3)}`);

function ago(ms: number): string {
  const minutes = Math.round((Date.now() - ms) / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

async function main(): Promise<void> {
  // Removed in `finally`, and at exit whatever happens (an error, Ctrl+C).
  const dir = makeTempDir('zalo-demo-');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(here, 'index.js'), '--sandbox'],
    env: { PATH: process.env.PATH ?? '', TMPDIR: tmpdir(), ZALO_TOKEN_FILE: join(dir, 'tokens.json'), ZALO_LOG_LEVEL: 'warning' },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'zalo-oa-mcp-demo', version: '1.0.0' });
  exitOnSignals(() => client.close());
  await client.connect(transport);
  const attempt = async (name: string, args: Json = {}, quiet = false): Promise<{ ok: boolean; text: string; data: Json }> => {
    const r = await client.callTool({ name, arguments: args });
    if (!quiet) out(`   → ${name}(${JSON.stringify(args)})`);
    return { ok: !r.isError, text: (r.content as Array<{ text: string }>)[0]?.text ?? '', data: r.structuredContent as Json };
  };
  const call = async (name: string, args: Json = {}, quiet = false): Promise<Json> => {
    const r = await attempt(name, args, quiet);
    if (!r.ok) throw new Error(r.text);
    return r.data;
  };
  const reachability = (status: Json) => {
    for (const key of ['can_send_consultation_message', 'can_send_template_by_user_id', 'can_send_template_by_phone']) {
      const v = status[key] as Json | undefined;
      if (v) out(`   ${key.padEnd(31)} ${v.value ? 'yes' : 'no '}  ${v.reason}`);
    }
    out(`   cheapest way: ${status.cheapest_way.way} — ${status.cheapest_way.reason}`);
  };

  try {
    const { tools } = await client.listTools();
    const profile = await call('oa_get_profile');
    out(`\nConnected to "${profile.name}" on the Zalo sandbox — ${profile.num_follower} followers, ${tools.length} tools.`);

    step(1, 'Who wrote to us recently?');
    const recent = await call('conversations_list_recent', { count: 10 });
    for (const c of recent.items as Json[]) {
      out(`   ${c.awaiting_reply ? '●' : ' '} ${c.display_name.padEnd(24)} ${ago(Date.parse(c.last_message.time)).padEnd(12)} ${c.last_message.from === 'user' ? '' : 'OA: '}${c.last_message.text}`);
    }
    const waiting = (recent.items as Json[]).filter((c) => c.awaiting_reply);
    out(`   ${waiting.length} of ${recent.items.length} are waiting for an answer (●).`);
    const customer = waiting[0] ?? recent.items[0];

    step(2, `Read the conversation with ${customer.display_name}`);
    const history = await call('conversations_get_history', { user_id: customer.user_id, count: 5 });
    for (const m of [...(history.items as Json[])].reverse()) out(`   [${m.from === 'user' ? customer.display_name : 'OA'}] ${m.text}`);

    step(3, 'Can we still message them, and how?');
    const status = await call('followers_check_status', { user_id: customer.user_id });
    out(`   following: ${status.following_status}`);
    reachability(status);

    step(4, 'Reply');
    const reply = `Dạ Hoa Sen chào ${customer.display_name.split(' ').pop()} ạ! Em đã nhận được tin nhắn, em kiểm tra và báo lại mình ngay trong hôm nay nhé.`;
    const sent = await call('messages_send_text', { user_id: customer.user_id, text: reply });
    out(`   sent message ${sent.message_id}${sent.quota ? ` (${sent.quota.remain} of ${sent.quota.total} free replies left in the window)` : ''}`);

    step(5, 'Tag the customer as VIP');
    await call('tags_add_follower', { user_id: customer.user_id, tag: 'VIP' });
    const after = await call('followers_get_profile', { user_id: customer.user_id });
    out(`   tags now: ${(after.tags as string[]).join(', ')}`);

    step(6, 'The reply in the history');
    const latest = await call('conversations_get_history', { user_id: customer.user_id, count: 2 });
    for (const m of [...(latest.items as Json[])].reverse()) out(`   [${m.from === 'user' ? customer.display_name : 'OA'}] ${m.text}`);

    step(7, 'A customer who last wrote more than 7 days ago');
    const weekAgo = Date.now() - 7 * 86_400_000;
    let quiet: Json | undefined;
    for (let offset = 0; offset < 300 && !quiet; offset += 10) {
      const page = await call('conversations_list_recent', { offset, count: 10 }, true);
      quiet = (page.items as Json[]).find((c) => Date.parse(c.last_message.time) < weekAgo);
      if (page.next_offset === null) break;
    }
    if (!quiet) throw new Error('no conversation older than 7 days in the sandbox');
    out(`   ${quiet.display_name} last wrote ${ago(Date.parse(quiet.last_message.time))}.`);
    reachability(await call('followers_check_status', { user_id: quiet.user_id }));
    const refused = await attempt('messages_send_text', { user_id: quiet.user_id, text: 'Dạ Hoa Sen xin chào ạ!' });
    out(`   ${refused.ok ? 'sent (unexpectedly)' : `refused: ${refused.text}`}`);

    step(8, 'Reach them with an approved template, by user_id');
    const templates = await call('zns_list_templates', { status: 'enable' });
    let template: Json | undefined;
    for (const t of templates.items as Json[]) {
      const detail = await call('zns_get_template', { template_id: t.template_id });
      if (detail.price_uid !== null) { template = detail; break; }
    }
    if (!template) throw new Error('no approved template can go by user_id');
    out(`   "${template.name}": ${template.price_uid} VND by user_id, ${template.price_sdt} VND by phone.`);
    const sample: Record<string, string> = { customer_name: quiet.display_name, order_code: 'HS-2026-0042', price: '450000', shipper_phone: '0912345678' };
    const today = new Date().toLocaleDateString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
    const data = Object.fromEntries((template.parameters as Json[]).map((p) => [p.name, (sample[p.name] ?? (p.type === 'DATE' ? today : p.type === 'NUMBER' ? '1' : 'Hoa Sen')).slice(0, p.max_length || undefined)]));
    const sentTemplate = await call('zns_send', { user_id: quiet.user_id, template_id: template.template_id, template_data: data });
    out(`   sent template message ${sentTemplate.message_id} to ${quiet.display_name} (by ${sentTemplate.channel}).`);

    out('\nDone. Point Claude Desktop at `zalo-oa-mcp --sandbox` to try the same in conversation (see README).');
  } finally {
    await client.close();
    removeTempDir(dir);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`demo failed: ${(e as Error).message}\n`);
  process.exit(1);
});
