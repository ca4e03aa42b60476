import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  bumpImage,
  fluxViolation,
  HEALTHY,
  healthOf,
  readFluxLayers,
  readManifests,
  Scenario,
  simulateArgoSync,
  simulateFlux,
  simulateSecondSync,
  singleLayer,
  violation,
  waveOf,
} from '../../support/gitops-sim';

/**
 * The sync simulation itself, on hand-written objects (the integration lane runs it over the
 * examples). Here, not there: it is pure (no synthesis, no tool), and a wrong model would
 * make every integration verdict wrong, so it is checked on each `npm run test:unit`.
 */

function obj(kind: string, name: string, annotations: Record<string, string> = {}, spec: any = {}, apiVersion = 'v1'): any {
  return { apiVersion, kind, metadata: { name, annotations }, spec };
}
const wave = (n: number, more: Record<string, string> = {}): Record<string, string> => ({ 'argocd.argoproj.io/sync-wave': String(n), ...more });
const sts = (name: string, w: number, storageClassName?: string): any =>
  obj('StatefulSet', name, wave(w), { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { storageClassName } }] }, 'apps/v1');
const job = (name: string, w: number, extra: any = {}, annotations: Record<string, string> = {}): any =>
  obj('Job', name, wave(w, annotations), { template: { spec: { containers: [{ name: 'c', image: 'api:1' }] } }, ...extra }, 'batch/v1');
const deploy = (name: string, w: number, image = 'web:1'): any =>
  obj('Deployment', name, wave(w), { template: { spec: { containers: [{ name: 'c', image }] } } }, 'apps/v1');
const hpa = (w: number): any =>
  obj('HorizontalPodAutoscaler', 'api', wave(w), { metrics: [{ type: 'Resource', resource: { name: 'cpu' } }] }, 'autoscaling/v2');
const monitor = (annotations: Record<string, string>): any => obj('ServiceMonitor', 'api', annotations, {}, 'monitoring.coreos.com/v1');
const with_ = (changes: Partial<Scenario>): Scenario => ({ ...HEALTHY, ...changes });

describe('health model', () => {
  test('a wave annotation that is not a number counts as wave 0, as Argo CD parses it', () => {
    expect(waveOf(obj('ConfigMap', 'c', wave(3)))).toBe(3);
    expect(waveOf(obj('ConfigMap', 'c', { 'argocd.argoproj.io/sync-wave': 'x' }))).toBe(0);
    expect(waveOf(obj('ConfigMap', 'c'))).toBe(0);
  });

  test('an HPA is Degraded without a metrics API, Healthy with one', () => {
    expect(healthOf(hpa(0), with_({ metricsServer: false })).health).toBe('Degraded');
    expect(healthOf(hpa(0), HEALTHY).health).toBe('Healthy');
  });

  test('a claim that names a class binds without a default StorageClass; one that names none stays Pending', () => {
    const noDefault = with_({ defaultStorageClass: false });
    expect(healthOf(sts('db', 0, 'gp3'), noDefault).health).toBe('Healthy');
    expect(healthOf(sts('db', 0), noDefault).health).toBe('Progressing');
  });

  test('a stuck Job is Degraded with a deadline and Progressing forever without', () => {
    const stuck = with_({ stuckJobs: true });
    expect(healthOf(job('m', 1, { activeDeadlineSeconds: 600 }), stuck)).toEqual({ health: 'Degraded', why: 'Failed: DeadlineExceeded after 600s' });
    expect(healthOf(job('m', 1), stuck).health).toBe('Progressing');
  });

  test('a CronJob whose last run failed is Degraded; monitors and ConfigMaps have no health', () => {
    expect(healthOf(obj('CronJob', 'r', {}, {}, 'batch/v1'), with_({ cronJobLastRunFailed: true })).health).toBe('Degraded');
    expect(healthOf(monitor({}), HEALTHY).health).toBe('None');
    expect(healthOf(obj('ConfigMap', 'c'), HEALTHY).health).toBe('None');
  });
});

