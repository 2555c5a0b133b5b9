/** What the inbox tools say when there is nothing to show because nothing was received. */
import type { Store } from '../../store/types.js';

export const NO_STORE = 'The local store could not be opened (see the server log), so webhook events are unavailable.';

/** A hint when no webhook event ever reached this OA's store: an empty inbox may just mean no webhook. */
export async function webhookNote(store: Store, oa: string): Promise<string | undefined> {
  const any = await store.listEvents({ oa, offset: 0, count: 1 });
  return any.total === 0 ? 'No webhook event received yet: point the OA\'s webhook at this server\'s /webhook (see README "Webhooks").' : undefined;
}
