/**
 * Proves the custom resource schemas run: each custom kind the library renders passes, and a
 * broken one of each (wrong type, missing required field, bad enum) is reported; the Gateway API
 * routes and KEDA ScaledObjects (not rendered yet) are checked too. Argo CD's annotations are
 * checked against the values Argo CD documents.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { Duration } from 'cdk8s';
import { synthApp } from '../../support/synth';
import { AppChart, Database, DatabaseEngine, MonitoringMode, SecretsBackend, WebService, Worker } from '../../../lib';
import { Cdk8sComposeValidation, Check, checkKubernetes, validateOutput, Violation } from '../../../lib/validation';
import { customResourceModel } from '../../../lib/validation/custom-resources';

/** Every custom resource kind the library renders: two monitors, an ExternalSecret, a SealedSecret and the Flux Kustomizations. */
function rendered(): { byKind: Map<string, any>; all: any[] } {
  const withMonitors = synthApp((app) => {
    const chart = new AppChart(app, 'shop', {
      namespace: 'shop',
      monitoring: { mode: MonitoringMode.SERVICE_MONITOR },
      secrets: SecretsBackend.externalSecrets({ storeName: 'vault' }),
      flux: { path: './dist/prod' },
    });
    const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
    new WebService(chart, 'Api', {
      name: 'api',
      image: 'ghcr.io/acme/api:1.0.0',
      ports: [
        { name: 'http', port: 8080 },
        { name: 'metrics', port: 9100 },
      ],
      metrics: { port: 9100, interval: Duration.seconds(15) },
    }).connectTo(db);
    new Worker(chart, 'Jobs', { name: 'jobs', image: 'ghcr.io/acme/jobs:1.0.0', metrics: { port: 9464 } }).connectTo(db);
  });
  const sealed = synthApp((app) => {
    const chart = new AppChart(app, 'blog', { secrets: SecretsBackend.sealedSecrets({ encryptedData: { 'db-credentials': { password: 'AgB3c2VhbGVk' } } }) });
    new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
  });
  const flux = (yaml.loadAll(fs.readFileSync(path.join(withMonitors.outdir, 'shop.flux.yml'), 'utf8')) as any[]).filter((d) => d !== null);
  const all = [...withMonitors.objects, ...sealed.objects, ...flux].filter((o) => customResourceModel(o.apiVersion, o.kind) !== undefined);
  return { all, byKind: new Map(all.map((o) => [o.kind, o])) };
}

const copy = <T>(o: T): T => JSON.parse(JSON.stringify(o));
const schema = (object: string, at: string, message: string | RegExp) => ({
  check: Check.KUBERNETES_SCHEMA,
  object,
  path: at,
  message: typeof message === 'string' ? message : expect.stringMatching(message),
});

