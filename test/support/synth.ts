import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { App, AppChart } from '../../lib';

/** What one synthesis wrote, parsed. */
export interface SynthResult {
  /** The output directory. */
  readonly outdir: string;
  /** Every file written, by name, as text. */
  readonly files: Record<string, string>;
  /** The Kubernetes objects of each chart file, by file name. */
  readonly kubernetes: Record<string, any[]>;
  /** Every Kubernetes object of the app. */
  readonly objects: any[];
  /** The parsed Compose files, by file name. */
  readonly compose: Record<string, any>;
}

/** Runs `build` in a fresh App writing to a temporary directory, synthesizes, and reads everything back. */
export function synthApp(build: (app: App) => void): SynthResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-test-'));
  const app = new App({ outdir });
  build(app);
  app.synth();
  return readOutput(outdir);
}

/**
 * Synthesizes as `cdk8s synth` does in a project: the working directory is a project root
 * (a temporary folder whose `examples` links to this repository's), the output `dist/`.
 * Build contexts and source mounts then read `../examples/...`, whatever the checkout's path.
 */
export function synthProject(build: (app: App) => void): SynthResult {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-project-'));
  fs.symlinkSync(path.resolve(__dirname, '..', '..', 'examples'), path.join(root, 'examples'));
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const app = new App({ outdir: path.join(root, 'dist') });
    build(app);
    app.synth();
  } finally {
    process.chdir(cwd);
  }
  return readOutput(path.join(root, 'dist'));
}

/** Reads a synthesized output directory. */
export function readOutput(outdir: string): SynthResult {
  const files: Record<string, string> = {};
  const kubernetes: Record<string, any[]> = {};
  const compose: Record<string, any> = {};
  for (const name of fs.readdirSync(outdir).sort()) {
    if (fs.statSync(path.join(outdir, name)).isDirectory()) {
      continue;
    }
    const text = fs.readFileSync(path.join(outdir, name), 'utf8');
    files[name] = text;
    if (name.endsWith('.k8s.yaml')) {
      kubernetes[name] = yaml.loadAll(text).filter((d) => d !== null);
    } else if (name.endsWith('.compose.yml')) {
      compose[name] = yaml.load(text);
    }
  }
  return { outdir, files, kubernetes, objects: Object.values(kubernetes).flat(), compose };
}

/** Synthesizes one chart in a test app: its Kubernetes objects and its Compose file, in memory. */
export function synthChart<T extends AppChart>(build: (app: App) => T): { chart: T; objects: any[]; compose: any } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-test-')) });
  const chart = build(app);
  return { chart, objects: chart.toJson(), compose: JSON.parse(JSON.stringify(chart.toCompose())) };
}

/**
 * The object of `kind` named `name`; fails the test when absent. A Job is found by its service
 * name too (its `app.kubernetes.io/name` label): its own name carries a hash of its template.
 */
export function find(objects: any[], kind: string, name: string): any {
  const found =
    objects.find((o) => o.kind === kind && o.metadata?.name === name) ??
    objects.find((o) => kind === 'Job' && o.kind === 'Job' && o.metadata?.labels?.['app.kubernetes.io/name'] === name);
  if (!found) {
    throw new Error(`no ${kind}/${name} among: ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  }
  return found;
}

/** The objects that run pods: Deployments, StatefulSets, Jobs and CronJobs. */
export function workloadsOf(objects: any[]): any[] {
  return objects.filter((o) => ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(o.kind));
}

/** The pod spec of a workload object. */
export function podSpecOf(obj: any): any {
  return obj.kind === 'CronJob' ? obj.spec.jobTemplate.spec.template.spec : obj.spec.template.spec;
}

/** The single container of a workload object. */
export function containerOf(obj: any): any {
  return podSpecOf(obj).containers[0];
}
