import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import { find, synthChart } from '../../support/synth';
import {
  App,
  AppChart,
  AppProtocol,
  Database,
  DatabaseCredentials,
  DatabaseEngine,
  EnvValue,
  Grant,
  HealthCheck,
  InImageClient,
  Memory,
  MonitoringMode,
  SecretsBackend,
  ServiceType,
  TaintEffect,
  Verb,
  WebService,
  Worker,
} from '../../../lib';
import { cdk8sComposeMatchers, Check, prerequisitesOf, validateChart } from '../../../lib/validation';
import { BlogChart } from '../../../examples/blog/app';
import { ShopChart } from '../../../examples/shop/app';
import { DEV, PROD } from '../../../examples/shop/environments';

expect.extend(cdk8sComposeMatchers);
const ROOT = path.join(__dirname, '..', '..', '..');

function goodChart() {
  return synthChart((app) => {
    const chart = new AppChart(app, 'shop');
    const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
    new WebService(chart, 'Api', { name: 'api', image: 'a:1', healthCheck: HealthCheck.http('/h', { inImage: InImageClient.CURL }) }).connectTo(db);
    return chart;
  }).chart;
}

/** A chart with an object added through the escape hatch that no validator should accept. */
function badChart() {
  return synthChart((app) => {
    const chart = new AppChart(app, 'shop');
    const api = new WebService(chart, 'Api', { name: 'api', image: 'a:1' });
    new ApiObject(api, 'Broken', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'broken' }, spec: { replica: 2, replicas: 'two' } });
    return chart;
  }).chart;
}

