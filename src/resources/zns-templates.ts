/**
 * Resource zalo://oa/{oa}/zns/templates: every ZNS template of an OA with its status and
 * quality, so a client can pick a sendable template without calling a tool.
 */
import { completeOa } from '../prompts/complete.js';
import type { ServerDeps } from '../server.js';
import { createToolContext } from '../tools/define-tool.js';
import { statusName } from '../tools/zns/list-templates.js';
import { oaAlias, type ResourceDefinition } from './define-resource.js';

/** /template/all caps `limit` at 100; stop after this many pages even if Zalo's total says more. */
const PAGE = 100;
const MAX_PAGES = 20;

/** The ZNS templates resource template (list: one URI per configured OA). */
export function znsTemplatesResource(deps: ServerDeps): ResourceDefinition {
  const { config } = deps;
  const aliases = config.accounts.map((a) => a.alias);
  return {
    name: 'zns-templates',
    title: 'ZNS templates',
    description: 'The OA\'s ZNS templates: id, name, status (only enable can be sent) and quality.',
    uri: 'zalo://oa/{oa}/zns/templates',
    list: async () => aliases.map((oa) => ({ uri: `zalo://oa/${oa}/zns/templates`, name: `ZNS templates (${oa})` })),
    complete: { oa: (value) => completeOa(config, value) },
    read: async (vars) => {
      const oa = oaAlias(deps, vars.oa!);
      const { zalo } = createToolContext(deps, oa, AbortSignal.timeout(config.timeoutMs * 3));
      const templates = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        const r = await zalo.zns.templates({ offset: page * PAGE, limit: PAGE });
        templates.push(...r.data.map((t) => ({ template_id: t.templateId, name: t.templateName, status: statusName(t.status), quality: t.templateQuality ?? null })));
        if (r.data.length < PAGE || templates.length >= (r.metadata?.total ?? Infinity)) break;
      }
      return { oa, total: templates.length, templates };
    },
  };
}
