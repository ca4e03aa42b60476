import * as fc from 'fast-check';
import { App } from '../../../lib';
import { clusterProvidedObjects } from '../../../lib/validation/cluster';
import { podSecurityIn, validationGroups } from '../../../lib/validation/pod-security';
import { appSpec, build } from '../../support/random-app';
/**
 * Proves checkPodSecurity can fail (and stays quiet on correct input), so a green test that
 * uses it means something: Pod Security Standards, practices and broken references (offline).
 */
import { Check, checkPodSecurity } from '../../../lib/validation';
import { restrictedDeployment, service } from '../../support/fixtures';

describe('checkPodSecurity', () => {
  test('passes a correct restricted Deployment and Service', async () => {
    expect(await checkPodSecurity([restrictedDeployment(), service()])).toEqual({ findings: [], skipped: [] });
  });

  test('fails when a pod is privileged', async () => {
    // GIVEN
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug' },
      spec: { ...restrictedDeployment().spec.template.spec },
    };
    pod.spec.containers[0].securityContext.privileged = true;
    // WHEN
    const { findings } = await checkPodSecurity([pod]);
    // THEN
    expect(findings).toEqual([
      {
        check: Check.POD_SECURITY,
        object: 'Pod/debug',
        path: 'spec.containers[0].securityContext.privileged',
        message: 'PSS103 Restrict usage of privileged pods.',
      },
    ]);
  });

  test('fails when a container does not set runAsNonRoot', async () => {
    // GIVEN
    const deployment = restrictedDeployment();
    delete deployment.spec.template.spec.containers[0].securityContext.runAsNonRoot;
    // WHEN
    const { findings } = await checkPodSecurity([deployment]);
    // THEN
    expect(findings).toEqual([
      {
        check: Check.POD_SECURITY,
        object: 'Deployment/web',
        path: 'spec.template.spec.containers[0].securityContext.runAsNonRoot',
        message: 'PSS203 Requires the container to runs as non root user.',
      },
    ]);
  });

  test('fails when a hostPath volume is mounted (baseline and restricted rules)', async () => {
    // GIVEN
    const deployment = restrictedDeployment();
    deployment.spec.template.spec.volumes.push({ name: 'host', hostPath: { path: '/var/run' } });
    // WHEN
    const { findings } = await checkPodSecurity([deployment]);
    // THEN
    const at = { check: Check.POD_SECURITY, object: 'Deployment/web', path: 'spec.template.spec.volumes[1].hostPath' };
    expect([...findings].sort((a, b) => a.message.localeCompare(b.message))).toEqual([
      { ...at, message: expect.stringMatching(/^PSS105 /) },
      { ...at, message: expect.stringMatching(/^PSS201 /) },
    ]);
  });

  test('fails when a Service selects no pod (resource-links)', async () => {
    // GIVEN
    const svc = service();
    svc.spec.selector = { 'app.kubernetes.io/name': 'nothing' };
    // WHEN
    const { findings } = await checkPodSecurity([restrictedDeployment(), svc]);
    // THEN
    expect(findings).toEqual([{ check: Check.POD_SECURITY, object: 'Service/web', path: '', message: expect.stringMatching(/^LNK001 /) }]);
  });

  test('drops rules listed in ignoreRules', async () => {
    // GIVEN
    const deployment = restrictedDeployment();
    delete deployment.spec.template.spec.containers[0].securityContext.runAsNonRoot;
    // WHEN / THEN
    expect(await checkPodSecurity([deployment], { ignoreRules: ['PSS203'] })).toEqual({ findings: [], skipped: [] });
  });
});

