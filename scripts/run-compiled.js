#!/usr/bin/env node
// Runs a TypeScript entry point of this repository from its compiled JavaScript, compiling
// first only when a source changed. Used by cdk8s.yaml: `cdk8s synth` then costs the app's
// own run time (~0.2 s) instead of a TypeScript loader's (~0.6 s with tsx, ~3 s with ts-node).
//
// Usage: node scripts/run-compiled.js examples/main.ts
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const entry = process.argv[2];
if (!entry || !entry.endsWith('.ts')) {
  console.error('usage: node scripts/run-compiled.js <file.ts>');
  process.exit(2);
}
// CDK8S_COMPOSE_BUILD_DIR moves the compiled files elsewhere (the tests use a temporary folder,
// so that they write nothing into the working tree).
const buildDir = process.env.CDK8S_COMPOSE_BUILD_DIR ?? path.join(root, 'build');
const compiled = path.join(buildDir, entry.replace(/\.ts$/, '.js'));

/** The newest modification time among the sources the build compiles. */
function newestSource() {
  let newest = fs.statSync(path.join(root, 'tsconfig.build.json')).mtimeMs;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') {
          walk(p);
        }
      } else if (e.name.endsWith('.ts')) {
        newest = Math.max(newest, fs.statSync(p).mtimeMs);
      }
    }
  };
  ['lib', 'examples', 'bench'].forEach((d) => walk(path.join(root, d)));
  return newest;
}

const stamp = path.join(buildDir, '.stamp');
const built = fs.existsSync(stamp) && fs.existsSync(compiled) ? fs.statSync(stamp).mtimeMs : 0;
if (built < newestSource()) {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--outDir', buildDir], {
    stdio: 'inherit',
  });
  if (tsc.status !== 0) {
    process.exit(tsc.status ?? 1);
  }
  fs.writeFileSync(stamp, '');
}
require(compiled);