describe('validateChart', () => {
  test.each([
    ['shop (dev)', (app: App) => new ShopChart(app, 'shop-dev', { settings: DEV })],
    ['shop (prod)', (app: App) => new ShopChart(app, 'shop-prod', { settings: PROD })],
    ['blog', (app: App) => new BlogChart(app, 'blog')],
  ])('finds nothing in example %s, and skips no check', async (_title, build) => {
    const { chart } = synthChart(build);
    expect(await validateChart(chart)).toEqual({ findings: [], skipped: [] });
  });

  test.each([
    ['ExternalSecrets (the ExternalSecret renders the encoded key)', SecretsBackend.externalSecrets({ storeName: 'vault' }), undefined],
    ['existing Secrets with urlEncodedKey', SecretsBackend.existing(), 'password-url'],
  ])('connection URLs that read a percent-encoded password pass every check: %s', async (_title, secrets, urlEncodedKey) => {
    const { chart } = synthChart((app) => {
      const c = new AppChart(app, 'shop', { secrets });
      const db = new Database(c, 'Db', {
        name: 'db',
        engine: DatabaseEngine.postgres('16'),
        credentials: DatabaseCredentials.fromExistingSecret('db-credentials', 'password', { urlEncodedKey }),
      });
      new WebService(c, 'Api', { name: 'api', image: 'a:1', healthCheck: HealthCheck.http('/h', { inImage: InImageClient.CURL }) }).connectTo(db);
      return c;
    });
    expect(JSON.stringify(chart.toJson())).toContain('$(DB_CREDENTIALS_PASSWORD_URL');
    expect(await validateChart(chart)).toEqual({ findings: [], skipped: [] });
  });

  test('every issue 11 capability at once passes every check: ports, health, connections, databases, pods', async () => {
    const { chart } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      const cache = new Database(c, 'Cache', { name: 'cache', engine: DatabaseEngine.redis('7-alpine'), credentials: DatabaseCredentials.none() });
      const cart = new WebService(c, 'Cart', {
        name: 'cart',
        image: 'ghcr.io/acme/cart:1.0.0',
        replicas: 1,
        ports: [{ name: 'grpc', port: 7070, servicePort: 7000, protocol: AppProtocol.GRPC }],
        healthCheck: HealthCheck.grpc({ inImage: InImageClient.GRPC_HEALTH_PROBE, initialDelay: Duration.seconds(5), livenessProbe: false }),
      });
      cart.connectTo(cache, { env: { REDIS_ADDR: cache.connection.address } });
      const frontend = new WebService(c, 'Frontend', {
        name: 'frontend',
        image: 'ghcr.io/acme/frontend:1.0.0',
        serviceType: ServiceType.NODE_PORT,
        ports: [{ name: 'http', port: 8080, servicePort: 80, nodePort: 30080, publish: 18080, publishAddress: '0.0.0.0' }],
        healthCheck: HealthCheck.http('/_healthz', { inImage: InImageClient.WGET, headers: { Cookie: 'probe=1' } }),
        terminationGracePeriod: Duration.seconds(20),
        podAnnotations: { 'sidecar.istio.io/inject': 'false' },
        podLabels: { tier: 'frontend' },
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ key: 'dedicated', value: 'web', effect: TaintEffect.NO_SCHEDULE }],
        serviceAccount: { annotations: { 'iam.gke.io/gcp-service-account': 'frontend@p.iam.gserviceaccount.com' } },
        initContainers: [{ name: 'warmup', args: ['--warmup'] }],
        waitForConnections: true,
        profiles: ['web'],
        networks: ['edge'],
        build: { context: 'examples/demo/app' },
        dev: {
          args: ['--dev'],
          env: { DEBUG: EnvValue.fromValue('1') },
          ports: [{ name: 'debug', port: 9229 }],
          mounts: [{ source: 'examples/demo/app', target: '/app' }],
        },
        secretFiles: [{ path: '/tmp/.ssh/publickey', secretName: 'jwt-key', key: 'jwtRS256.key.pub' }],
        sidecars: [{ name: 'exporter', image: 'ghcr.io/acme/exporter:1.0.0', ports: [{ name: 'metrics', port: 9100 }] }],
        security: { addCapabilities: ['NET_BIND_SERVICE'] },
      });
      frontend.connectTo(cart, { env: { CART_SERVICE_ADDR: cart.connection.address } });
      return c;
    });
    expect(await validateChart(chart)).toEqual({ findings: [], skipped: [] });
  });

  test('the edges of the grammars pass every check: registry ports and digests, dotted names, wildcard hosts, the longest names', async () => {
    const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
    const { chart, objects } = synthChart((app) => {
      const c = new AppChart(app, 'shop', {
        ingressClassName: 'ingress.example.com',
        labels: { 'team.example.com/owner': 'payments' },
        secrets: SecretsBackend.externalSecrets({ storeName: 'vault.platform', storeKind: 'SecretStore', refreshInterval: '1h30m' }),
      });
      const db = new Database(c, 'Db', { name: `d${'b'.repeat(51)}`, engine: DatabaseEngine.postgres('16'), storageClassName: 'fast.ssd-1' });
      new WebService(c, 'Api', {
        name: 'api',
        image: `localhost:5000/a/b:1.0@${digest}`,
        healthCheck: HealthCheck.http('/h', { inImage: InImageClient.CURL }),
        ingress: { host: '*.example.com', tlsSecretName: 'wildcard.example.com' },
        secretFiles: [{ path: '/tmp/tls.crt', secretName: 'tls.example.com', key: 'tls.crt' }],
        serviceAccount: { name: 'api.workload' },
        sidecars: [{ name: 'exporter', image: `registry.example.com/team/exporter:${'v'.repeat(128)}` }],
      }).connectTo(db);
      new Worker(c, 'Report', { name: `r${'e'.repeat(51)}`, image: 'registry.example.com/team/app:2', schedule: '@daily' });
      return c;
    });
    const sts = find(objects, 'StatefulSet', `d${'b'.repeat(51)}`);
    expect(sts.spec.volumeClaimTemplates[0].spec.storageClassName).toBe('fast.ssd-1');
    expect(find(objects, 'Deployment', 'api').spec.template.spec.containers.map((k: any) => k.image)).toEqual([
      `localhost:5000/a/b:1.0@${digest}`,
      `registry.example.com/team/exporter:${'v'.repeat(128)}`,
    ]);
    expect(find(objects, 'Ingress', 'api').spec.rules[0].host).toBe('*.example.com');
    expect(await validateChart(chart)).toEqual({ findings: [], skipped: [] });
  });

  test('RBAC grants (Role and RoleBinding, own and existing accounts, tokens mounted) pass every check', async () => {
    const { chart, objects } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      new WebService(c, 'Api', {
        name: 'api',
        image: 'ghcr.io/acme/api:1.0.0',
        healthCheck: HealthCheck.http('/h', { inImage: InImageClient.CURL }),
        serviceAccount: {
          annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123:role/api' },
          grants: [
            Grant.read(['configmaps', 'pods', 'pods/log']),
            Grant.of({ resources: ['leases'], apiGroup: 'coordination.k8s.io', verbs: [Verb.CREATE] }),
            Grant.of({ resources: ['leases'], apiGroup: 'coordination.k8s.io', resourceNames: ['api-leader'], verbs: [Verb.GET, Verb.UPDATE] }),
          ],
        },
      });
      new Worker(c, 'Reaper', {
        name: 'reaper',
        image: 'ghcr.io/acme/reaper:1.0.0',
        schedule: '0 3 * * *',
        serviceAccount: { name: 'api', create: false, grants: [Grant.of({ apiGroup: 'batch', resources: ['jobs'], verbs: [Verb.LIST, Verb.DELETE] })] },
      });
      return c;
    });
    expect(objects.filter((o) => o.kind === 'Role' || o.kind === 'RoleBinding').map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Role/api',
      'Role/reaper',
      'RoleBinding/api',
      'RoleBinding/reaper',
    ]);
    expect(await validateChart(chart)).toEqual({ findings: [], skipped: [] });
  });

  test.each([
    ['ServiceMonitors and a PodMonitor', MonitoringMode.SERVICE_MONITOR, false],
    ['scrape annotations', MonitoringMode.ANNOTATIONS, false],
    ['ServiceMonitors and Grafana in Compose', MonitoringMode.SERVICE_MONITOR, true],
  ])('metrics endpoints with %s pass every check, the Prometheus Compose service and its config included', async (_title, mode, grafana) => {
    const { chart, compose } = synthChart((app) => {
      const c = new AppChart(app, 'shop', {
        monitoring: { mode, grafana, podLabels: { 'app.kubernetes.io/name': 'prometheus' }, serviceMonitorLabels: { release: 'kube-prometheus-stack' } },
      });
      const db = new Database(c, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      new WebService(c, 'Api', {
        name: 'api',
        image: 'ghcr.io/acme/api:1.0.0',
        ports: [
          { name: 'http', port: 8080, servicePort: 80, publish: 18080 },
          { name: 'metrics', port: 9100 },
        ],
        healthCheck: HealthCheck.http('/healthz', { inImage: InImageClient.WGET }),
        metrics: { port: 9100, interval: Duration.seconds(15) },
      }).connectTo(db);
      new Worker(c, 'Jobs', { name: 'jobs', image: 'ghcr.io/acme/jobs:1.0.0', metrics: { port: 9464 } }).connectTo(db);
      return c;
    });
    expect(Object.keys(compose.services).includes('grafana')).toBe(grafana);
    expect(await validateChart(chart)).toEqual({ findings: [], skipped: [] });
  });

  test('names the object, the field path and the construct of every finding', async () => {
    const result = await validateChart(badChart(), { checks: [Check.KUBERNETES_SCHEMA, Check.KUBERNETES_UNKNOWN_FIELDS] });
    expect(result.findings).toEqual(
      expect.arrayContaining([
        { check: Check.KUBERNETES_SCHEMA, object: 'Deployment/broken', path: 'spec.replicas', message: 'must be integer', construct: 'shop/Api' },
        {
          check: Check.KUBERNETES_SCHEMA,
          object: 'Deployment/broken',
          path: 'spec',
          message: expect.stringMatching(/must have required property '?selector/),
          construct: 'shop/Api',
        },
        {
          check: Check.KUBERNETES_UNKNOWN_FIELDS,
          object: 'Deployment/broken',
          path: 'spec.replica',
          message: 'unknown field "replica"',
          construct: 'shop/Api',
        },
      ]),
    );
  });
});