describe('Argo CD sync', () => {
  test('a Degraded object in a non-final wave fails the sync there; later waves are never applied', () => {
    const run = simulateArgoSync([deploy('api', 2), hpa(2), deploy('web', 3)], with_({ metricsServer: false }));
    expect(run).toMatchObject({ outcome: 'failed', applied: [2], lastWave: 3, stop: { phase: 'health', wave: 2, object: 'HorizontalPodAutoscaler/api' } });
    expect(violation(run, with_({ metricsServer: false }))).toMatch(/failed at health of wave 2 \(last wave 3\) on HorizontalPodAutoscaler\/api/);
  });

  test('the final wave is applied and not waited for: a Degraded object there ends the sync as synced', () => {
    const run = simulateArgoSync([deploy('api', 2), hpa(3)], with_({ metricsServer: false }));
    expect(run).toMatchObject({ outcome: 'synced', applied: [2, 3], unhealthyInFinalWave: ['HorizontalPodAutoscaler/api'] });
    expect(violation(run, with_({ metricsServer: false }))).toBeUndefined();
  });

  test('a wave that never becomes healthy holds the sync forever (hung), and that breaks the rule', () => {
    const scenario = with_({ defaultStorageClass: false });
    const run = simulateArgoSync([sts('db', 0), deploy('api', 1)], scenario);
    expect(run).toMatchObject({ outcome: 'hung', stop: { wave: 0, object: 'StatefulSet/db' } });
    expect(violation(run, scenario)).toMatch(/^hung/);
  });

  test('a missing CRD fails the dry-run of the whole sync, unless the object skips it; then only its own apply fails', () => {
    const scenario = with_({ missingCrdGroups: ['monitoring.coreos.com'] });
    const dry = simulateArgoSync([deploy('api', 0), monitor({})], scenario);
    expect(dry).toMatchObject({ outcome: 'failed', applied: [], stop: { phase: 'dry-run', object: 'ServiceMonitor/api' } });
    expect(violation(dry, scenario)).toBeDefined();
    const skipped = simulateArgoSync([deploy('api', 0), monitor(wave(5, { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' }))], scenario);
    expect(skipped).toMatchObject({ outcome: 'failed', applied: [0], stop: { phase: 'apply', wave: 5 } });
    expect(violation(skipped, scenario)).toBeUndefined();
  });

  test('a stuck Job that fails by its deadline may end the sync at its own wave; one that hangs may not', () => {
    const scenario = with_({ stuckJobs: true });
    expect(violation(simulateArgoSync([job('m', 1, { activeDeadlineSeconds: 60 }), deploy('api', 2)], scenario), scenario)).toBeUndefined();
    expect(violation(simulateArgoSync([job('m', 1), deploy('api', 2)], scenario), scenario)).toMatch(/^hung at health of wave 1/);
  });

  test('hooks run in their phase before the Sync phase and are waited for even in the last step', () => {
    const hook = job('m', 0, {}, { 'argocd.argoproj.io/hook': 'PreSync' });
    const run = simulateArgoSync([deploy('api', -5), hook], with_({ stuckJobs: true }));
    expect(run).toMatchObject({ outcome: 'hung', applied: [0], stop: { object: 'Job/m' } });
  });
});

describe('second sync', () => {
  test('Replace=true with Force=true recreates a Job whose template did not change; a hook is recreated too', () => {
    const forced = job('migrate', 1, {}, { 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' });
    const hook = job('seed', 0, {}, { 'argocd.argoproj.io/hook': 'PostSync' });
    const before = [forced, hook, deploy('web', 2)];
    const bumped = bumpImage(before);
    expect(bumped.image).toBe('web:1');
    expect(simulateSecondSync(before, bumped.objects)).toEqual({ recreated: ['Job/migrate', 'Job/seed'], rerunJobs: ['Job/migrate', 'Job/seed'], failed: [] });
  });

  test('a plain Job is left alone when unchanged, and its apply fails when its template changed', () => {
    const before = [job('migrate', 1), deploy('web', 2, 'api:1')];
    expect(simulateSecondSync(before, before)).toEqual({ recreated: [], rerunJobs: [], failed: [] });
    // Only image `api:1` exists (the Job shares it): the bump reaches the Job's template.
    expect(simulateSecondSync(before, bumpImage(before).objects).failed).toEqual(['Job/migrate: spec.template: field is immutable']);
  });

  test('a Job named by a hash of its template is a new object after a change: nothing recreated', () => {
    const before = [job('migrate-1a2b', 1)];
    expect(simulateSecondSync(before, [job('migrate-3c4d', 1)])).toEqual({ recreated: [], rerunJobs: [], failed: [] });
  });
});

describe('Flux', () => {
  test('a layer that fails holds back its dependants; one Kustomization of everything holds back nothing', () => {
    const scenario = with_({ defaultStorageClass: false });
    const layers = [
      { name: 'db', dependsOn: [], wait: true, objects: [sts('db', 0)] },
      { name: 'apps', dependsOn: ['db'], wait: true, objects: [deploy('api', 1)] },
    ];
    const run = simulateFlux(layers, scenario);
    expect(run).toMatchObject({ outcome: 'failed', blocked: ['apps'], stop: { layer: 'db', object: 'StatefulSet/db' } });
    expect(fluxViolation(run, scenario)).toMatch(/never applied: apps/);
    expect(fluxViolation(simulateFlux(singleLayer([sts('db', 0), deploy('api', 1)]), scenario), scenario)).toBeUndefined();
  });

  test('an unknown kind fails its whole layer; kstatus has no rule for HPAs and CronJobs (ready once applied)', () => {
    expect(simulateFlux(singleLayer([deploy('api', 0), monitor({})]), with_({ missingCrdGroups: ['monitoring.coreos.com'] })).stop?.why).toMatch(
      /no matches for kind ServiceMonitor/,
    );
    expect(
      simulateFlux(singleLayer([hpa(0), obj('CronJob', 'r', {}, {}, 'batch/v1')]), with_({ metricsServer: false, cronJobLastRunFailed: true })).outcome,
    ).toBe('ready');
  });
});

describe('reading an output folder', () => {
  test('reads the *.k8s.yaml manifests and the Flux layers their Kustomizations point at', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-sim-'));
    fs.writeFileSync(path.join(dir, 'a.k8s.yaml'), 'kind: ConfigMap\nmetadata: {name: c}\n---\nkind: Service\nmetadata: {name: s}\n');
    fs.mkdirSync(path.join(dir, 'flux', 'a', 'wave-0'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'flux', 'a', 'wave-0', 'a.k8s.yml'), 'kind: ConfigMap\nmetadata: {name: c}\n');
    fs.writeFileSync(
      path.join(dir, 'a.flux.yml'),
      '# header\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: ns-wave-0}\nspec: {path: ./dist/flux/a/wave-0, wait: true, dependsOn: [{name: ns-foundation}]}\n',
    );
    expect(readManifests(dir).map((o) => o.kind)).toEqual(['ConfigMap', 'Service']);
    expect(readFluxLayers(dir)).toEqual([
      { name: 'ns-wave-0', dependsOn: ['ns-foundation'], wait: true, objects: [{ kind: 'ConfigMap', metadata: { name: 'c' } }] },
    ]);
  });
});
