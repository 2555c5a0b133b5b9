/**
 * A conservative token estimate for JSON schema text: ~3.5 characters per token for English
 * JSON with many short keys (real tokenisers land between 3.5 and 4.2 on tools/list payloads).
 */
export function estimateTokens(text) {
  return Math.ceil(text.length / 3.5);
}
