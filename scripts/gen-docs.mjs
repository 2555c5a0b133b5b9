#!/usr/bin/env node
// Regenerates docs/tools.md and the README's tool table from the built registry (run `npm run build` first).
import { readFileSync, writeFileSync } from 'node:fs';
import { renderToolsMarkdown, withToolTable } from '../dist/tools/docs.js';

writeFileSync('docs/tools.md', renderToolsMarkdown());
writeFileSync('README.md', withToolTable(readFileSync('README.md', 'utf8')));
process.stderr.write('docs/tools.md and README.md tool table regenerated\n');