describe('StatefulSet updates against the previous output', () => {
  /** Synthesizes the shop (a database and an API) with the given storage into `outdir`, as `cdk8s synth` does. */
  function synthShop(outdir: string, storage: Memory): AppChart {
    const app = new App({ outdir });
    const chart = new AppChart(app, 'shop', { namespace: 'shop' });
    const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16'), storage });
    new WebService(chart, 'Api', { name: 'api', image: 'a:1', healthCheck: HealthCheck.http('/h', { inImage: InImageClient.CURL }) }).connectTo(db);
    app.synth();
    return chart;
  }

  test('a grown volume is the one finding of every check, naming the construct; the same size is none', async () => {
    // GIVEN the committed output with 1Gi
    const previousOutput = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-previous-'));
    synthShop(previousOutput, Memory.gibibytes(1));
    // WHEN the definition asks for 5Gi, and when it keeps 1Gi
    const grown = await validateChart(synthShop(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-next-')), Memory.gibibytes(5)), { previousOutput });
    const same = await validateChart(synthShop(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-next-')), Memory.gibibytes(1)), { previousOutput });
    // THEN
    expect(grown.skipped).toEqual([]);
    expect(grown.findings).toEqual([
      {
        check: Check.STATEFULSET_UPDATES,
        object: 'StatefulSet/db',
        path: 'spec.volumeClaimTemplates[0].spec.resources.requests.storage',
        message: expect.stringMatching(/^storage of claim template 'data' changes from 1Gi to 5Gi; .*--cascade=orphan/),
        construct: 'shop/Db',
      },
    ]);
    expect(same).toEqual({ findings: [], skipped: [] });
  });
});

describe('broken references', () => {
  test('a secretKeyRef to a Secret that is neither generated nor declared is a finding', async () => {
    const { chart } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      const api = new WebService(c, 'Api', { name: 'api', image: 'a:1' });
      // Through the escape hatch: a reference the definition never declared.
      ApiObject.of(api.node.findChild('Deployment')).addJsonPatch(
        JsonPatch.add('/spec/template/spec/containers/0/env', [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'forgotten', key: 'token' } } }]),
      );
      return c;
    });
    const result = await validateChart(chart, { checks: [Check.POD_SECURITY] });
    expect(result.findings).toEqual([
      expect.objectContaining({ check: Check.POD_SECURITY, object: 'Deployment/api', message: expect.stringMatching(/^LNK001 /), construct: 'shop/Api' }),
    ]);
  });

  test('declared Secrets (existing, or created by the backend) are not findings', async () => {
    const { chart } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      const db = new Database(c, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      new WebService(c, 'Api', { name: 'api', image: 'a:1', ingress: { host: 'a.example.com', tlsSecretName: 'a-tls' } }).connectTo(db);
      return c;
    });
    expect(chart._declaredSecrets()).toEqual(['a-tls', 'db-credentials']);
    expect(await validateChart(chart, { checks: [Check.POD_SECURITY] })).toEqual({ findings: [], skipped: [] });
  });
});

