import * as yaml from 'js-yaml';
import { ApiObject } from 'cdk8s';
import { synthApp, synthChart } from '../../support/synth';
import { App, AppChart, Database, DatabaseEngine, EnvValue, Grant, SecretsBackend, WebService, Worker } from '../../../lib';
import { prerequisitesFileName } from '../../../lib/shared/naming/files';
import { cdk8sComposeMatchers, prerequisiteLines, prerequisitesOf, prerequisitesOfOutput } from '../../../lib/validation';

expect.extend(cdk8sComposeMatchers);

/** Workloads that use each kind of prerequisite; `reversed` declares them in the other order. */
function buildShop(chart: AppChart, reversed = false): void {
  const steps = [
    () =>
      new WebService(chart, 'Api', {
        name: 'api',
        image: 'ghcr.io/acme/api:1.0.0',
        ports: [
          { name: 'http', port: 8080 },
          { name: 'metrics', port: 9100 },
        ],
        metrics: { port: 9100 },
        env: { DB_PASSWORD: EnvValue.fromSecret('db-credentials', 'password') },
        secretFiles: [{ path: '/etc/ca/ca.crt', secretName: 'ca', key: 'ca.crt' }],
        ingress: { host: 'shop.example.com', tlsSecretName: 'shop-tls', className: 'nginx' },
        serviceAccount: { name: 'ci-bot', create: false, grants: [Grant.read(['configmaps'])] },
      }).addEnv('DB_USER', EnvValue.fromSecret('db-credentials', 'username')),
    () => new WebService(chart, 'Admin', { name: 'admin', image: 'ghcr.io/acme/admin:1.0.0', ingress: { host: 'admin.example.com' } }),
    () => new Worker(chart, 'Jobs', { name: 'jobs', image: 'ghcr.io/acme/jobs:1.0.0', env: { STRIPE_KEY: EnvValue.fromSecret('api-keys', 'stripe') } }),
  ];
  (reversed ? [...steps].reverse() : steps).forEach((step) => step());
}

function shop(props: ConstructorParameters<typeof AppChart>[2] = {}, reversed = false) {
  return synthChart((app) => {
    const chart = new AppChart(app, 'shop', props);
    buildShop(chart, reversed);
    return chart;
  });
}

