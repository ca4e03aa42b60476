/**
 * Runs ONE benchmark configuration in this process and prints `{"ms": ..., "rssMb": ...}`:
 * the wall time of synthesis (construct tree to files on disk) and the peak RSS.
 * Usage: node build/bench/run-one.js <library|cdk8s-plus|lower-bound|library-chart-per-service|library-one-chart-no-connections|validate> <N>
 *
 * `validate` times the output checks users run in their tests (`validateOutput` with the
 * Kubernetes schema and unknown fields, Pod Security, the Compose schema and parity) on the
 * library's output for N services, defined and synthesized untimed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App as Cdk8sApp } from 'cdk8s';
import * as yaml from 'js-yaml';
import { defineWithCdk8sPlus, defineWithLibrary } from './apps';
import { App, AppChart } from '../lib';
import { Check, validateOutput } from '../lib/validation';

const [config, nText] = process.argv.slice(2);
const n = Number(nText);
// BENCH_TMPDIR puts the output elsewhere, e.g. on tmpfs to take file creation out of the numbers.
const outdir = fs.mkdtempSync(path.join(process.env.BENCH_TMPDIR ?? os.tmpdir(), `bench-${config}-`));

function measure(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

let ms: number | undefined;
/** The library layouts the benchmark compares. */
const LAYOUTS: Record<string, { chartPerService?: boolean; connections?: boolean }> = {
  'library': {},
  'library-chart-per-service': { chartPerService: true },
  'library-one-chart-no-connections': { connections: false },
};

switch (config) {
  case 'library':
  case 'library-chart-per-service':
  case 'library-one-chart-no-connections':
    ms = measure(() => {
      const app = new App({ outdir });
      defineWithLibrary(app, n, LAYOUTS[config]);
      app.synth();
    });
    break;
  case 'cdk8s-plus':
    ms = measure(() => {
      const app = new Cdk8sApp({ outdir });
      defineWithCdk8sPlus(app, n);
      app.synth();
    });
    break;
  case 'lower-bound': {
    // The same documents as plain objects (built untimed), then only serialization and writes.
    const app = new App({ outdir });
    defineWithLibrary(app, n);
    const chart = app.node.children.find((c): c is AppChart => AppChart.isAppChart(c))!;
    const objects = JSON.parse(JSON.stringify(chart.toJson()));
    const compose = JSON.parse(JSON.stringify(chart.toCompose()));
    ms = measure(() => {
      const options = { sortKeys: true, lineWidth: -1, noRefs: true };
      fs.writeFileSync(path.join(outdir, 'bench.k8s.yaml'), objects.map((o: unknown) => yaml.dump(o, options)).join('---\n'));
      fs.writeFileSync(path.join(outdir, 'bench.compose.yml'), yaml.dump(compose, options));
    });
    break;
  }
  case 'validate': {
    const app = new App({ outdir });
    defineWithLibrary(app, n);
    const chart = app.node.children.find((c): c is AppChart => AppChart.isAppChart(c))!;
    const output = { objects: chart.toJson(), compose: JSON.parse(JSON.stringify(chart.toCompose())) };
    const checks = [Check.KUBERNETES_SCHEMA, Check.KUBERNETES_UNKNOWN_FIELDS, Check.POD_SECURITY, Check.COMPOSE_SCHEMA, Check.PARITY];
    const start = performance.now();
    validateOutput(output, { checks }).then((result) => {
      if (result.skipped.length > 0 || result.findings.length > 0) {
        throw new Error(`validate: expected every check to run and pass, got ${JSON.stringify(result)}`);
      }
      finish(performance.now() - start);
    });
    break;
  }
  default:
    throw new Error(`unknown configuration ${config}`);
}
if (config !== 'validate') {
  finish(ms!);
}

function finish(elapsed: number): void {
  fs.rmSync(outdir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ ms: elapsed, rssMb: process.resourceUsage().maxRSS / 1024 }));
}
