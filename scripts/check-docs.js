#!/usr/bin/env node
// Fails when a public prop lacks documentation. typedoc (run first, see `npm run docs`)
// already fails on any exported symbol without a summary (validation.notDocumented with
// treatWarningsAsErrors); this adds what typedoc cannot check: every optional property of a
// `...Props` / `...Options` interface says its default with `@default` (the rule is in
// docs/contributing.md, section Docs).
'use strict';
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', 'build', 'api.json');
if (!fs.existsSync(file)) {
  console.error(`${file} is missing: run typedoc first (npm run docs)`);
  process.exit(2);
}
const api = JSON.parse(fs.readFileSync(file, 'utf8'));

const INTERFACE = 256;
const PROPERTY = 1024;
const problems = [];
let checked = 0;

/** Walks the reflection tree, including the properties an interface inherits. */
function visit(node) {
  if (node.kind === INTERFACE && /(Props|Options)$/.test(node.name)) {
    for (const prop of node.children ?? []) {
      if (prop.kind !== PROPERTY) {
        continue;
      }
      checked++;
      const comment = prop.comment ?? {};
      const summary = (comment.summary ?? [])
        .map((p) => p.text)
        .join('')
        .trim();
      if (!summary) {
        problems.push(`${node.name}.${prop.name}: no summary`);
      }
      if (prop.flags?.isOptional && !(comment.blockTags ?? []).some((t) => t.tag === '@default')) {
        problems.push(`${node.name}.${prop.name}: optional but has no @default`);
      }
    }
  }
  for (const child of node.children ?? []) {
    visit(child);
  }
}
visit(api);

if (problems.length > 0) {
  console.error(`${problems.length} undocumented public prop(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`docs: ${checked} props of Props/Options interfaces documented, each optional one with its @default`);
