import * as fs from 'fs';
import * as path from 'path';
import { containerOf, find, synthApp, synthChart } from '../support/synth';
import { AppChart, Database, DatabaseEngine, ImagePullPolicy, WebService } from '../../lib';

describe('AppChart', () => {
  test('renders a Namespace that enforces Pod Security "restricted", and the recommended labels on every object', () => {
    const { objects } = synthChart((app) => {
      const chart = new AppChart(app, 'shop', { namespace: 'shop-prod', appName: 'shop', labels: { team: 'payments' } });
      new WebService(chart, 'Api', { name: 'api', image: 'a:1' });
      return chart;
    });
    expect(find(objects, 'Namespace', 'shop-prod').metadata).toEqual({
      name: 'shop-prod',
      // First, and kept: pruning or deleting it with the GitOps application would delete the database volumes' claims.
      annotations: {
        'argocd.argoproj.io/sync-wave': '-2',
        'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
        'kustomize.toolkit.fluxcd.io/prune': 'disabled',
      },
      labels: {
        'team': 'payments',
        'app.kubernetes.io/managed-by': 'cdk8s-compose',
        'app.kubernetes.io/part-of': 'shop',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    });
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) {
      expect(o.metadata.namespace).toBe('shop-prod');
      expect(o.metadata.labels).toEqual({
        'team': 'payments',
        'app.kubernetes.io/component': 'web',
        'app.kubernetes.io/instance': 'shop',
        'app.kubernetes.io/managed-by': 'cdk8s-compose',
        'app.kubernetes.io/name': 'api',
        'app.kubernetes.io/part-of': 'shop',
        // The image tag, only on the object that runs the pods (an image bump touches nothing else).
        ...(o.kind === 'Deployment' ? { 'app.kubernetes.io/version': '1' } : {}),
      });
    }
  });

  test.each([
    ['ghcr.io/acme/api:1.4.2', '1.4.2'],
    ['registry.example.com:5000/acme/api:2024.06.01-rc_1', '2024.06.01-rc_1'],
    ['ghcr.io/acme/api:1.4.2@sha256:' + 'a'.repeat(64), '1.4.2'],
    ['ghcr.io/acme/api@sha256:' + 'a'.repeat(64), undefined],
    ['registry.example.com:5000/acme/api', undefined],
    ['acme/api:_build', undefined],
    ['acme/api:' + '1'.repeat(64), undefined],
    // Tags the image grammar allows but a label value does not: the label is omitted, never truncated.
    ['acme/api:' + '1'.repeat(128), undefined],
    ['acme/api:1.0-', undefined],
  ])('app.kubernetes.io/version of %s is %s, on the Deployment and its pods, never in the selector', (image, version) => {
    const { objects } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new WebService(chart, 'Api', { name: 'api', image });
      return chart;
    });
    const deployment = find(objects, 'Deployment', 'api');
    expect(deployment.metadata.labels['app.kubernetes.io/version']).toBe(version);
    expect(deployment.spec.template.metadata.labels['app.kubernetes.io/version']).toBe(version);
    expect(deployment.spec.selector.matchLabels['app.kubernetes.io/version']).toBeUndefined();
    expect(find(objects, 'Service', 'api').metadata.labels['app.kubernetes.io/version']).toBeUndefined();
  });

  test('createNamespace: false and networkPolicies: false turn those objects off', () => {
    const { objects } = synthChart((app) => {
      const chart = new AppChart(app, 'shop', { createNamespace: false, networkPolicies: false });
      new WebService(chart, 'Api', { name: 'api', image: 'a:1' });
      return chart;
    });
    expect(objects.map((o) => o.kind)).toEqual(['Service', 'Deployment', 'PodDisruptionBudget']);
  });

  test('environments write to their own folders; compose: false writes no Compose file', () => {
    const out = synthApp((app) => {
      for (const env of ['dev', 'prod']) {
        const chart = new AppChart(app, `shop-${env}`, { appName: 'shop', namespace: `shop-${env}`, environment: env, compose: env === 'dev' });
        new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      }
    });
    expect(fs.readdirSync(out.outdir).sort()).toEqual(['dev', 'prod']);
    expect(fs.readdirSync(path.join(out.outdir, 'dev')).sort()).toEqual([
      'kustomization.yml',
      'shop.compose.yml',
      'shop.env.example',
      'shop.k8s.yaml',
      'shop.mmd',
      // The database reads its credentials from a Secret that must exist (prerequisites).
      'shop.prerequisites.yml',
    ]);
    expect(fs.readdirSync(path.join(out.outdir, 'prod')).sort()).toEqual(['kustomization.yml', 'shop.k8s.yaml', 'shop.mmd', 'shop.prerequisites.yml']);
    expect(fs.readFileSync(path.join(out.outdir, 'prod', 'shop.k8s.yaml'), 'utf8')).toContain('namespace: shop-prod');
  });

  describe('fails when', () => {
    test.each([
      ['the namespace is invalid', { namespace: 'Shop_NS' }, /namespace 'Shop_NS' is not a DNS-1123 label/],
      ['the environment name is invalid', { environment: 'Prod!' }, /environment 'Prod!' is not a DNS-1123 label/],
      ['the app name is too long', { appName: 'x'.repeat(64) }, /appName '.*' is 64 characters long/],
    ])('%s', (_title, props, message) => {
      expect(() => synthChart((app) => new AppChart(app, 'shop', props))).toThrow(message);
    });
  });
});

