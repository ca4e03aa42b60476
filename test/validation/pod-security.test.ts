import { validationGroups } from '../../lib/validation/pod-security';
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

  test('a single workload is validated whole', () => {
    expect(validationGroups([o('Deployment', 'api', { template: {} }), o('Namespace', undefined)])).toEqual([{ members: [0, 1], owned: [0, 1] }]);
  });
});