describe('custom resources against their CRD schema', () => {
  const { all, byKind } = rendered();

  test('every custom kind the library renders is there and passes', () => {
    expect([...byKind.keys()].sort()).toEqual(['ExternalSecret', 'Kustomization', 'PodMonitor', 'SealedSecret', 'ServiceMonitor']);
    expect(checkKubernetes(all)).toEqual({ findings: [], skipped: [] });
  });

  test('fails when a ServiceMonitor endpoint interval is a number (wrong type)', () => {
    const monitor = copy(byKind.get('ServiceMonitor'));
    monitor.spec.endpoints[0].interval = 15;
    expect(checkKubernetes([monitor]).findings).toEqual([schema(`ServiceMonitor/${monitor.metadata.name}`, 'spec.endpoints[0].interval', 'must be string')]);
  });

  test('fails when a PodMonitor has no selector (missing required field)', () => {
    const monitor = copy(byKind.get('PodMonitor'));
    delete monitor.spec.selector;
    expect(checkKubernetes([monitor]).findings).toEqual([schema(`PodMonitor/${monitor.metadata.name}`, 'spec', /must have required property '?selector/)]);
  });

  test('fails when an ExternalSecret names an unknown store kind (bad enum) or has a numeric refresh interval', () => {
    const secret = copy(byKind.get('ExternalSecret'));
    secret.spec.secretStoreRef.kind = 'Vault';
    secret.spec.refreshInterval = 3600;
    expect(checkKubernetes([secret]).findings).toEqual([
      schema(`ExternalSecret/${secret.metadata.name}`, 'spec.refreshInterval', 'must be string'),
      schema(
        `ExternalSecret/${secret.metadata.name}`,
        'spec.secretStoreRef.kind',
        /^must be equal to one of the allowed values: "SecretStore", "ClusterSecretStore"/,
      ),
    ]);
  });

  test('fails when a SealedSecret value is not a string or its template type is missing its scope enum', () => {
    const secret = copy(byKind.get('SealedSecret'));
    const key = Object.keys(secret.spec.encryptedData)[0];
    secret.spec.encryptedData[key] = 42;
    expect(checkKubernetes([secret]).findings).toEqual([
      schema(`SealedSecret/${secret.metadata.name}`, `spec.encryptedData${key.includes('-') ? `["${key}"]` : `.${key}`}`, 'must be string'),
    ]);
  });

  test('fails when a Flux Kustomization has prune "no" (wrong type), no sourceRef (required) or a bad source kind (enum)', () => {
    const kustomization = copy(byKind.get('Kustomization'));
    kustomization.spec.prune = 'no';
    const noSource = copy(kustomization);
    noSource.spec.prune = false;
    delete noSource.spec.sourceRef;
    const badSource = copy(noSource);
    badSource.spec.sourceRef = { kind: 'HelmRepository', name: 'apps' };
    const name = `Kustomization/${kustomization.metadata.name}`;
    expect(checkKubernetes([kustomization, noSource, badSource]).findings).toEqual([
      schema(name, 'spec.prune', 'must be boolean'),
      schema(name, 'spec', /must have required property '?sourceRef/),
      schema(name, 'spec.sourceRef.kind', /^must be equal to one of the allowed values: .*"GitRepository"/),
    ]);
  });

  test('checks Gateway API routes and KEDA ScaledObjects, which the library will render', () => {
    const route = (kind: string, port: unknown) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind,
      metadata: { name: 'api' },
      spec: { parentRefs: [{ name: 'gateway' }], rules: [{ backendRefs: [{ name: 'api', port }] }] },
    });
    const scaled = (type: unknown) => ({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'jobs' },
      spec: { scaleTargetRef: { name: 'jobs' }, triggers: [{ type, metadata: { value: '50' } }] },
    });
    expect(checkKubernetes([route('HTTPRoute', 80), route('GRPCRoute', 80), scaled('cpu')])).toEqual({ findings: [], skipped: [] });
    expect(checkKubernetes([route('HTTPRoute', 'http'), route('GRPCRoute', 70000), scaled(undefined)]).findings).toEqual([
      schema('HTTPRoute/api', 'spec.rules[0].backendRefs[0].port', 'must be integer'),
      schema('GRPCRoute/api', 'spec.rules[0].backendRefs[0].port', 'must be <= 65535'),
      schema('ScaledObject/jobs', 'spec.triggers[0]', /must have required property '?type/),
    ]);
  });

  test('fails when a field is unknown or misspelt in a custom resource (the CRD schema lets it through; its .d.ts does not)', () => {
    const monitor = copy(byKind.get('ServiceMonitor'));
    monitor.spec.endpoints[0].intervall = '15s';
    const kustomization = copy(byKind.get('Kustomization'));
    kustomization.spec.dependOn = kustomization.spec.dependsOn;
    const secret = copy(byKind.get('ExternalSecret'));
    secret.spec.target.creationPolice = 'Owner';
    const unknown = (object: string, at: string) => ({
      check: Check.KUBERNETES_UNKNOWN_FIELDS,
      object,
      path: at,
      message: `unknown field "${at.split('.').pop()}"`,
    });
    expect(checkKubernetes([monitor, kustomization, secret]).findings).toEqual([
      unknown(`ServiceMonitor/${monitor.metadata.name}`, 'spec.endpoints[0].intervall'),
      unknown(`Kustomization/${kustomization.metadata.name}`, 'spec.dependOn'),
      unknown(`ExternalSecret/${secret.metadata.name}`, 'spec.target.creationPolice'),
    ]);
  });

  test('a version without a schema is reported like any kind without one, unless in skipKinds', () => {
    const old = { apiVersion: 'monitoring.coreos.com/v0', kind: 'ServiceMonitor', metadata: { name: 'web' }, spec: {} };
    expect(checkKubernetes([old]).findings).toEqual([schema('ServiceMonitor/web', '', /^no schema for monitoring\.coreos\.com\/v0 ServiceMonitor/)]);
    expect(checkKubernetes([old], { skipKinds: ['ServiceMonitor'] })).toEqual({ findings: [], skipped: [] });
  });

  test('validateOutput reports a broken custom resource', async () => {
    const monitor = copy(byKind.get('ServiceMonitor'));
    monitor.spec.endpoints[0].interval = 15;
    const result = await validateOutput({ objects: [monitor] }, { checks: [Check.KUBERNETES_SCHEMA] });
    expect(result).toEqual({ findings: [schema(`ServiceMonitor/${monitor.metadata.name}`, 'spec.endpoints[0].interval', 'must be string')], skipped: [] });
  });
});

describe('the cdk8s plugin', () => {
  test("checks the app's Flux Kustomizations (<app>.flux.yml, which cdk8s does not list) and reports a broken one", async () => {
    // GIVEN an app synthesized with Flux layers, then one Kustomization broken in its file
    const out = synthApp((app) => {
      const chart = new AppChart(app, 'shop', { namespace: 'shop', flux: { path: './dist' } });
      new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0' });
    });
    const fluxFile = path.join(out.outdir, 'shop.flux.yml');
    const run = async () => {
      const violations: Violation[] = [];
      let status = '';
      await new Cdk8sComposeValidation({ checks: [Check.KUBERNETES_SCHEMA, Check.KUBERNETES_UNKNOWN_FIELDS] }).validate({
        manifests: [path.join(out.outdir, 'shop.k8s.yaml')],
        report: { addViolation: (v) => violations.push(v), submit: (s) => (status = s) },
      });
      return { violations, status };
    };
    expect(await run()).toEqual({ violations: [], status: 'success' });
    fs.writeFileSync(fluxFile, fs.readFileSync(fluxFile, 'utf8').replace('prune: false', 'prune: "no"').replace('  wait: true', '  wait: true\n  waitt: true'));
    // WHEN / THEN
    const { violations, status } = await run();
    expect(status).toBe('failure');
    expect(violations.map((v) => [v.ruleName, v.recommendation, v.violatingResources[0].locations, v.violatingResources[0].manifestPath])).toEqual([
      ['kubernetes-unknown-fields', 'unknown field "waitt"', ['spec.waitt'], fluxFile],
      ['kubernetes-schema', 'must be boolean', ['spec.prune'], fluxFile],
    ]);
  });
});

describe('Argo CD annotations', () => {
  const withAnnotations = (annotations: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', annotations } });
  const run = (annotations: Record<string, unknown>) => validateOutput({ objects: [withAnnotations(annotations)] }, { checks: [Check.ARGO_CD_ANNOTATIONS] });

  test('passes the values the library writes and the documented ones', async () => {
    expect(
      await run({
        'argocd.argoproj.io/sync-wave': '-2',
        'argocd.argoproj.io/sync-options': 'Prune=false, Delete=false,SkipDryRunOnMissingResource=true,ServerSideApply=true',
        'argocd.argoproj.io/hook': 'PreSync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded',
      }),
    ).toEqual({ findings: [], skipped: [] });
  });

  test('fails when a sync wave is not an integer, a sync option or hook is unknown', async () => {
    const { findings } = await run({
      'argocd.argoproj.io/sync-wave': 'last',
      'argocd.argoproj.io/sync-options': 'Prune=false,Replace=True',
      'argocd.argoproj.io/hook': 'PreSync,BeforeSync',
      'argocd.argoproj.io/hook-delete-policy': 'OnSuccess',
    });
    const at = (key: string, message: RegExp) => ({
      check: Check.ARGO_CD_ANNOTATIONS,
      object: 'ConfigMap/cfg',
      path: `metadata.annotations["${key}"]`,
      message: expect.stringMatching(message),
    });
    expect(findings).toEqual([
      at('argocd.argoproj.io/sync-wave', /^"last" is not an integer/),
      at('argocd.argoproj.io/sync-options', /^"Replace=True" in "Prune=false,Replace=True" is not known to Argo CD; allowed: .*Replace=true/),
      at('argocd.argoproj.io/hook', /^"BeforeSync" in .* allowed: PreSync, Sync, PostSync/),
      at('argocd.argoproj.io/hook-delete-policy', /^"OnSuccess" .* allowed: HookSucceeded, HookFailed, BeforeHookCreation$/),
    ]);
  });
});