describe('prerequisitesOf', () => {
  test('lists the existing Secrets with their keys, the TLS Secret, the IngressClasses, the CRDs, the Namespace and the ServiceAccount', () => {
    // GIVEN / WHEN
    const { chart } = shop({ createNamespace: false });

    // THEN
    expect(prerequisitesOf(chart)).toEqual({
      namespaces: ['shop'],
      secrets: [
        { namespace: 'shop', name: 'api-keys', keys: ['stripe'] },
        { namespace: 'shop', name: 'ca', keys: ['ca.crt'] },
        { namespace: 'shop', name: 'db-credentials', keys: ['password', 'username'] },
        { namespace: 'shop', name: 'shop-tls', keys: ['tls.crt', 'tls.key'], type: 'kubernetes.io/tls' },
      ],
      serviceAccounts: [{ namespace: 'shop', name: 'ci-bot' }],
      ingressClasses: ['nginx'],
      defaultIngressClass: true,
      customResources: [{ group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor' }],
      secretStores: [],
      metricsApis: [],
    });
  });

  test("an HPA needs the metrics API it reads: metrics.k8s.io (metrics-server) for cpu, the adapters' APIs for the others", () => {
    // GIVEN / WHEN
    const { chart } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      new WebService(c, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0', autoscaling: { minReplicas: 2, maxReplicas: 5 } });
      return c;
    });
    // THEN
    expect(prerequisitesOf(chart).metricsApis).toEqual(['metrics.k8s.io']);
    expect(prerequisiteLines(prerequisitesOf(chart))).toContain('metrics API metrics.k8s.io');
    const hpa = (metrics?: unknown[], apiVersion = 'autoscaling/v2') => ({
      apiVersion,
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'x' },
      spec: { metrics },
    });
    expect(prerequisitesOfOutput([hpa([{ type: 'External' }, { type: 'Pods' }])]).metricsApis).toEqual(['custom.metrics.k8s.io', 'external.metrics.k8s.io']);
    // Without metrics (v2 defaults to 80% CPU) and autoscaling/v1: resource metrics.
    expect(prerequisitesOfOutput([hpa(undefined)]).metricsApis).toEqual(['metrics.k8s.io']);
    expect(prerequisitesOfOutput([hpa(undefined, 'autoscaling/v1')]).metricsApis).toEqual(['metrics.k8s.io']);
    // No HPA, no metrics API.
    expect(prerequisitesOf(shop().chart).metricsApis).toEqual([]);
  });

  test('a Namespace the chart creates is no prerequisite', () => {
    const { chart } = shop();
    expect(prerequisitesOf(chart).namespaces).toEqual([]);
  });

  test('ExternalSecrets backend: the Secrets they create (env and files) give way to the CRD and the ClusterSecretStore; the TLS Secret stays', () => {
    // GIVEN / WHEN
    const { chart } = shop({ secrets: SecretsBackend.externalSecrets({ storeName: 'vault' }) });

    // THEN
    const p = prerequisitesOf(chart);
    expect(p.secrets).toEqual([{ namespace: 'shop', name: 'shop-tls', keys: ['tls.crt', 'tls.key'], type: 'kubernetes.io/tls' }]);
    expect(p.customResources).toEqual([
      { group: 'external-secrets.io', version: 'v1', kind: 'ExternalSecret' },
      { group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor' },
    ]);
    expect(p.secretStores).toEqual([{ kind: 'ClusterSecretStore', name: 'vault' }]);
  });

  test('ExternalSecrets backend with a namespaced SecretStore and v1beta1: the version as configured, the store in the namespace', () => {
    const { chart } = shop({
      secrets: SecretsBackend.externalSecrets({ storeName: 'local', storeKind: 'SecretStore', apiVersion: 'external-secrets.io/v1beta1' }),
    });
    const p = prerequisitesOf(chart);
    expect(p.customResources).toContainEqual({ group: 'external-secrets.io', version: 'v1beta1', kind: 'ExternalSecret' });
    expect(p.secretStores).toEqual([{ kind: 'SecretStore', name: 'local', namespace: 'shop' }]);
  });

  test('SealedSecrets backend: the SealedSecret CRD instead of the Secrets it creates', () => {
    const { chart } = shop({
      secrets: SecretsBackend.sealedSecrets({
        encryptedData: { 'api-keys': { stripe: 'AgA1' }, 'ca': { 'ca.crt': 'AgA4' }, 'db-credentials': { password: 'AgA2', username: 'AgA3' } },
      }),
    });
    const p = prerequisitesOf(chart);
    expect(p.secrets.map((s) => s.name)).toEqual(['shop-tls']);
    expect(p.customResources).toEqual([
      { group: 'bitnami.com', version: 'v1alpha1', kind: 'SealedSecret' },
      { group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor' },
    ]);
    expect(p.secretStores).toEqual([]);
  });

  test('a Database reads its credentials Secret: listed with the password key', () => {
    const { chart } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      return chart;
    });
    expect(prerequisitesOf(chart).secrets).toEqual([{ namespace: 'shop', name: 'db-credentials', keys: ['password'] }]);
  });

  test('any other custom resource kind in the output is listed without a change in the library', () => {
    const { chart } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new ApiObject(chart, 'Cert', { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'shop' } });
      return chart;
    });
    expect(prerequisitesOf(chart).customResources).toEqual([{ group: 'cert-manager.io', version: 'v1', kind: 'Certificate' }]);
  });

  test('does not depend on the order in which workloads are declared', () => {
    const a = shop({ createNamespace: false });
    const b = shop({ createNamespace: false }, true);
    expect(prerequisitesOf(b.chart)).toEqual(prerequisitesOf(a.chart));
  });

  test('a chart that refers to nothing outside its output has no prerequisites', () => {
    const { chart } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new WebService(chart, 'Api', { name: 'api', image: 'a:1' });
      return chart;
    });
    expect(prerequisiteLines(prerequisitesOf(chart))).toEqual([]);
  });

  test('charts sharing a namespace: the one that does not render the Namespace does not list it', () => {
    const app = new App({ outdir: 'unused' });
    const a = new AppChart(app, 'a', { namespace: 'shared' });
    const b = new AppChart(app, 'b', { namespace: 'shared' });
    new WebService(a, 'Api', { name: 'api-a', image: 'a:1' });
    new WebService(b, 'Api', { name: 'api-b', image: 'a:1' });
    expect(b.toJson().filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(prerequisitesOf(b).namespaces).toEqual([]);
  });
});