describe('prerequisites', () => {
  test('list exactly the Secrets the reference check needs declared, also one added through the escape hatch', async () => {
    // GIVEN a chart with existing Secrets, a TLS Secret and a reference the definition never declared
    const { chart } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      const db = new Database(c, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      const api = new WebService(c, 'Api', { name: 'api', image: 'a:1', ingress: { host: 'a.example.com', tlsSecretName: 'a-tls' } });
      api.connectTo(db);
      ApiObject.of(api.node.findChild('Deployment')).addJsonPatch(
        JsonPatch.add('/spec/template/spec/containers/0/env/-', { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'forgotten', key: 'token' } } }),
      );
      return c;
    });

    // WHEN
    const secrets = prerequisitesOf(chart).secrets.map((s) => s.name);

    // THEN the Secrets the output reads, declared, leave no broken reference; one fewer leaves one
    expect(secrets).toEqual(['a-tls', 'db-credentials', 'forgotten']);
    expect(await validateChart(chart, { checks: [Check.POD_SECURITY], declaredSecrets: secrets })).toEqual({ findings: [], skipped: [] });
    const missing = await validateChart(chart, { checks: [Check.POD_SECURITY], declaredSecrets: secrets.filter((s) => s !== 'forgotten') });
    expect(missing.findings).toEqual([expect.objectContaining({ object: 'Deployment/api', message: expect.stringMatching(/^LNK001 /) })]);
  });

  test('a chart needing Secrets, a TLS Secret, an IngressClass, CRDs, a store and its Namespace passes every Kubernetes check', async () => {
    const { chart } = synthChart((app) => {
      const c = new AppChart(app, 'shop', { createNamespace: false, secrets: SecretsBackend.externalSecrets({ storeName: 'vault' }) });
      new WebService(c, 'Api', {
        name: 'api',
        image: 'a:1',
        ports: [
          { name: 'http', port: 8080 },
          { name: 'metrics', port: 9100 },
        ],
        metrics: { port: 9100 },
        env: { KEY: EnvValue.fromSecret('api-keys', 'stripe') },
        ingress: { host: 'a.example.com', tlsSecretName: 'a-tls', className: 'nginx' },
      });
      return c;
    });
    expect(chart).toHavePrerequisites({
      namespaces: ['shop'],
      secrets: [{ namespace: 'shop', name: 'a-tls', keys: ['tls.crt', 'tls.key'], type: 'kubernetes.io/tls' }],
      ingressClasses: ['nginx'],
      customResources: [
        { group: 'external-secrets.io', version: 'v1', kind: 'ExternalSecret' },
        { group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor' },
      ],
      secretStores: [{ kind: 'ClusterSecretStore', name: 'vault' }],
    });
    await expect(chart).toSynthesizeValidKubernetes();
  });
});

