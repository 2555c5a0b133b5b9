/**
 * Resource zalo://oa/{oa}/zns/templates: every ZNS template of an OA with its status and
 * quality, so a client can pick a sendable template without calling a tool.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ServerDeps } from '../server.js';
import { createToolContext } from '../tools/define-tool.js';
import { statusName } from '../tools/zns/list-templates.js';
import { ZaloError } from '../zalo/errors.js';

const JSON_TYPE = 'application/json';
/** /template/all caps `limit` at 100; stop after this many pages even if Zalo's total says more. */
const PAGE = 100;
const MAX_PAGES = 20;

/** Register the ZNS templates resource template (list: one URI per configured OA). */
export function registerZnsTemplatesResource(server: McpServer, deps: ServerDeps): void {
  const { config } = deps;
  const aliases = config.accounts.map((a) => a.alias);
  server.registerResource(
    'zns-templates',
    new ResourceTemplate('zalo://oa/{oa}/zns/templates', {
      list: () => ({ resources: aliases.map((oa) => ({ uri: `zalo://oa/${oa}/zns/templates`, name: `ZNS templates (${oa})`, mimeType: JSON_TYPE })) }),
      complete: { oa: (value) => aliases.filter((a) => a.startsWith(value)) },
    }),
    { title: 'ZNS templates', description: 'The OA\'s ZNS templates: id, name, status (only enable can be sent) and quality.', mimeType: JSON_TYPE },
    async (uri, vars) => {
      const oa = String(vars.oa);
      if (!aliases.includes(oa)) throw new McpError(ErrorCode.InvalidParams, `Unknown OA alias "${oa}"; configured: ${aliases.join(', ')}`);
      const { zalo } = createToolContext(deps, oa, AbortSignal.timeout(config.timeoutMs * 3));
      const templates = [];
      try {
        for (let page = 0; page < MAX_PAGES; page++) {
          const r = await zalo.zns.templates({ offset: page * PAGE, limit: PAGE });
          templates.push(...r.data.map((t) => ({ template_id: t.templateId, name: t.templateName, status: statusName(t.status), quality: t.templateQuality ?? null })));
          if (r.data.length < PAGE || templates.length >= (r.metadata?.total ?? Infinity)) break;
        }
      } catch (e) {
        if (e instanceof ZaloError) throw new McpError(ErrorCode.InternalError, `${e.message}. ${e.hint}`);
        throw e;
      }
      return { contents: [{ uri: uri.href, mimeType: JSON_TYPE, text: JSON.stringify({ oa, total: templates.length, templates }, null, 2) }] };
    },
  );
}
