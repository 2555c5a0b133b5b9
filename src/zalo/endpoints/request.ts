import type { RequestOptions } from '../client.js';

/** A ZaloClient.request already bound to one OA and one call's abort signal. */
export type OaRequest = <T = unknown>(opts: Omit<RequestOptions<T>, 'oa' | 'signal'>) => Promise<T>;
