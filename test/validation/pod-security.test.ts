import * as fc from 'fast-check';
import { App } from '../../lib';
import { clusterProvidedObjects } from '../../lib/validation/cluster';
import { podSecurityIn, validationGroups } from '../../lib/validation/pod-security';
import { appSpec, build } from '../support/random-app';
/**
 * Proves checkPodSecurity can fail (and stays quiet on correct input), so a green test that
 * uses it means something: Pod Security Standards, practices and broken references (offline).
 */
import { Check, checkPodSecurity } from '../../lib/validation';
import { restrictedDeployment, service } from '../support/fixtures';

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
  test("one group per workload's objects, with the objects its strings name and its NetworkPolicy peers' label-matching objects", () => {
    const docs = [
      o('Namespace', undefined),
      o('Deployment', 'api', { template: {} }),
      o('Service', 'api', { selector: {} }),
      o('ServiceAccount', 'api'),
      o('NetworkPolicy', 'api', { podSelector: {}, egress: [{ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'db' } } }] }] }),
      o('StatefulSet', 'db', { template: { spec: { serviceAccountName: 'api' } } }),
      o('NetworkPolicy', 'db', { podSelector: {} }),
      o('Deployment', 'web', { template: {} }),
      o('Secret', undefined),
    ];
    expect(validationGroups(docs)).toEqual([
      // api: its own objects, the db's label-matching ones for the egress peer; the objects of
      // no workload (the Namespace, a cluster's Secret), which it reports.
      { members: [0, 1, 2, 3, 4, 5, 6, 8], owned: [0, 1, 2, 3, 4, 8] },
      // db: its own, and the api's ServiceAccount that its pod template names (linked, not reported, here).
      { members: [3, 5, 6], owned: [5, 6] },
      // web names none of the shared objects.
      { members: [7], owned: [7] },
    ]);
  });

  test('a shared object that matches labels (a cluster DNS pod) joins every group', () => {
    const docs = [
      o('Deployment', 'api', { template: {} }),
      o('Deployment', 'web', { template: {} }),
      { kind: 'Pod', metadata: { name: 'coredns', labels: {} }, spec: {} },
    ];
    expect(validationGroups(docs)).toEqual([
      { members: [0, 2], owned: [0, 2] },
      { members: [1, 2], owned: [1] },
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