describe('prerequisitesOfOutput', () => {
  const pod = (spec: any) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec });

  test('reads envFrom, projected and itemized secret volumes and image pull Secrets', () => {
    const p = prerequisitesOfOutput([
      pod({
        imagePullSecrets: [{ name: 'registry' }],
        containers: [{ name: 'c', envFrom: [{ secretRef: { name: 'all-of-it' } }] }],
        volumes: [
          {
            name: 'v',
            secret: {
              secretName: 'picked',
              items: [
                { key: 'b', path: 'b' },
                { key: 'a', path: 'a' },
              ],
            },
          },
          { name: 'w', projected: { sources: [{ secret: { name: 'projected', items: [{ key: 'k', path: 'k' }] } }] } },
        ],
      }),
    ]);
    expect(p.secrets).toEqual([
      { namespace: 'ns', name: 'all-of-it', keys: [] },
      { namespace: 'ns', name: 'picked', keys: ['a', 'b'] },
      { namespace: 'ns', name: 'projected', keys: ['k'] },
      { namespace: 'ns', name: 'registry', keys: ['.dockerconfigjson'], type: 'kubernetes.io/dockerconfigjson' },
    ]);
    expect(p.namespaces).toEqual(['ns']);
  });

  test('what the objects applied with them create is no prerequisite: Secret, Namespace, ServiceAccount, IngressClass, CRD', () => {
    const objects = [
      pod({ serviceAccountName: 'runner', containers: [{ name: 'c', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] }),
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', namespace: 'ns' }, spec: { ingressClassName: 'own' } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'ns' } },
    ];
    expect(prerequisiteLines(prerequisitesOfOutput(objects))).toEqual([
      'CustomResourceDefinition of Widget (example.com/v1)',
      'IngressClass own',
      'Namespace ns',
      'Secret ns/s (keys: k)',
      'ServiceAccount ns/runner',
    ]);
    const applied = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns' } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'runner', namespace: 'ns' } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'own' } },
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: { group: 'example.com', names: { kind: 'Widget' } },
      },
    ];
    expect(prerequisiteLines(prerequisitesOfOutput(objects, applied))).toEqual([]);
  });
});

