/**
 * A resource is data, like a tool: a URI (fixed, or a template with {variables}), what a client
 * can list and complete, and a read that returns JSON. `server.ts` turns these into MCP resources;
 * nothing here imports the SDK.
 */
import { accountFor, ConfigError, type Config } from '../config.js';

export interface ResourceDefinition {
  name: string;
  title: string;
  description: string;
  /** `zalo://oas`, or a template such as `zalo://oa/{oa}/profile`. */
  uri: string;
  /** Templates: the concrete resources worth opening now. */
  list?: () => Promise<Array<{ uri: string; name: string }>>;
  /** Templates: completion of each variable, given what the client typed so far. */
  complete?: Record<string, (value: string, args: Record<string, string>) => string[] | Promise<string[]>>;
  /** The resource's JSON; throws ResourceInputError for bad variables, ZaloError for Zalo's failures. */
  read: (vars: Record<string, string>) => Promise<unknown>;
}

/** A URI variable that cannot be read (malformed id, unknown OA): the client's mistake, not ours. */
export class ResourceInputError extends Error {}

/** The alias named in a URI, or ResourceInputError naming the configured ones. */
export function oaAlias(deps: { config: Config }, oa: string): string {
  try {
    return accountFor(deps.config, oa).alias;
  } catch (e) {
    if (e instanceof ConfigError) throw new ResourceInputError(e.message);
    throw e;
  }
}
