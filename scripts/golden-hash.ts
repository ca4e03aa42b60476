// The golden hash: one SHA-256 over everything the library writes for every example app
// and 400 random apps (a fixed fast-check seed), plus what synthesis prints. A refactor
// keeps it unchanged; run it before and after: `npx tsx scripts/golden-hash.ts`.
// `--list` prints one hash per app, to find which one changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { App } from '../lib';
import { appSpec, build } from '../test/support/random-app';

const RANDOM_APPS = Number(process.env.GOLDEN_APPS ?? 400);
const SEED = 20261208;
const root = path.resolve(__dirname, '..');

/** Every file under `dir`, sorted by relative path, as `path\0content\0`. */
function filesOf(dir: string): string {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) {
        walk(full);
      } else {
        out.push(`${path.relative(dir, full)}\0${fs.readFileSync(full, 'utf8')}\0`);
      }
    }
  };
  walk(dir);
  return out.join('');
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const hashes: Array<[string, string]> = [];

// The examples, each as `cdk8s synth` runs it (its own process, output in CDK8S_OUTDIR).
const mains = ['examples/main.ts', ...fs.readdirSync(path.join(root, 'examples')).map((d) => `examples/${d}/main.ts`)].filter((f) =>
  fs.existsSync(path.join(root, f)),
);
for (const main of mains.sort()) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-'));
  const run = spawnSync(process.execPath, ['--import', 'tsx', main], { cwd: root, env: { ...process.env, CDK8S_OUTDIR: outdir }, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`${main} failed:\n${run.stderr}`);
  }
  // What it prints, without what differs between runs and checkouts: the process id, the paths.
  // (build contexts are relative to the output folder: the checkout's path shows in them).
  const text = `${run.stdout}\0${run.stderr}\0${filesOf(outdir)}`.replace(/\(node:\d+\)/g, '(node)');
  hashes.push([main, sha(text.split(outdir).join('<out>').split(root).join('<root>').split(path.relative(outdir, root)).join('<root>'))]);
  fs.rmSync(outdir, { recursive: true, force: true });
}

// Random apps, synthesized to disk with what they print.
const specs = fc.sample(appSpec, { numRuns: RANDOM_APPS, seed: SEED });
const { emitWarning } = process;
specs.forEach((spec, i) => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-'));
  const printed: string[] = [];
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) =>
    printed.push(`${String(warning)} ${JSON.stringify(rest)}`)) as typeof process.emitWarning;
  try {
    const app = new App({ outdir });
    build(app, spec, `app${i}`);
    app.synth();
  } finally {
    process.emitWarning = emitWarning;
  }
  hashes.push([`random ${i}`, sha(`${printed.join('\n')}\0${filesOf(outdir)}`)]);
  fs.rmSync(outdir, { recursive: true, force: true });
});

if (process.argv.includes('--list')) {
  for (const [name, hash] of hashes) {
    console.log(`${hash.slice(0, 16)} ${name}`);
  }
}
console.log(`golden ${sha(hashes.map(([n, h]) => `${n} ${h}`).join('\n'))} (${mains.length} examples, ${RANDOM_APPS} random apps)`);
