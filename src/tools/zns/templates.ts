/**
 * ZNS template detail with a short cache, and the check of template_data against the template's
 * parameters that zns_send runs before anything is sent.
 */
import type { ZaloClient } from '../../zalo/client.js';
import type { ZnsParam, ZnsTemplate } from '../../zalo/endpoints/zns.js';
import { ZaloInputError } from '../../zalo/errors.js';
import type { ToolContext } from '../define-tool.js';
import { storeEvents } from '../../store/index.js';

/** Templates change rarely (an edit goes through review), so a minute of staleness is harmless. */
export const TEMPLATE_CACHE_TTL_MS = 60_000;

/** Per client (one runtime), per OA alias, per template id. */
const cache = new WeakMap<ZaloClient, Map<string, { at: number; template: ZnsTemplate }>>();

/** The template's detail, from the cache when younger than TEMPLATE_CACHE_TTL_MS. */
export async function getTemplate(ctx: Pick<ToolContext, 'client' | 'oa' | 'now' | 'zalo'>, templateId: string): Promise<ZnsTemplate> {
  let byKey = cache.get(ctx.client);
  if (!byKey) {
    const entries = (byKey = new Map());
    cache.set(ctx.client, entries);
    // change_template_status (webhook): the next read goes to Zalo.
    storeEvents(ctx.client.config).on('template', (e) => entries.delete(`${e.oa}\u0000${e.templateId}`));
  }
  const key = `${ctx.oa}\u0000${templateId}`;
  const hit = byKey.get(key);
  const now = ctx.now();
  if (hit && now - hit.at < TEMPLATE_CACHE_TTL_MS) return hit.template;
  const template = await ctx.zalo.zns.template(templateId);
  byKey.set(key, { at: now, template });
  return template;
}

/** Our names for a template parameter. */
export function describeParam(p: ZnsParam) {
  return {
    name: p.name,
    type: p.type,
    required: p.require,
    ...(p.minLength !== undefined ? { min_length: p.minLength } : {}),
    ...(p.maxLength !== undefined ? { max_length: p.maxLength } : {}),
  };
}

/**
 * Refuse template_data that Zalo would refuse (-112): a missing required parameter, a name the
 * template does not have, a value outside its length limits, a non-number for a NUMBER.
 */
export function checkTemplateData(template: ZnsTemplate, data: Record<string, string>): void {
  const names = template.listParams.map((p) => p.name);
  const fix = `Template ${template.templateId} takes: ${template.listParams.map((p) => `${p.name} (${p.type}${p.require ? ', required' : ''}${p.maxLength ? `, ≤ ${p.maxLength} chars` : ''})`).join('; ') || 'no parameters'}.`;
  for (const key of Object.keys(data)) {
    if (!names.includes(key)) throw new ZaloInputError(`template_data.${key} is not a parameter of template ${template.templateId}`, fix);
  }
  for (const p of template.listParams) {
    const v = data[p.name];
    if (v === undefined || v === '') {
      if (p.require) throw new ZaloInputError(`template_data.${p.name} is required by template ${template.templateId}`, fix);
      continue;
    }
    // Zalo counts code points of the NFC text it receives (the client sends NFC).
    const length = [...v.normalize('NFC')].length;
    if (p.maxLength !== undefined && p.maxLength > 0 && length > p.maxLength) {
      throw new ZaloInputError(`template_data.${p.name} is ${length} characters; the template allows at most ${p.maxLength}`, fix);
    }
    if (p.minLength !== undefined && length < p.minLength) {
      throw new ZaloInputError(`template_data.${p.name} is ${length} characters; the template needs at least ${p.minLength}`, fix);
    }
    if (p.type.toUpperCase() === 'NUMBER' && !/^-?[\d.,]+$/.test(v)) {
      throw new ZaloInputError(`template_data.${p.name} must be a number (digits, "." or ","), got "${v}"`, fix);
    }
  }
}
