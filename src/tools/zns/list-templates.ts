import { z } from 'zod';
import { ZNS_TEMPLATE_STATUSES, type ZnsTemplateStatus } from '../../zalo/endpoints/zns.js';
import { defineTool, READ } from '../define-tool.js';
import { count, offset, pageOf, toPage } from '../params.js';

const STATUS_NAMES = Object.keys(ZNS_TEMPLATE_STATUSES) as [ZnsTemplateStatus, ...ZnsTemplateStatus[]];

/** Zalo's status string (ENABLE, PENDING_REVIEW...) in our lower-case names. */
export const statusName = (s: string) => s.toLowerCase();

export const znsListTemplates = defineTool({
  name: 'zns_list_templates',
  toolset: 'zns',
  title: 'List ZNS templates',
  description:
    'List the OA\'s ZNS templates with status and quality, one page at a time. Only status enable can be sent; use zns_get_template for a template\'s parameters.',
  input: {
    status: z.enum(STATUS_NAMES).optional().describe('Only templates in this status: enable | pending_review | reject | disable'),
    offset: offset(),
    count: count({ max: 100, def: 20 }),
  },
  output: pageOf(z.object({ template_id: z.string(), name: z.string(), status: z.string(), quality: z.string().nullable(), created_time: z.string().nullable() })),
  annotations: READ,
  handler: async ({ status, offset, count }, { zalo }) => {
    const r = await zalo.zns.templates({ offset, limit: count, ...(status ? { status: ZNS_TEMPLATE_STATUSES[status] } : {}) });
    const items = r.data.map((t) => ({
      template_id: t.templateId,
      name: t.templateName,
      status: statusName(t.status),
      quality: t.templateQuality ?? null,
      created_time: t.createdTime ? new Date(t.createdTime).toISOString() : null,
    }));
    return toPage(items, offset, count, r.metadata?.total);
  },
});