describe('Pod Security at the level the Namespace declares', () => {
  function rootChart(createNamespace: boolean) {
    return synthChart((app) => {
      const c = new AppChart(app, 'shop', { createNamespace });
      new WebService(c, 'Proxy', {
        name: 'proxy',
        image: 'nginx:1.27',
        ports: [{ name: 'http', port: 80 }],
        security: { runAsUser: 0, addCapabilities: ['CHOWN'] },
      });
      return c;
    }).chart;
  }

  test('a workload the chart declares baseline fails no restricted rule, only practice rules about its root user', async () => {
    const { findings, skipped } = await validateChart(rootChart(true), { checks: [Check.POD_SECURITY] });
    expect(skipped).toEqual([]);
    expect(findings.map((f) => f.message.slice(0, 6)).sort()).toEqual(['KBP104', 'KBP105', 'KBP109']);
  });

  test('without the Namespace in the output, restricted is assumed and the root workload fails it', async () => {
    const { findings } = await validateChart(rootChart(false), { checks: [Check.POD_SECURITY] });
    expect(findings.map((f) => f.message.slice(0, 6))).toEqual(expect.arrayContaining(['PSS203', 'PSS204', 'PSS206']));
  });
});

describe('jest matchers', () => {
  test('pass on a valid chart', async () => {
    const chart = goodChart();
    await expect(chart).toSynthesizeValidKubernetes();
    await expect(chart).toSynthesizeValidCompose();
    await expect(chart).toHaveParity();
  });

  test('fail with every finding listed', async () => {
    const result = await cdk8sComposeMatchers.toSynthesizeValidKubernetes(badChart());
    expect(result.pass).toBe(false);
    expect(result.message()).toMatch(
      /expected chart 'shop' to synthesize valid Kubernetes manifests:[\s\S]*\[kubernetes-schema\] Deployment\/broken spec.replicas: must be integer \(shop\/Api\)/,
    );
    await expect(badChart()).not.toSynthesizeValidKubernetes();
  });

  test('fail when the argument is not an AppChart', async () => {
    const result = await cdk8sComposeMatchers.toHaveParity({});
    expect([result.pass, result.message()]).toEqual([false, 'expected an AppChart, received [object Object]']);
  });
});