describe('AppChart overrides', () => {
  test('replace image, pull policy, replicas and published ports of a service in both targets', () => {
    const { objects, compose } = synthChart((app) => {
      const chart = new AppChart(app, 'shop', {
        overrides: { api: { image: 'localhost/api:test', imagePullPolicy: ImagePullPolicy.NEVER, replicas: 1, publish: { http: 18080 } } },
      });
      new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0', replicas: 3 });
      return chart;
    });
    const d = find(objects, 'Deployment', 'api');
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.template.spec.containers[0]).toMatchObject({ image: 'localhost/api:test', imagePullPolicy: 'Never' });
    // One replica now: no disruption budget.
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(compose.services.api).toMatchObject({ image: 'localhost/api:test', ports: ['127.0.0.1:18080:8080'], deploy: { replicas: 1 } });
  });
});

describe('Pod Security level', () => {
  /** A chart with one restricted service and one with `security`, rendered in both targets. */
  function chartWith(security: ConstructorParameters<typeof WebService>[2]['security']) {
    return synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new WebService(chart, 'Api', { name: 'api', image: 'a:1' });
      new WebService(chart, 'Proxy', { name: 'proxy', image: 'nginx:1.27', ports: [{ name: 'http', port: 80 }], security });
      return chart;
    });
  }
  const enforce = (objects: any[]) => find(objects, 'Namespace', 'shop').metadata.labels['pod-security.kubernetes.io/enforce'];

  test('NET_BIND_SERVICE for a non-root process on port 80 stays restricted', () => {
    const { chart, objects, compose } = chartWith({ addCapabilities: ['NET_BIND_SERVICE'] });
    expect(containerOf(find(objects, 'Deployment', 'proxy')).securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] });
    expect(compose.services.proxy.cap_add).toEqual(['NET_BIND_SERVICE']);
    expect(enforce(objects)).toBe('restricted');
    expect(chart.warnings).toEqual([]);
  });

  test('root lowers the namespace to baseline, and the chart says which workload and why', () => {
    const { chart, objects, compose } = chartWith({ runAsUser: 0, readOnlyRootFilesystem: false, addCapabilities: ['CHOWN', 'SETUID', 'SETGID'] });
    const sc = containerOf(find(objects, 'Deployment', 'proxy')).securityContext;
    expect(sc).toEqual(
      expect.objectContaining({ runAsNonRoot: false, runAsUser: 0, runAsGroup: 0, allowPrivilegeEscalation: false, readOnlyRootFilesystem: false }),
    );
    expect(find(objects, 'Deployment', 'proxy').spec.template.spec.securityContext.runAsNonRoot).toBe(false);
    expect(compose.services.proxy).toEqual(expect.objectContaining({ user: '0:0', read_only: false, cap_add: ['CHOWN', 'SETGID', 'SETUID'] }));
    expect(enforce(objects)).toBe('baseline');
    // audit and warn stay at restricted: every apply shows what is lowered.
    expect(find(objects, 'Namespace', 'shop').metadata.labels['pod-security.kubernetes.io/warn']).toBe('restricted');
    expect(chart.warnings).toEqual([
      'shop/Proxy: lowers Pod Security to "baseline": it runs as root (runAsUser 0) and adds capabilities beyond NET_BIND_SERVICE: CHOWN, SETGID, SETUID',
    ]);
  });

  test('a capability beyond baseline makes the namespace privileged', () => {
    const { chart, objects } = chartWith({ addCapabilities: ['NET_ADMIN'] });
    expect(enforce(objects)).toBe('privileged');
    expect(chart.warnings).toEqual(['shop/Proxy: lowers Pod Security to "privileged": it adds capabilities beyond baseline: NET_ADMIN']);
  });

  test('a workload added to another chart of the same namespace lowers the shared Namespace too', () => {
    const { objects } = synthChart((app) => {
      const first = new AppChart(app, 'a', { namespace: 'shared' });
      new WebService(first, 'Api', { name: 'api', image: 'a:1' });
      new WebService(new AppChart(app, 'b', { namespace: 'shared' }), 'Root', { name: 'root', image: 'b:1', security: { runAsUser: 0 } });
      return first;
    });
    expect(find(objects, 'Namespace', 'shared').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
  });
});