describe('validationGroups: what monokle validates together', () => {
  const o = (kind: string, name: string | undefined, spec: object = {}) => ({
    kind,
    metadata: { name: name ?? kind, labels: name ? { 'app.kubernetes.io/name': name } : {} },
    spec,
  });
  /** An object of workload `workload` (its name label), named `name`. */
  const of = (workload: string, kind: string, name: string, spec: object = {}) => ({
    kind,
    metadata: { name, labels: { 'app.kubernetes.io/name': workload } },
    spec,
  });
  const pods = (workload: string, podSpec: object = {}) => ({ template: { metadata: { labels: { 'app.kubernetes.io/name': workload } }, spec: podSpec } });
  const select = (workload: string) => ({ matchLabels: { 'app.kubernetes.io/name': workload } });

  test('one group per workload: its objects, the objects their strings name, the pods their selectors select', () => {
    const docs = [
      { kind: 'Namespace', metadata: { name: 'shop', labels: {} } },
      of('api', 'Deployment', 'api', pods('api', { serviceAccountName: 'api-sa' })),
      of('api', 'Service', 'api', { selector: { 'app.kubernetes.io/name': 'api' } }),
      of('api', 'ServiceAccount', 'api-sa'),
      of('api', 'NetworkPolicy', 'api-policy', { podSelector: select('api'), egress: [{ to: [{ podSelector: select('db') }] }] }),
      of('db', 'StatefulSet', 'db', pods('db', { serviceAccountName: 'api-sa' })),
      of('db', 'NetworkPolicy', 'db-policy', { podSelector: select('db') }),
      of('web', 'Deployment', 'web', pods('web')),
      { kind: 'Secret', metadata: { name: 'pull', labels: {} } },
    ];
    expect(validationGroups(docs)).toEqual([
      // api: its own objects and the db's pods its egress peer selects; the objects of no
      // workload (the Namespace, a cluster's Secret), which it reports.
      { members: [0, 1, 2, 3, 4, 5, 8], owned: [0, 1, 2, 3, 4, 8] },
      // db: its own, and the api's ServiceAccount that its pod template names (linked, not reported, here).
      { members: [3, 5, 6], owned: [5, 6] },
      // web names nothing and selects nothing of the others.
      { members: [7], owned: [7] },
    ]);
  });

  test('a selector with expressions or no labels may select any pod: every pod joins its group', () => {
    const docs = [
      of('api', 'NetworkPolicy', 'open', { podSelector: {} }),
      of('web', 'Deployment', 'web', pods('web')),
      of('db', 'PodDisruptionBudget', 'db', { selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] } }),
      { kind: 'Pod', metadata: { name: 'coredns', labels: { 'k8s-app': 'kube-dns' } }, spec: {} },
    ];
    expect(validationGroups(docs)).toEqual([
      { members: [0, 1, 3], owned: [0, 3] },
      { members: [1], owned: [1] },
      { members: [1, 2, 3], owned: [2] },
    ]);
  });

  test("an object nothing refers to by name (an Ingress, an autoscaler) stays in its workload's group", () => {
    const docs = [o('Deployment', 'api', { template: {} }), o('Ingress', 'api'), o('Deployment', 'web', { template: {} }), o('HorizontalPodAutoscaler', 'web')];
    expect(validationGroups(docs)).toEqual([
      { members: [0, 1], owned: [0, 1] },
      { members: [2, 3], owned: [2, 3] },
    ]);
  });

  test("the first group also links what the objects of no workload name (a user's raw object using another workload's ServiceAccount)", () => {
    const docs = [
      o('Deployment', 'api', { template: {} }),
      o('ServiceAccount', 'worker'),
      { kind: 'ServiceAccount', metadata: { name: 'legacy', labels: {} }, imagePullSecrets: [{ name: 'pull' }] },
      { ...o('Secret', 'worker'), metadata: { name: 'pull', labels: { 'app.kubernetes.io/name': 'worker' } } },
      o('Deployment', 'worker', { template: {} }),
    ];
    expect(validationGroups(docs)[0]).toEqual({ members: [0, 2, 3], owned: [0, 2] });
  });

  test('a single workload is validated whole', () => {
    expect(validationGroups([o('Deployment', 'api', { template: {} }), o('Namespace', undefined)])).toEqual([{ members: [0, 1], owned: [0, 1] }]);
  });
});

