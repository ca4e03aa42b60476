import * as fs from 'fs';
import * as path from 'path';
import { find, synthApp, synthChart } from './support/synth';
import { AppChart, Database, DatabaseEngine, ImagePullPolicy, WebService } from '../lib';

describe('AppChart', () => {
  test('renders a Namespace that enforces Pod Security "restricted", and the recommended labels on every object', () => {
    const { objects } = synthChart((app) => {
      const chart = new AppChart(app, 'shop', { namespace: 'shop-prod', appName: 'shop', labels: { team: 'payments' } });
      new WebService(chart, 'Api', { name: 'api', image: 'a:1' });
      return chart;
    });
    expect(find(objects, 'Namespace', 'shop-prod').metadata).toEqual({
      name: 'shop-prod',
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
      });
    }
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
    ]);
    expect(fs.readdirSync(path.join(out.outdir, 'prod')).sort()).toEqual(['kustomization.yml', 'shop.k8s.yaml', 'shop.mmd']);
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
