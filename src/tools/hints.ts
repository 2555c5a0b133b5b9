/**
 * Hints name tools (zns_send, media_upload_image, ...). A hint must not send the model to a tool
 * this server does not expose: each name that is not registered here gets one closing note saying
 * what would enable it (its toolset, the deny list, or read-only mode).
 */
export interface HintTools {
  /** Names of the tools this server registered. */
  selected: ReadonlySet<string>;
  /** Every tool we have, with its toolset and whether it only reads. */
  all: ReadonlyMap<string, { toolset: string; readOnly: boolean }>;
  readOnly: boolean;
  denied: ReadonlySet<string>;
}

export function hintTools(
  all: ReadonlyArray<{ name: string; toolset: string; annotations: { readOnlyHint: boolean } }>,
  selected: ReadonlyArray<{ name: string }>,
  config: { readOnly: boolean; denyTools: readonly string[] },
): HintTools {
  return {
    selected: new Set(selected.map((t) => t.name)),
    all: new Map(all.map((t) => [t.name, { toolset: t.toolset, readOnly: t.annotations.readOnlyHint }])),
    readOnly: config.readOnly,
    denied: new Set(config.denyTools),
  };
}

/** `hint` with a note for every tool it names that this server does not expose. */
export function renderHint(hint: string, tools?: HintTools): string {
  if (!tools || !hint) return hint;
  const missing = [...new Set(hint.match(/\b[a-z]+(?:_[a-z]+)+\b/g) ?? [])].filter((n) => tools.all.has(n) && !tools.selected.has(n));
  if (missing.length === 0) return hint;
  const notes = new Map<string, string[]>();
  for (const name of missing) {
    const t = tools.all.get(name)!;
    const why = tools.readOnly && !t.readOnly ? 'this server runs read-only (ZALO_READ_ONLY)'
      : tools.denied.has(name) ? 'remove it from ZALO_DENY_TOOLS'
      : `add the ${t.toolset} toolset to ZALO_TOOLSETS`;
    notes.set(why, [...(notes.get(why) ?? []), name]);
  }
  const text = [...notes].map(([why, names]) => `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not enabled in this server: ${why}.`).join(' ');
  return `${hint.replace(/\s+$/, '')} (${text})`;
}