describe('validationGroups: the same findings as one whole run', () => {
  const whole = (docs: readonly any[]) => [{ members: docs.map((_, i) => i), owned: docs.map((_, i) => i) }];
  const same = async (objects: any[], clusterObjects?: any[]) => {
    const grouped = await podSecurityIn(validationGroups, objects, { clusterObjects });
    const all = await podSecurityIn(whole, objects, { clusterObjects });
    const key = (r: { findings: unknown[] }) => r.findings.map((f) => JSON.stringify(f)).sort();
    expect(key(grouped)).toEqual(key(all));
    return grouped.findings.length;
  };

  test("on objects of no workload that name another workload's objects", async () => {
    const labelled = (kind: string, name: string, workload: string, extra: object = {}) => ({
      apiVersion: 'v1',
      kind,
      metadata: { name, namespace: 'shop', labels: { 'app.kubernetes.io/name': workload } },
      ...extra,
    });
    const objects = [
      labelled('ServiceAccount', 'api', 'api'),
      labelled('ServiceAccount', 'worker', 'worker'),
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'legacy-sa', namespace: 'shop' }, imagePullSecrets: [{ name: 'worker-pull' }] },
      labelled('Secret', 'worker-pull', 'worker', { type: 'kubernetes.io/dockerconfigjson' }),
    ];
    // A whole run finds nothing wrong (every reference resolves), and neither may the groups.
    expect(await same(objects)).toBe(0);
  });

  test("on users' objects that link across workloads by name and by labels", async () => {
    const labels = (workload: string, extra: object = {}) => ({ 'app.kubernetes.io/name': workload, ...extra });
    const deployment = (name: string, podSpec: object = {}) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop', labels: labels(name) },
      spec: {
        selector: { matchLabels: labels(name) },
        template: { metadata: { labels: labels(name, { tier: name }) }, spec: { containers: [{ name: 'c', image: 'nginx:1.0' }], ...podSpec } },
      },
    });
    const backend = { service: { name: 'api', port: { number: 80 } } };
    const ingress = (metadata: object) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata,
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] },
    });
    const service = (name: string, workload: string, selector: object) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'shop', labels: labels(workload) },
      spec: { selector, ports: [{ port: 80 }] },
    });
    let findings = 0;
    for (const objects of [
      // an Ingress of another workload, and one of no workload, routing to the api's Service
      [deployment('api'), service('api', 'api', labels('api')), deployment('gateway'), ingress({ name: 'gw', namespace: 'shop', labels: labels('gateway') })],
      [deployment('api'), service('api', 'api', labels('api')), deployment('worker'), ingress({ name: 'gw', namespace: 'shop' })],
      // a gateway's Service selecting the api's pods
      [deployment('api'), deployment('gateway'), service('public', 'gateway', labels('api'))],
      // a NetworkPolicy peer selected by another label than the name
      [
        deployment('api'),
        deployment('db'),
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'api', namespace: 'shop', labels: labels('api') },
          spec: { podSelector: { matchLabels: labels('api') }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { tier: 'db' } } }] }] },
        },
      ],
      // a claim of another workload, with a selector of its own
      [
        deployment('api', { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] }),
        deployment('db'),
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data', namespace: 'shop', labels: labels('db') },
          spec: { selector: { matchLabels: { disk: 'x' } }, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
    ]) {
      findings += await same(objects);
    }
    // The practice rules find something on these nginx containers: the comparison compares findings.
    expect(findings).toBeGreaterThan(0);
  }, 60_000);

  test('on 6 random apps, with and without the objects the cluster provides', async () => {
    let findings = 0;
    for (const [n, spec] of fc.sample(appSpec, { numRuns: 6, seed: 23 }).entries()) {
      const objects = build(new App({ outdir: 'unused' }), spec).toJson();
      findings += await same(objects, n % 2 === 0 ? clusterProvidedObjects(objects) : undefined);
    }
    // Apps with findings, so that the comparison compares something.
    expect(findings).toBeGreaterThan(0);
  }, 120_000);
});
