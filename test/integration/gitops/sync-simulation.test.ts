import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import {
  bumpImage,
  FluxLayer,
  fluxViolation,
  readFluxLayers,
  readManifests,
  Scenario,
  SCENARIOS,
  simulateArgoSync,
  simulateFlux,
  simulateSecondSync,
  singleLayer,
  violation,
} from '../../support/gitops-sim';
import { synthProject } from '../../support/synth';
import { appSpec, build } from '../../support/random-app';
import { App, AppChart, Database, DatabaseEngine, WebService, Worker } from '../../../lib';
import { BankOfAnthosChart } from '../../../examples/bank-of-anthos/app';
import { BlogChart } from '../../../examples/blog/app';
import { DemoChart } from '../../../examples/demo/app';
import { OnlineBoutiqueChart } from '../../../examples/online-boutique/app';
import { ShopChart } from '../../../examples/shop/app';
import { DEV, PROD } from '../../../examples/shop/environments';
import { SockShopChart } from '../../../examples/sock-shop/app';

/**
 * Issue 23's sync simulation: every example (and random apps) rolled out by Argo CD and Flux
 * on the scenarios of a fresh cluster (test/support/gitops-sim.ts models the controllers from
 * their source). The acceptance rule: every wave becomes healthy, or the sync stops only where
 * the scenario makes the failing object's own wave the last; a second sync recreates nothing.
 *
 * Today's output breaks the rule in the cases of KNOWN, each named by its issue point: they are
 * `test.failing`. The fix of a point makes its cases pass, jest then reports the `test.failing`
 * as failed, and the fixer removes its entries here (the case becomes a plain test).
 */

/** A small app with monitors (no example has any) and Flux layers: issue 23 point 4. */
function monitoredApp(app: App): void {
  const chart = new AppChart(app, 'monitored', { flux: { path: './dist' } });
  const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
  const api = new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0', metrics: { port: 8080 } });
  api.connectTo(db);
  new Worker(chart, 'Jobs', { name: 'jobs', image: 'ghcr.io/acme/jobs:1.0.0', metrics: { port: 9464 } });
}

/** Every output folder simulated: [title, build, output subfolder]. */
const OUTPUTS: Array<[string, (app: App) => void, string]> = [
  ['shop (dev)', (app) => new ShopChart(app, 'shop-dev', { settings: DEV }), 'dev'],
  ['shop (prod)', (app) => new ShopChart(app, 'shop-prod', { settings: PROD }), 'prod'],
  ['shop (prod, Flux layers)', (app) => new ShopChart(app, 'shop-prod', { settings: PROD, flux: { path: './dist/prod' } }), 'prod'],
  ['blog', (app) => new BlogChart(app, 'blog'), ''],
  ['demo', (app) => new DemoChart(app, 'demo'), ''],
  ['online-boutique', (app) => new OnlineBoutiqueChart(app, 'online-boutique'), ''],
  ['sock-shop', (app) => new SockShopChart(app, 'sock-shop'), ''],
  ['bank-of-anthos', (app) => new BankOfAnthosChart(app, 'bank-of-anthos'), ''],
  ['monitored (fixture)', monitoredApp, ''],
];

const P12 = 'point 12: volumeClaimTemplates name no StorageClass: claims Pending, wave 0 never healthy';

/** `<output> / <scenario>` (or `<output> / second sync`, `<output> / flux / <scenario>`) -> the issue point it fails today. */
const KNOWN: Record<string, string> = {
  'shop (dev) / no default StorageClass': P12,
  'shop (prod) / no default StorageClass': P12,
  'shop (prod, Flux layers) / no default StorageClass': P12,
  'shop (prod, Flux layers) / flux / no default StorageClass': P12,
  'demo / no default StorageClass': P12,
  'online-boutique / no default StorageClass': P12,
  'sock-shop / no default StorageClass': P12,
  'bank-of-anthos / no default StorageClass': P12,
  'monitored (fixture) / no default StorageClass': P12,
  'monitored (fixture) / flux / no default StorageClass': P12,
};

/** `test`, or `test.failing` for a case `known` to fail today (the title then names the issue point). */
function caseFor(known: Record<string, string>, key: string, title: string): [typeof test, string] {
  const point = known[key];
  return point ? [test.failing, `${title} (fails today, issue 23 ${point})`] : [test, title];
}

/** The acceptance rule for Argo CD, on the simulated syncs of each output given. */
function expectArgoRule(outputs: readonly any[][], scenario: Scenario): void {
  const broken = outputs.map((objects, i) => [i, violation(simulateArgoSync(objects, scenario), scenario)]).filter(([, v]) => v !== undefined);
  expect(broken).toEqual([]);
}

/** The acceptance rule for Flux: layer by layer where the output has layers, else one Kustomization with `wait`. */
function expectFluxRule(objects: any[], layers: FluxLayer[], scenario: Scenario): void {
  const run = simulateFlux(layers.length > 0 ? layers : singleLayer(objects), scenario);
  expect(fluxViolation(run, scenario)).toBeUndefined();
}

