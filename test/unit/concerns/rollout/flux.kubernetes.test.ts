import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { Duration } from 'cdk8s';
import { synthApp } from '../../../support/synth';
import { AppChart, AppChartProps, Database, DatabaseEngine, SecretsBackend, WebService, Worker } from '../../../../lib';

/** db <- migrate (run-once) <- api (dependsOn migrate, connects db) <- web; a Namespace and an ExternalSecret first. */
function layered(props: Partial<AppChartProps> = {}) {
  return synthApp((app) => {
    const chart = new AppChart(app, 'shop', {
      secrets: SecretsBackend.externalSecrets({ storeName: 'vault' }),
      flux: { path: './dist/prod' },
      ...props,
    });
    const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
    const migrate = new Worker(chart, 'Migrate', { name: 'migrate', image: 'ghcr.io/acme/api:1.0.0', runOnce: true });
    migrate.connectTo(db);
    const api = new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0' });
    api.connectTo(db);
    api.dependsOn(migrate);
    new WebService(chart, 'Web', { name: 'web', image: 'ghcr.io/acme/web:1.0.0' }).connectTo(api);
  });
}

const read = (dir: string, file: string): any[] => yaml.loadAll(fs.readFileSync(path.join(dir, file), 'utf8')).filter((d) => d !== null);
const names = (docs: any[]) => docs.map((d) => `${d.kind}/${d.metadata.name}`);

