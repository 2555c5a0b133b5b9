/**
 * The four upload tools share one recipe (issue 13, item 13): each states its kinds and size
 * limit once, through uploadRecipe(), so the advertised limit and the enforced one cannot drift.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/tools/registry.js';

const toolFiles = readdirSync('src/tools', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join('src/tools', d.name)).map((f) => join('src/tools', d.name, f)))
  .filter((f) => f.endsWith('.ts'));

describe('upload tools', () => {
  it('are the four expected ones', () => {
    expect(ALL_TOOLS.map((t) => t.name).filter((n) => /_upload_/.test(n)).sort()).toEqual(['articles_upload_video', 'media_upload_file', 'media_upload_gif', 'media_upload_image']);
  });

  it('each builds on uploadRecipe(); no tool reads or checks a source by hand', () => {
    const uploading = toolFiles.filter((f) => /\/upload-[a-z]+\.ts$/.test(f));
    expect(uploading).toHaveLength(4);
    for (const f of uploading) {
      const text = readFileSync(f, 'utf8');
      expect(text, f).toMatch(/= uploadRecipe\(\{ kinds: \[[^\]]+\], maxBytes: [^,]+, what: '[^']+', label: '[^']+' \}\);/);
      expect(text, f).toMatch(/input: [A-Z]+\.input,/);
      expect(text, f).not.toMatch(/uploadSourceInput|uploadFrom|readUploadSource|const MAX\b/);
    }
    const elsewhere = toolFiles.filter((f) => !f.endsWith('media/upload.ts') && /uploadSourceInput|uploadFrom\(|readUploadSource/.test(readFileSync(f, 'utf8')));
    expect(elsewhere).toEqual([]);
  });
});