/** A second sync after an image bump recreates nothing and fails nowhere, for each output given. */
function expectNothingRecreated(outputs: readonly any[][]): void {
  const recreating = outputs
    .map((objects, i) => [i, simulateSecondSync(objects, bumpImage(objects).objects)] as const)
    .filter(([, r]) => r.recreated.length > 0 || r.failed.length > 0);
  expect(recreating).toEqual([]);
}

const SCENARIO_ROWS = SCENARIOS.map((s): [string, Scenario] => [s.name, s]);

describe.each(OUTPUTS)('%s', (title, buildOutput, folder) => {
  let objects: any[];
  let layers: FluxLayer[];
  beforeAll(() => {
    const dir = path.join(synthProject(buildOutput).outdir, folder);
    objects = readManifests(dir);
    layers = readFluxLayers(dir);
  });

  describe.each(SCENARIO_ROWS)('%s', (name, scenario) => {
    const [argoCase, argoTitle] = caseFor(KNOWN, `${title} / ${name}`, `Argo CD: ${title} / ${name}`);
    argoCase(argoTitle, () => expectArgoRule([objects], scenario));
    const [fluxCase, fluxTitle] = caseFor(KNOWN, `${title} / flux / ${name}`, `Flux: ${title} / ${name}`);
    fluxCase(fluxTitle, () => expectFluxRule(objects, layers, scenario));
  });

  const [secondCase, secondTitle] = caseFor(KNOWN, `${title} / second sync`, `Argo CD: ${title} / a second sync after an image bump recreates nothing`);
  secondCase(secondTitle, () => expectNothingRecreated([objects]));
});

/** A database, its migration (image `migrateImage`) and an API that waits for it: issue 23 point 1. */
function migratedApp(migrateImage: string, apiImage: string): any[] {
  return synthProject((app) => {
    const chart = new AppChart(app, 'migrated');
    const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
    const migrate = new Worker(chart, 'Migrate', { name: 'migrate', image: migrateImage, runOnce: true });
    migrate.connectTo(db);
    const api = new WebService(chart, 'Api', { name: 'api', image: apiImage });
    api.connectTo(db);
    api.dependsOn(migrate);
  }).objects;
}

describe('a migration runs once per template (issue 23 point 1)', () => {
  const jobs = (objects: any[]) => objects.filter((o) => o.kind === 'Job').map((o) => o.metadata.name);
  const before = migratedApp('ghcr.io/acme/api:1.0.0', 'ghcr.io/acme/api:1.0.0');

  test('Argo CD: an image bump of the API alone applies the same Job (not run again), recreating nothing', () => {
    const after = migratedApp('ghcr.io/acme/api:1.0.0', 'ghcr.io/acme/api:1.0.1');
    expect(jobs(after)).toEqual(jobs(before));
    expect(simulateSecondSync(before, after)).toEqual({ recreated: [], rerunJobs: [], failed: [] });
  });

  test('Argo CD: a new image of the migration is a new Job (it runs once); the old one is pruned, nothing is replaced or refused', () => {
    const after = migratedApp('ghcr.io/acme/api:1.0.1', 'ghcr.io/acme/api:1.0.1');
    expect(jobs(after)).toEqual([expect.stringMatching(/^migrate-[0-9a-f]{8}$/)]);
    expect(jobs(after)).not.toEqual(jobs(before));
    expect(simulateSecondSync(before, after)).toEqual({ recreated: [], rerunJobs: [], failed: [] });
  });
});

/** Random apps: the property tests' generator, a fixed seed, built in memory (no files). */
const RANDOM_SEED = 20261208;
const RANDOM_APPS = 20;

/** The scenarios that random apps fail today, with the issue point (20 apps hold every kind). */
const RANDOM_KNOWN: Record<string, string> = {
  'no default StorageClass': P12,
};

describe(`${RANDOM_APPS} random apps (seed ${RANDOM_SEED})`, () => {
  let apps: any[][];
  beforeAll(() => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-sim-'));
    apps = fc.sample(appSpec, { seed: RANDOM_SEED, numRuns: RANDOM_APPS }).map((spec, i) => build(new App({ outdir }), spec, `sim${i}`).toJson());
  });

  describe.each(SCENARIO_ROWS)('%s', (name, scenario) => {
    const [argoCase, argoTitle] = caseFor(RANDOM_KNOWN, name, 'Argo CD: no app breaks the rule');
    argoCase(argoTitle, () => expectArgoRule(apps, scenario));
    const [fluxCase, fluxTitle] = caseFor({}, name, 'Flux (one Kustomization, wait): no app breaks the rule');
    fluxCase(fluxTitle, () => apps.forEach((objects) => expectFluxRule(objects, [], scenario)));
  });

  const [secondCase, secondTitle] = caseFor(RANDOM_KNOWN, 'second sync', 'Argo CD: a second sync after an image bump recreates nothing');
  secondCase(secondTitle, () => expectNothingRecreated(apps));
});