describe('Flux layers (flux)', () => {
  test('one folder per rollout wave, each with its kustomization; together exactly the app manifest', () => {
    const { outdir, objects } = layered();
    const layers = fs.readdirSync(path.join(outdir, 'flux', 'shop')).sort();
    expect(layers).toEqual(['foundation', 'namespace', 'wave-0', 'wave-1', 'wave-2', 'wave-3']);
    expect(names(read(outdir, 'flux/shop/namespace/shop.k8s.yml'))).toEqual(['Namespace/shop']);
    expect(names(read(outdir, 'flux/shop/foundation/shop.k8s.yml'))).toEqual(['ExternalSecret/db-credentials']);
    expect(names(read(outdir, 'flux/shop/wave-0/shop.k8s.yml'))).toContain('StatefulSet/db');
    expect(names(read(outdir, 'flux/shop/wave-1/shop.k8s.yml'))).toEqual(['NetworkPolicy/migrate', expect.stringMatching(/^Job\/migrate-[0-9a-f]{8}$/)]);
    expect(names(read(outdir, 'flux/shop/wave-2/shop.k8s.yml'))).toContain('Deployment/api');
    expect(names(read(outdir, 'flux/shop/wave-3/shop.k8s.yml'))).toContain('Deployment/web');
    const all = layers.flatMap((l) => read(outdir, `flux/shop/${l}/shop.k8s.yml`));
    expect(names(all).sort()).toEqual(names(objects).sort());
    expect(read(outdir, 'flux/shop/wave-1/kustomization.yml')).toEqual([
      { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['shop.k8s.yml'] },
    ]);
    // The folder's own kustomization still applies the one manifest file (Argo CD, kubectl).
    expect(read(outdir, 'kustomization.yml')[0].resources).toEqual(['shop.k8s.yaml']);
  });

  test('monitors get a layer of their own after every wave: a missing Prometheus Operator CRD fails only that layer', () => {
    const { outdir } = synthApp((app) => {
      const chart = new AppChart(app, 'shop', { flux: { path: './dist' } });
      const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0', metrics: { port: 8080 } }).connectTo(db);
      new Worker(chart, 'Jobs', { name: 'jobs', image: 'ghcr.io/acme/jobs:1.0.0', metrics: { port: 9464 } });
    });
    expect(fs.readdirSync(path.join(outdir, 'flux', 'shop')).sort()).toEqual(['monitors', 'namespace', 'wave-0', 'wave-1']);
    expect(names(read(outdir, 'flux/shop/monitors/shop.k8s.yml'))).toEqual(['PodMonitor/jobs', 'ServiceMonitor/api']);
    // Argo CD's last wave (2) holds only the monitors here: no wave-2 layer; the workloads' layers hold no monitor.
    expect(names(read(outdir, 'flux/shop/wave-0/shop.k8s.yml'))).toContain('Deployment/jobs');
    expect(names(read(outdir, 'flux/shop/wave-0/shop.k8s.yml'))).not.toContain('PodMonitor/jobs');
    expect(read(outdir, 'shop.flux.yml').map((k) => [k.metadata.name, k.spec.dependsOn?.[0].name])).toEqual([
      ['shop-namespace', undefined],
      ['shop-wave-0', 'shop-namespace'],
      ['shop-wave-1', 'shop-wave-0'],
      ['shop-monitors', 'shop-wave-1'],
    ]);
  });

  test('shop.flux.yml: one Flux Kustomization per layer, each depending on the previous one and waiting for it', () => {
    const { outdir } = layered({ flux: { path: './clusters/prod/shop/', sourceRef: { name: 'apps' }, interval: Duration.minutes(5) } });
    const kustomizations = read(outdir, 'shop.flux.yml');
    expect(kustomizations.map((k) => [k.metadata.name, k.spec.dependsOn?.[0].name, k.spec.path])).toEqual([
      ['shop-namespace', undefined, './clusters/prod/shop/flux/shop/namespace'],
      ['shop-foundation', 'shop-namespace', './clusters/prod/shop/flux/shop/foundation'],
      ['shop-wave-0', 'shop-foundation', './clusters/prod/shop/flux/shop/wave-0'],
      ['shop-wave-1', 'shop-wave-0', './clusters/prod/shop/flux/shop/wave-1'],
      ['shop-wave-2', 'shop-wave-1', './clusters/prod/shop/flux/shop/wave-2'],
      ['shop-wave-3', 'shop-wave-2', './clusters/prod/shop/flux/shop/wave-3'],
    ]);
    expect(kustomizations[3]).toMatchObject({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { namespace: 'flux-system' },
      // No garbage collection per layer: a workload whose wave changes would be deleted by the layer it left.
      spec: { interval: '300s', timeout: '300s', prune: false, wait: true, sourceRef: { kind: 'GitRepository', name: 'apps' } },
    });
  });

  test('an IngressClass with dots (AKS app routing) and a namespaced layer name; charts of one app must agree on flux', () => {
    const { objects } = synthApp((app) => {
      const chart = new AppChart(app, 'shop', { ingressClassName: 'webapprouting.kubernetes.azure.com', namespace: 'shop-prod', flux: { path: './dist' } });
      new WebService(chart, 'Api', { name: 'api', image: 'a:1', ingress: { host: 'shop.example.com' } });
    });
    expect(objects.find((o) => o.kind === 'Ingress').spec.ingressClassName).toBe('webapprouting.kubernetes.azure.com');
    expect(() =>
      synthApp((app) => {
        new AppChart(app, 'a', { appName: 'shop', namespace: 'shop', flux: { path: './dist' } });
        new AppChart(app, 'b', { appName: 'shop', namespace: 'shop' });
      }),
    ).toThrow(/charts 'a' and 'b' of one app and output folder set different flux options/);
  });

  test('without flux, no layers are written', () => {
    const { outdir, files } = layered({ flux: undefined });
    expect(fs.existsSync(path.join(outdir, 'flux'))).toBe(false);
    expect(Object.keys(files)).not.toContain('shop.flux.yml');
  });

  test('fails when the flux options are invalid', () => {
    expect(() => layered({ flux: { path: 'dist prod' } })).toThrow(/flux.path 'dist prod' is invalid; allowed: the output folder's path in the repository/);
    expect(() => layered({ flux: { path: './dist', namespace: 'Flux' } })).toThrow(/flux.namespace 'Flux' is not a DNS-1123 label/);
  });
});
