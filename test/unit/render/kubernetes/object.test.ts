import * as os from 'os';
import { ApiObject, IResolver, JsonPatch, ResolutionContext } from 'cdk8s';
import * as fc from 'fast-check';
import { appSpec, build } from '../../../support/random-app';
import { find } from '../../../support/synth';
import { App, AppChart, Grant, WebService, Worker } from '../../../../lib';
import { dumpYamlDocuments } from '../../../../lib/shared/yaml';
import { BlogChart } from '../../../../examples/blog/app';
import { DemoChart } from '../../../../examples/demo/app';
import { ShopChart } from '../../../../examples/shop/app';
import { DEV, PROD } from '../../../../examples/shop/environments';

/**
 * The fast path (RenderedObject writes its JSON itself) must write exactly what cdk8s's
 * generic path (resolve every value through the App's resolvers, sanitize) writes. A
 * resolver that changes nothing forces the generic path without changing the output.
 */
class NoopResolver implements IResolver {
  public resolve(_context: ResolutionContext): void {}
}

/** Resolves every image to a mirror: a user resolver that changes output. */
class MirrorResolver implements IResolver {
  public resolve(context: ResolutionContext): void {
    // cdk8s resolves a replaced value again: replace each image once.
    if (context.key[context.key.length - 1] === 'image' && typeof context.value === 'string' && !context.value.startsWith('mirror.')) {
      context.replaceValue(`mirror.example.com/${context.value}`);
    }
  }
}

const EXAMPLES: Array<[string, (app: App) => AppChart]> = [
  ['shop (dev)', (app) => new ShopChart(app, 'shop-dev', { settings: DEV })],
  ['shop (prod)', (app) => new ShopChart(app, 'shop-prod', { settings: PROD })],
  ['blog', (app) => new BlogChart(app, 'blog')],
  ['demo', (app) => new DemoChart(app, 'demo')],
];

function manifest(buildChart: (app: App) => AppChart, resolvers?: IResolver[]): string {
  return dumpYamlDocuments(buildChart(new App({ outdir: os.tmpdir(), resolvers })).toJson());
}

describe('the fast path writes what cdk8s generic path writes', () => {
  test.each(EXAMPLES)('example %s: byte-identical through both paths', (_title, buildChart) => {
    const fast = manifest(buildChart);
    const generic = manifest(buildChart, [new NoopResolver()]);
    expect(generic).toBe(fast);
    expect(fast).toContain('kind: Deployment');
  });

  test('RBAC grants (a Role with core-group rules, a RoleBinding): byte-identical through both paths', () => {
    const chart = (app: App) => {
      const c = new AppChart(app, 'shop');
      new WebService(c, 'Api', {
        name: 'api',
        image: 'ghcr.io/acme/api:1.0.0',
        serviceAccount: {
          grants: [Grant.read(['configmaps'], { resourceNames: ['settings'] }), Grant.readWrite(['leases'], { apiGroup: 'coordination.k8s.io' })],
        },
      });
      return c;
    };
    const fast = manifest(chart);
    expect(manifest(chart, [new NoopResolver()])).toBe(fast);
    expect(fast).toContain("- apiGroups:\n      - ''\n");
    expect(fast).toContain('kind: RoleBinding');
  });

  test('200 random applications: byte-identical through both paths', () => {
    const specs = fc.sample(appSpec, { numRuns: 200, seed: 20261126 });
    let objects = 0;
    for (const [i, spec] of specs.entries()) {
      const fast = manifest((app) => build(app, spec, `app${i}`));
      expect(manifest((app) => build(app, spec, `app${i}`), [new NoopResolver()])).toBe(fast);
      objects += fast.split('\n---\n').length;
    }
    expect(objects).toBeGreaterThan(1000);
  });

  test('metadata a user changes (labels, annotations, finalizers, owner references, other fields): byte-identical through both paths', () => {
    const chart = (app: App) => {
      const c = new AppChart(app, 'shop');
      const api = new WebService(c, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0' });
      const deployment = api.node.findChild('Deployment') as ApiObject;
      deployment.metadata.addLabel('team', 'payments');
      deployment.metadata.addAnnotation('example.com/owner', 'payments');
      const service = api.node.findChild('Service') as ApiObject;
      service.metadata.addFinalizers('example.com/keep');
      service.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '1234' });
      (api.node.findChild('DisruptionBudget') as ApiObject | undefined)?.metadata.add('generateName', 'api-');
      (api.node.findChild('NetworkPolicy') as ApiObject).metadata.add('generateName', 'api-');
      return c;
    };
    const fast = manifest(chart);
    expect(manifest(chart, [new NoopResolver()])).toBe(fast);
    expect(fast).toContain('    team: payments\n');
    expect(fast).toContain('    example.com/owner: payments\n');
    expect(fast).toContain('  finalizers:\n    - example.com/keep\n');
    expect(fast).toContain('  generateName: api-\n');
    expect(fast).toContain("      uid: '1234'\n");
  });

  test("a user's resolver is applied to every object the library renders", () => {
    const chart = new AppChart(new App({ outdir: os.tmpdir(), resolvers: [new MirrorResolver()] }), 'shop');
    new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0' });
    const deployment = find(chart.toJson(), 'Deployment', 'api');
    expect(deployment.spec.template.spec.containers[0].image).toBe('mirror.example.com/ghcr.io/acme/api:1.0.0');
  });

  test('a JSON patch on a rendered object is applied, and the other objects keep the fast path output', () => {
    const build = (patch: boolean) => {
      const chart = new AppChart(new App({ outdir: os.tmpdir() }), 'shop');
      const api = new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0' });
      if (patch) {
        (api.node.findChild('Deployment') as ApiObject).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'high'));
      }
      return chart.toJson();
    };
    const patched = build(true);
    const plain = build(false);
    expect(find(patched, 'Deployment', 'api').spec.template.spec.priorityClassName).toBe('high');
    expect({ ...find(patched, 'Deployment', 'api').spec.template.spec, priorityClassName: undefined }).toEqual({
      ...find(plain, 'Deployment', 'api').spec.template.spec,
      priorityClassName: undefined,
    });
    expect(patched.filter((o) => o.kind !== 'Deployment')).toEqual(plain.filter((o) => o.kind !== 'Deployment'));
  });

  test("a run-once Job's name hashes its template as written: a resolver's or a JSON patch's change is a new name", () => {
    const jobName = (resolvers: IResolver[], patch: boolean) => {
      const chart = new AppChart(new App({ outdir: os.tmpdir(), resolvers }), 'shop');
      const migrate = new Worker(chart, 'Migrate', { name: 'migrate', image: 'ghcr.io/acme/api:1.0.0', runOnce: true });
      if (patch) {
        (migrate.node.findChild('Job') as ApiObject).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'high'));
      }
      return find(chart.toJson(), 'Job', 'migrate').metadata.name;
    };
    const plain = jobName([], false);
    expect(jobName([new NoopResolver()], false)).toBe(plain);
    const names = [plain, jobName([new MirrorResolver()], false), jobName([], true)];
    names.forEach((name) => expect(name).toMatch(/^migrate-[0-9a-f]{8}$/));
    expect(new Set(names).size).toBe(3);
  });
});
