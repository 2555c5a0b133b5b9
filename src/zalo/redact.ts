/**
 * Secret scrubbing for every message, error and log line (octokit-style).
 * Secrets are registered as they become known (config load, token refresh), and a few
 * key=value patterns catch tokens we have never seen (e.g. echoed back in an upstream body).
 */
const secrets = new Set<string>();
/** `secrets`, longest first, rebuilt on change: a secret that contains another must go first. */
let ordered: string[] = [];

/** Remember a value that must never be printed. Short values are ignored to avoid mangling text. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 8 && !secrets.has(value)) {
    secrets.add(value);
    ordered = [...secrets].sort((a, b) => b.length - a.length);
  }
}

const PATTERNS: RegExp[] = [
  // snake_case as Zalo writes them, camelCase as our own objects (OaAccount) would.
  /("?(?:access_?token|refresh_?token|secret_?key|app_?secret|code_?verifier|authorization)"?\s*[:=]\s*"?)(?:Bearer\s+)?[^"&,\s}]+/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g,
];

export const REDACTED = '[REDACTED]';

/** Replace every known secret and token-looking value in `text`. */
export function redact(text: string): string {
  let out = text;
  for (const s of ordered) out = out.split(s).join(REDACTED);
  for (const p of PATTERNS) out = out.replace(p, `$1${REDACTED}`);
  return out;
}
