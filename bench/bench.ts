/**
 * `npm run bench`: the synthesis benchmark. Every measurement runs in a fresh Node process
 * (bench/run-one.ts), configurations interleaved round by round so that machine noise hits
 * them alike; ratios are computed within each round, then the median is reported.
 *
 *   library            this library, both targets (Kubernetes + Compose), one chart
 *   cdk8s-plus         hand-written cdk8s-plus-28 code for the same Kubernetes objects only
 *   lower-bound        the same Kubernetes and Compose documents as plain objects, js-yaml dump
 *   validate           the output checks users run in tests, on 100 services
 *
 * Set BENCH_ROUNDS to change the number of rounds (default 5; 3 at N = 10000).
 *
 * `npm run bench:quick` (BENCH_QUICK=1): only N = 1000, library vs cdk8s-plus vs lower bound,
 * 3 rounds, about half a minute. It compares the same-run ratios with the last row of
 * bench/history.csv and exits 1 when one is more than 1.5 times the recorded value (CI runs
 * it). Ratios, not times: the machine's speed cancels out, its noise mostly too. The history
 * has one row per release or performance change (the full run prints it, `# history row:`);
 * its note column has no commas.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// Runs from the compiled JavaScript (`npm run bench` compiles first): what users run,
// without a TypeScript loader's time and memory in the numbers.
const ROOT = path.join(__dirname, '..', '..');
const QUICK = process.env.BENCH_QUICK === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 3 : 5));
const HISTORY = path.join(ROOT, 'bench', 'history.csv');
/** How much worse than the recorded ratio the quick benchmark tolerates. */
const REGRESSION_FACTOR = 1.5;

interface Sample {
  readonly ms: number;
  readonly rssMb: number;
}

function runOne(config: string, n: number, tmpdir?: string): Sample {
  const run = spawnSync(process.execPath, [path.join(__dirname, 'run-one.js'), config, String(n)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, NODE_OPTIONS: '', ...(tmpdir ? { BENCH_TMPDIR: tmpdir } : {}) },
  });
  if (run.status !== 0) {
    throw new Error(`${config} ${n} failed: ${run.stderr}`);
  }
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs the configurations interleaved for `rounds` rounds; returns the samples per configuration. */
function interleave(configs: Array<[string, number]>, rounds: number, tmpdir?: string): Sample[][] {
  const samples: Sample[][] = configs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    configs.forEach(([config, n], i) => samples[i].push(runOne(config, n, tmpdir)));
    process.stderr.write('.');
  }
  return samples;
}

const rows: string[][] = [['configuration', 'N', 'median ms', 'per service µs', 'peak RSS MB']];
const row = (config: string, n: number, s: Sample[]) =>
  rows.push([
    config,
    String(n),
    median(s.map((x) => x.ms)).toFixed(0),
    ((median(s.map((x) => x.ms)) * 1000) / n).toFixed(0),
    median(s.map((x) => x.rssMb)).toFixed(0),
  ]);

const roundRatios = (a: Sample[], b: Sample[], key: keyof Sample = 'ms') => median(a.map((x, i) => x[key] / b[i][key]));

if (QUICK) {
  quick();
} else {
  full();
}

/** The quick benchmark: N = 1000 only, compared with the last recorded row of the history. */
function quick(): void {
  const [lib, plus, lower] = interleave(
    [
      ['library', 1000],
      ['cdk8s-plus', 1000],
      ['lower-bound', 1000],
    ],
    ROUNDS,
  );
  process.stderr.write('\n');
  const measured: Record<string, number> = {
    ratio_vs_lower_bound_1000: roundRatios(lib, lower),
    ratio_vs_cdk8s_plus_1000: roundRatios(lib, plus),
  };
  const recorded = lastRecorded();
  let failed = false;
  for (const [name, value] of Object.entries(measured)) {
    const limit = recorded[name] === undefined ? undefined : recorded[name] * REGRESSION_FACTOR;
    const verdict =
      limit === undefined
        ? 'no recorded value'
        : value <= limit
          ? `ok (recorded ${recorded[name]}, limit ${limit.toFixed(2)})`
          : `REGRESSION (recorded ${recorded[name]}, limit ${limit.toFixed(2)})`;
    failed ||= limit !== undefined && value > limit;
    console.log(`${name}=${value.toFixed(2)}  # ${verdict}`);
  }
  if (failed) {
    console.log(`a same-run ratio is more than ${REGRESSION_FACTOR}x the last row of bench/history.csv: profile the change (see docs/performance.md)`);
    process.exit(1);
  }
}