describe('cdk8s validation plugin', () => {
  /** Runs `cdk8s synth` in a temporary project whose app is `source` and whose cdk8s.yaml enables the plugin. */
  function synthWithPlugin(source: string) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-'));
    fs.writeFileSync(path.join(dir, 'main.ts'), source.replace(/LIB/g, path.join(ROOT, 'lib')));
    fs.writeFileSync(
      path.join(dir, 'cdk8s.yaml'),
      [
        'language: typescript',
        `app: node --import ${require.resolve('tsx')} main.ts`,
        'validations:',
        `  - package: ${path.join(ROOT, 'validation-plugin.js')}`,
        '    version: 0.1.0',
        '    class: Cdk8sComposeValidation',
        '    properties:',
        '      checks: [kubernetes-schema, kubernetes-unknown-fields, pod-security, compose-schema, parity]',
        '',
      ].join('\n'),
    );
    return spawnSync(path.join(ROOT, 'node_modules/.bin/cdk8s'), ['synth'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    });
  }

  // The app the README shows: a service connected to a database (whose official image runs
  // as uid 999, exempt from monokle's uid > 10000 practice rule).
  const header = [
    "import { App, AppChart, Database, DatabaseEngine, WebService } from 'LIB';",
    `import { ApiObject } from '${require.resolve('cdk8s')}';`,
    'const app = new App();',
    "const chart = new AppChart(app, 'shop');",
    "const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });",
    "const api = new WebService(chart, 'Api', { name: 'api', image: 'a:1' });",
    'api.connectTo(db);',
    '',
  ].join('\n');

  test('lets a valid app through', () => {
    const run = synthWithPlugin(`${header}app.synth();\n`);
    expect(run.stdout).toMatch(/Validations ended succesfully/);
    expect(run.status).toBe(0);
  });

  test('checks the charts of one app together with their shared Compose file', () => {
    const run = synthWithPlugin(
      [
        "import { App, AppChart, Database, DatabaseEngine, WebService } from 'LIB';",
        'const app = new App();',
        "const data = new AppChart(app, 'shop-data', { appName: 'shop', namespace: 'shop' });",
        "new Database(data, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });",
        "new WebService(new AppChart(app, 'shop-web', { appName: 'shop', namespace: 'shop' }), 'Api', { name: 'api', image: 'a:1' });",
        'app.synth();',
        '',
      ].join('\n'),
    );
    expect(run.stdout).toMatch(/Validations ended succesfully/);
    expect(run.status).toBe(0);
  });

  test('makes cdk8s synth fail on invalid output, naming the rule, the object and the construct', () => {
    const run = synthWithPlugin(
      `${header}new ApiObject(api, 'Broken', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'broken' }, spec: { replica: 2 } });\napp.synth();\n`,
    );
    expect(run.status).not.toBe(0);
    const out = run.stdout + run.stderr;
    expect(out).toMatch(/kubernetes-unknown-fields/);
    expect(out).toMatch(/unknown field "replica"/);
    expect(out).toMatch(/Construct Path: shop\/Api\n.*\n\s+- Resource Name: broken/);
    expect(out).toMatch(/Validation failed/);
  });
});
