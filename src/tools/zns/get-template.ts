import { z } from 'zod';
import { defineTool, READ } from '../define-tool.js';
import { statusName } from './list-templates.js';
import { describeParam, getTemplate } from './templates.js';

export const znsGetTemplate = defineTool({
  name: 'zns_get_template',
  toolset: 'zns',
  title: 'Get template',
  description: 'A template\'s parameters (name, type, required, length limits), status, quality, tag, prices by phone (price_sdt) and by user_id (price_uid), and preview link. Read it before zns_send to fill template_data.',
  input: {
    template_id: z.string().regex(/^\d{1,20}$/, 'must be a numeric template id').describe('ZNS template id (digits), from zns_list_templates'),
  },
  output: {
    template_id: z.string(),
    name: z.string(),
    status: z.string(),
    quality: z.string().nullable(),
    tag: z.string().nullable(),
    price: z.string().nullable(),
    price_sdt: z.string().nullable().describe('VND per send by phone'),
    price_uid: z.string().nullable().describe('VND per send by user_id; null: not sendable by user_id'),
    preview_url: z.string().nullable(),
    timeout_ms: z.number().nullable(),
    parameters: z.array(z.object({ name: z.string(), type: z.string(), required: z.boolean(), min_length: z.number().optional(), max_length: z.number().optional() })),
  },
  annotations: READ,
  handler: async ({ template_id }, ctx) => {
    const t = await getTemplate(ctx, template_id);
    return {
      template_id: t.templateId,
      name: t.templateName,
      status: statusName(t.status),
      quality: t.templateQuality ?? null,
      tag: t.templateTag ?? null,
      price: t.price ?? null,
      price_sdt: t.price_sdt ?? null,
      price_uid: t.price_uid ?? null,
      preview_url: t.previewUrl ?? null,
      timeout_ms: t.timeout ?? null,
      parameters: t.listParams.map(describeParam),
    };
  },
});