/** The last row of bench/history.csv, by column; empty cells left out. */
function lastRecorded(): Record<string, number> {
  const lines = fs
    .readFileSync(HISTORY, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = lines[0].split(',');
  const last = lines[lines.length - 1].split(',');
  const row: Record<string, number> = {};
  header.forEach((name, i) => {
    if (last[i] !== undefined && last[i] !== '' && !Number.isNaN(Number(last[i]))) {
      row[name] = Number(last[i]);
    }
  });
  return row;
}

/** The full benchmark: the table, then the metrics (last lines of the output). */
function full(): void {
  const results: Record<number, { lib: Sample[]; plus: Sample[]; lower: Sample[] }> = {};
  for (const n of [100, 1000, 10000]) {
    const [lib, plus, lower] = interleave(
      [
        ['library', n],
        ['cdk8s-plus', n],
        ['lower-bound', n],
      ],
      n >= 10000 ? Math.min(ROUNDS, 3) : ROUNDS,
    );
    results[n] = { lib, plus, lower };
    row('library (Kubernetes + Compose)', n, lib);
    row('cdk8s-plus-28 (Kubernetes only)', n, plus);
    row('lower bound (js-yaml of plain objects)', n, lower);
  }

  const [oneChart, perService] = interleave(
    [
      ['library-one-chart-no-connections', 3000],
      ['library-chart-per-service', 3000],
    ],
    ROUNDS,
  );
  row('library, one chart', 3000, oneChart);
  row('library, one chart per service', 3000, perService);
  // The same pair writing to tmpfs: what remains when creating ~7000 files costs nothing.
  let tmpfsRatio: number | undefined;
  if (fs.existsSync('/dev/shm')) {
    const [oneShm, perShm] = interleave(
      [
        ['library-one-chart-no-connections', 3000],
        ['library-chart-per-service', 3000],
      ],
      ROUNDS,
      '/dev/shm',
    );
    row('library, one chart (output on tmpfs)', 3000, oneShm);
    row('library, one chart per service (output on tmpfs)', 3000, perShm);
    tmpfsRatio = roundRatios(perShm, oneShm);
  }

  // `cdk8s synth` of the main example, as users run it (the CLI, its upgrade check off).
  const synthTimes: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
    const start = process.hrtime.bigint();
    const run = spawnSync(path.join(ROOT, 'node_modules/.bin/cdk8s'), ['synth', '--output', outdir], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    });
    synthTimes.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (run.status !== 0) {
      throw new Error(`cdk8s synth failed: ${run.stderr}`);
    }
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  rows.push(['cdk8s synth (main example)', '-', (median(synthTimes) * 1000).toFixed(0), '-', '-']);

  const [validate] = interleave([['validate', 100]], ROUNDS);
  row('output checks (validateOutput: schema, unknown fields, Pod Security, Compose schema, parity)', 100, validate);

  process.stderr.write('\n');
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  }

  // Per-service cost between 1000 and 10000 services over that between 100 and 1000: 1.0 is
  // linear; start-up, which the whole-run times at N = 100 are mostly made of, cancels out.
  const ms = (n: number) => median(results[n].lib.map((x) => x.ms));
  const marginalScaling = (ms(10000) - ms(1000)) / 9000 / ((ms(1000) - ms(100)) / 900);
  const metrics: Array<[string, string]> = [
    ['ratio_vs_lower_bound_1000', roundRatios(results[1000].lib, results[1000].lower).toFixed(2)],
    ['ratio_vs_lower_bound_10000', roundRatios(results[10000].lib, results[10000].lower).toFixed(2)],
    ['ratio_vs_cdk8s_plus_1000', roundRatios(results[1000].lib, results[1000].plus).toFixed(2)],
    ['marginal_scaling', marginalScaling.toFixed(2)],
    ['chart_per_service_vs_one_3000', roundRatios(perService, oneChart).toFixed(2)],
    ['peak_rss_mb_1000', median(results[1000].lib.map((x) => x.rssMb)).toFixed(0)],
    ['peak_rss_ratio_10000', roundRatios(results[10000].lib, results[10000].lower, 'rssMb').toFixed(2)],
    ['cdk8s_synth_example_s', median(synthTimes).toFixed(2)],
    ['validate_100_services_s', (median(validate.map((x) => x.ms)) / 1000).toFixed(2)],
  ];
  console.log('');
  if (tmpfsRatio !== undefined) {
    console.log(`# chart per service vs one chart, 3000 services, output on tmpfs (no file-creation cost): ${tmpfsRatio.toFixed(2)}`);
  }
  // A row for bench/history.csv (date, commit, the metrics, a note to write).
  const header = fs.readFileSync(HISTORY, 'utf8').split('\n')[0].split(',');
  const values = new Map(metrics);
  const date = new Date().toISOString().slice(0, 10);
  console.log(`# history row: ${header.map((h) => (h === 'date' ? date : h === 'commit' ? gitCommit() : (values.get(h) ?? ''))).join(',')}`);
  for (const [name, value] of metrics) {
    console.log(`${name}=${value}`);
  }
}

function gitCommit(): string {
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  return git.status === 0 ? git.stdout.trim() : 'unknown';
}
