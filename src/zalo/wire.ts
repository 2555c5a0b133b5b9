/**
 * JSON as sent to Zalo: every string NFC-normalised (ZALO_API.md §3 "Text"). Zalo compares and
 * counts what it receives, so a decomposed "Khách mới" would be a second tag and overshoot limits;
 * tool inputs are normalised already, this also covers values built inside the server.
 */
export function wireJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.normalize('NFC') : v));
}
