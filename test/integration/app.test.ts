import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App as Cdk8sApp, Chart, Names } from 'cdk8s';
import * as yaml from 'js-yaml';
import { KubeConfigMap } from 'cdk8s-plus-28/lib/imports/k8s';
import { synthApp } from '../support/synth';
import { itWhenPresent } from '../support/tools';
import { App, AppChart, Database, DatabaseEngine, WebService, Worker } from '../../lib';

const ROOT = path.join(__dirname, '..', '..');

/** Defines a small app, adding the workloads in the given order and under the given construct ids. */
function defineApp(app: App, order: string[], ids: Record<string, string> = {}) {
  const chart = new AppChart(app, 'shop');
  const made: Record<string, any> = {};
  const make: Record<string, () => any> = {
    db: () => new Database(chart, ids.db ?? 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') }),
    api: () => new WebService(chart, ids.api ?? 'Api', { name: 'api', image: 'a:1' }),
    job: () => new Worker(chart, ids.job ?? 'Job', { name: 'job', image: 'a:1', runOnce: true }),
  };
  for (const name of order) {
    made[name] = make[name]();
  }
  made.api.connectTo(made.db);
  made.api.dependsOn(made.job);
  made.job.connectTo(made.db);
}

describe('App', () => {
  test('output does not depend on the order in which constructs are declared', () => {
    const a = synthApp((app) => defineApp(app, ['db', 'api', 'job']));
    const b = synthApp((app) => defineApp(app, ['job', 'api', 'db']));
    expect(b.files).toEqual(a.files);
  });

  test('renaming construct ids without changing service names changes nothing in the output', () => {
    const a = synthApp((app) => defineApp(app, ['db', 'api', 'job']));
    const b = synthApp((app) => defineApp(app, ['db', 'api', 'job'], { db: 'Postgres', api: 'Backend', job: 'Migration' }));
    expect(b.files).toEqual(a.files);
    expect(Object.values(a.files).join('\n')).not.toMatch(/Postgres|Backend|cdk8s\.io\/metadata/);
  });

  test('charts that depend on each other keep their file names; kustomization.yml lists them in apply order', () => {
    const out = synthApp((app) => {
      const platform = new Chart(app, 'platform');
      new KubeConfigMap(platform, 'Config', { metadata: { name: 'settings' }, data: { region: 'eu' } });
      const shop = new AppChart(app, 'shop');
      new WebService(shop, 'Api', { name: 'api', image: 'a:1' });
      shop.addDependency(platform);
    });
    // No secrets in this chart: no env example either.
    expect(Object.keys(out.files).sort()).toEqual(['kustomization.yml', 'platform.k8s.yaml', 'shop.compose.yml', 'shop.k8s.yaml', 'shop.mmd']);
    expect(out.files['kustomization.yml']).toContain('resources:\n  - platform.k8s.yaml\n  - shop.k8s.yaml\n');
  });

  test.each([
    ['without dependencies', false],
    ['with a dependency', true],
  ])('kustomization.yml lists charts in the order of cdk8s App.charts, %s (integer-like ids first, then declaration order)', (_, dependency) => {
    const order: string[] = [];
    const files: string[] = [];
    const out = synthApp((app) => {
      const charts = ['web', '10', 'b', '2'].map((id) => {
        const chart = new Chart(app, id);
        new KubeConfigMap(chart, 'Config', { metadata: { name: `settings-${id}` }, data: { id } });
        return chart;
      });
      for (const parent of [charts[2], charts[3]]) {
        const nested = new Chart(parent, 'inner');
        new KubeConfigMap(nested, 'Config', { metadata: { name: `inner-${parent.node.id}` }, data: { id: 'inner' } });
      }
      if (dependency) {
        charts[3].addDependency(charts[0]);
      }
      order.push(...app.charts.map((c) => c.node.path));
      files.push(...app.charts.map((c) => `${Names.toDnsLabel(c)}.k8s.yaml`));
    });
    // cdk8s's order: a chart after the charts it depends on; else integer-like paths first
    // (so '2/inner' comes after '10', not right after '2' as in the tree).
    expect(order).toEqual(dependency ? ['web', '2', '10', '2/inner', 'b', 'b/inner'] : ['2', '10', '2/inner', 'web', 'b', 'b/inner']);
    expect(out.files['kustomization.yml']).toContain(`resources:\n${files.map((f) => `  - ${f}\n`).join('')}`);
  });

  test('charts sharing a namespace write its Namespace object once', () => {
    const out = synthApp((app) => {
      for (const id of ['a', 'b', 'c']) {
        new WebService(new AppChart(app, id, { namespace: 'shared' }), 'Api', { name: `api-${id}`, image: 'a:1' });
      }
    });
    expect(out.objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(['shared']);
    expect(out.kubernetes['a.k8s.yaml'].map((o) => o.kind)).toContain('Namespace');
  });

  test('printSummary lists every file written with its objects per kind and Compose services', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-'));
      const app = new App({ outdir, printSummary: true });
      defineApp(app, ['db', 'api', 'job']);
      app.synth();
      const printed = write.mock.calls.map((c) => String(c[0])).join('');
      const rel = (f: string) => path.relative(process.cwd(), path.join(outdir, f));
      expect(printed).toMatch(/^cdk8s-compose wrote:\n/);
      expect(printed).toContain(`${rel('shop.k8s.yaml')}`);
      expect(printed).toContain('11 objects: 3 NetworkPolicy, 3 Service, 1 Deployment, 1 Job, 1 Namespace, 1 PodDisruptionBudget, 1 StatefulSet');
      expect(printed).toContain('3 Compose services: api, db, job');
      expect(printed).toContain(`${rel('kustomization.yml')}`);
    } finally {
      write.mockRestore();
    }
  });

  test('the charts of one app share one Compose file and one diagram; each keeps its manifest', () => {
    const out = synthApp((app) => {
      const db = new AppChart(app, 'shop-db', { appName: 'shop', namespace: 'shop' });
      new Database(db, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      const api = new AppChart(app, 'shop-api', { appName: 'shop', namespace: 'shop' });
      new WebService(api, 'Api', { name: 'api', image: 'a:1' });
      new WebService(new AppChart(app, 'other'), 'Web', { name: 'web', image: 'w:1' });
    });
    expect(Object.keys(out.files).sort()).toEqual([
      'kustomization.yml',
      'other.compose.yml',
      'other.k8s.yaml',
      'other.mmd',
      'shop-api.k8s.yaml',
      'shop-db.k8s.yaml',
      'shop.compose.yml',
      'shop.env.example',
      'shop.mmd',
      // One prerequisites file per app too (the database's credentials Secret).
      'shop.prerequisites.yml',
    ]);
    expect(Object.keys(out.compose['shop.compose.yml'].services)).toEqual(['api', 'db']);
    expect(out.files['shop.mmd']).toMatch(/api\[.*\n.*db\[\(/);
    // One Namespace for the app, in the first chart's manifest.
    expect(out.objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(['other', 'shop']);
  });

  test('fails when two charts of one app define the same service', () => {
    expect(() =>
      synthApp((app) => {
        new WebService(new AppChart(app, 'one', { appName: 'shop' }), 'Api', { name: 'api', image: 'a:1' });
        new WebService(new AppChart(app, 'two', { appName: 'shop' }), 'Api', { name: 'api', image: 'a:2' });
      }),
    ).toThrow(/charts 'one' and 'two' of app 'shop' both define service 'api'/);
  });

  test('fails when two charts would write the same file', () => {
    expect(() =>
      synthApp((app) => {
        new AppChart(app, 'main', { appName: 'shop' });
        new Chart(app, 'shop'); // a plain cdk8s chart, named like the app's manifest
      }),
    ).toThrow(/charts 'main' and 'shop' would both write shop.k8s.yaml; give one of them another id, appName or environment/);
  });

  test('fails when an AppChart sits in a plain cdk8s App under `cdk8s synth` (the Compose file would be missing)', () => {
    const previous = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = fs.mkdtempSync(path.join(os.tmpdir(), 'plain-'));
    try {
      const app = new Cdk8sApp();
      new AppChart(app, 'shop');
      expect(() => app.synth()).toThrow(/plain cdk8s App, which does not write its Compose file: use `new App\(\)` from 'cdk8s-compose'/);
    } finally {
      if (previous === undefined) {
        delete process.env.CDK8S_OUTDIR;
      } else {
        process.env.CDK8S_OUTDIR = previous;
      }
    }
  });

  test('`cdk8s synth` (as the README runs it) writes both outputs for the main example', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const run = spawnSync(path.join(ROOT, 'node_modules/.bin/cdk8s'), ['synth', '--output', outdir], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      // Compiled into a temporary folder (tests write nothing into the working tree), whose
      // code finds this repository's packages through NODE_PATH.
      env: {
        ...process.env,
        CDK8S_CHECK_UPGRADE: 'false',
        CDK8S_COMPOSE_BUILD_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'cli-build-')),
        NODE_PATH: path.join(ROOT, 'node_modules'),
      },
    });
    expect(run.stderr.replace(/npm warn.*\n/g, '')).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    expect(fs.readdirSync(outdir).sort()).toEqual(['dev', 'prod']);
    // The prerequisites file (.yml) does not upset the CLI, which reads every *.yaml as a manifest.
    expect(fs.readdirSync(path.join(outdir, 'dev')).sort()).toEqual([
      'kustomization.yml',
      'shop.compose.yml',
      'shop.env.example',
      'shop.k8s.yaml',
      'shop.mmd',
      'shop.prerequisites.yml',
    ]);
    expect(fs.readdirSync(path.join(outdir, 'prod')).sort()).toEqual(['kustomization.yml', 'shop.k8s.yaml', 'shop.mmd', 'shop.prerequisites.yml']);
  });

  itWhenPresent(
    'kubectl',
    'it is preinstalled on this machine kind, not installable from Debian',
    'the output folder is consumable by kubectl kustomize',
    () => {
      const out = synthApp((app) => defineApp(app, ['db', 'api', 'job']));
      const run = spawnSync('kubectl', ['kustomize', out.outdir], { encoding: 'utf8', timeout: 30_000 });
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('kind: StatefulSet');
      // The prerequisites file sits next to the manifests and is not applied.
      expect(Object.keys(out.files)).toContain('shop.prerequisites.yml');
      expect(run.stdout).not.toMatch(/defaultIngressClass|customResources/);
    },
  );

  itWhenPresent(
    'kubectl',
    'it is preinstalled on this machine kind, not installable from Debian',
    'each Flux layer folder is consumable by kubectl kustomize, and together they build the whole folder',
    () => {
      const out = synthApp((app) => {
        const chart = new AppChart(app, 'shop', { flux: { path: './dist' } });
        const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
        new Worker(chart, 'Job', { name: 'job', image: 'ghcr.io/acme/job:1.0.0', runOnce: true }).connectTo(db);
      });
      const build = (dir: string) => {
        const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 30_000 });
        expect(run.stderr).toBe('');
        return (yaml.loadAll(run.stdout) as any[]).map((d) => `${d.kind}/${d.metadata.name}`);
      };
      const layers = fs.readdirSync(path.join(out.outdir, 'flux', 'shop')).sort();
      expect(layers).toEqual(['namespace', 'wave-0', 'wave-1']);
      const layered = layers.flatMap((l) => build(path.join(out.outdir, 'flux', 'shop', l)));
      expect(layered.sort()).toEqual(build(out.outdir).sort());
      // The run-once Job is named by a hash of its template (`job-<8 hex>`).
      expect(build(path.join(out.outdir, 'flux', 'shop', 'wave-1')).sort()).toEqual([expect.stringMatching(/^Job\/job-[0-9a-f]{8}$/), 'NetworkPolicy/job']);
    },
  );
});