describe('the prerequisites file', () => {
  test('App.synth writes <appName>.prerequisites.yml next to the manifests, not listed in kustomization.yml', () => {
    // GIVEN / WHEN
    let chart!: AppChart;
    const out = synthApp((app) => {
      chart = new AppChart(app, 'shop', { createNamespace: false });
      buildShop(chart);
    });

    // THEN
    const text = out.files[prerequisitesFileName('shop')];
    expect(text).toMatch(/^# Generated by cdk8s-compose: what must exist in the cluster/);
    expect(yaml.load(text)).toEqual(JSON.parse(JSON.stringify(prerequisitesOf(chart))));
    expect((yaml.load(out.files['kustomization.yml']) as any).resources).toEqual(['shop.k8s.yaml']);
    // Not a manifest: cdk8s synth reads only *.yaml files.
    expect(prerequisitesFileName('shop')).not.toMatch(/\.yaml$/);
  });

  test('is YAML with every key present and sorted, so that CI can read it', () => {
    const out = synthApp((app) => {
      const chart = new AppChart(app, 'shop', { createNamespace: false });
      new WebService(chart, 'Api', {
        name: 'api',
        image: 'a:1',
        env: { A: EnvValue.fromSecret('api-keys', 'x') },
        ingress: { host: 'shop.example.com', className: 'nginx' },
      });
    });
    expect(out.files[prerequisitesFileName('shop')]).toBe(
      [
        '# Generated by cdk8s-compose: what must exist in the cluster before the manifests next to this file are applied.',
        '# Not a manifest: kustomization.yml does not list it, and `cdk8s synth` reads only *.yaml files.',
        'customResources: []',
        'defaultIngressClass: false',
        'ingressClasses:',
        '  - nginx',
        'metricsApis: []',
        'namespaces:',
        '  - shop',
        'secretStores: []',
        'secrets:',
        '  - keys:',
        '      - x',
        '    name: api-keys',
        '    namespace: shop',
        'serviceAccounts: []',
        '',
      ].join('\n'),
    );
  });

  test('is byte-identical whatever the declaration order', () => {
    const build = (reversed: boolean) => synthApp((app) => buildShop(new AppChart(app, 'shop', { createNamespace: false }), reversed));
    expect(build(true).files[prerequisitesFileName('shop')]).toEqual(build(false).files[prerequisitesFileName('shop')]);
  });

  test('is not written when the app needs nothing from the cluster', () => {
    const out = synthApp((app) => new WebService(new AppChart(app, 'shop'), 'Api', { name: 'api', image: 'a:1' }));
    expect(out.files[prerequisitesFileName('shop')]).toBeUndefined();
  });

  test('one file per app: the charts of an app in one folder are listed together', () => {
    const out = synthApp((app) => {
      new Worker(new AppChart(app, 'front', { appName: 'shop' }), 'Jobs', { name: 'jobs', image: 'j:1', env: { A: EnvValue.fromSecret('front-keys', 'a') } });
      new Worker(new AppChart(app, 'back', { appName: 'shop' }), 'Jobs', { name: 'jobs2', image: 'j:1', env: { B: EnvValue.fromSecret('back-keys', 'b') } });
    });
    const p = yaml.load(out.files[prerequisitesFileName('shop')]) as any;
    expect(p.secrets.map((s: any) => `${s.namespace}/${s.name}`)).toEqual(['back/back-keys', 'front/front-keys']);
  });
});

describe('toHavePrerequisites', () => {
  test('passes when the expectation lists exactly what the chart needs', () => {
    const { chart } = shop({ secrets: SecretsBackend.externalSecrets({ storeName: 'vault' }) });
    expect(chart).toHavePrerequisites({
      secrets: [{ namespace: 'shop', name: 'shop-tls', keys: ['tls.key', 'tls.crt'], type: 'kubernetes.io/tls' }],
      serviceAccounts: [{ namespace: 'shop', name: 'ci-bot' }],
      ingressClasses: ['nginx'],
      defaultIngressClass: true,
      customResources: [
        { group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor' },
        { group: 'external-secrets.io', version: 'v1', kind: 'ExternalSecret' },
      ],
      secretStores: [{ kind: 'ClusterSecretStore', name: 'vault' }],
    });
  });

  test('fails, naming each new and each vanished prerequisite, when they differ', () => {
    // GIVEN a chart that reads a Secret key the expectation does not list
    const { chart } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new Worker(chart, 'Jobs', {
        name: 'jobs',
        image: 'j:1',
        env: { A: EnvValue.fromSecret('api-keys', 'stripe'), B: EnvValue.fromSecret('api-keys', 'sentry') },
      });
      return chart;
    });

    // WHEN
    const result = cdk8sComposeMatchers.toHavePrerequisites(chart, {
      secrets: [{ namespace: 'shop', name: 'api-keys', keys: ['stripe'] }],
      ingressClasses: ['nginx'],
    });

    // THEN
    expect(result.pass).toBe(false);
    expect(result.message()).toBe(
      [
        "expected chart 'shop' to have exactly the expected prerequisites:",
        '  needed but not expected (the cluster must provide them before apply):',
        '    + Secret shop/api-keys (keys: sentry, stripe)',
        '  expected but no longer needed:',
        '    - IngressClass nginx',
        '    - Secret shop/api-keys (keys: stripe)',
      ].join('\n'),
    );
    expect(() => expect(chart).toHavePrerequisites({})).toThrow(/\+ Secret shop\/api-keys \(keys: sentry, stripe\)/);
  });

  test('fails for something that is not an AppChart', () => {
    expect(cdk8sComposeMatchers.toHavePrerequisites({}, {}).message()).toMatch(/expected an AppChart/);
  });
});
