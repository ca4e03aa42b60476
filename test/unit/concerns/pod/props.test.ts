import { Duration } from 'cdk8s';
import { find, podSpecOf, synthChart } from '../../../support/synth';
import {
  AppChart,
  Database,
  DatabaseEngine,
  EnvValue,
  Grant,
  NodeLabelOperator,
  PodOptions,
  TaintEffect,
  TolerationOperator,
  Verb,
  WebService,
} from '../../../../lib';
import { checkParity } from '../../../../lib/validation';

/** A web service `api` with pod options, rendered in both targets, and the parity findings. */
function withPod(pod: PodOptions) {
  const out = synthChart((app) => {
    const chart = new AppChart(app, 'shop');
    new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0', replicas: 1, ...pod });
    return chart;
  });
  const deployment = find(out.objects, 'Deployment', 'api');
  return { ...out, deployment, spec: podSpecOf(deployment), parity: checkParity(out.objects, out.compose) };
}

describe('pod options', () => {
  test('scheduling and metadata: grace period, annotations, labels, node selector, tolerations, node affinity', () => {
    const { deployment, spec, compose, parity } = withPod({
      terminationGracePeriod: Duration.seconds(45),
      podAnnotations: { 'prometheus.io/scrape': 'true' },
      podLabels: { tier: 'frontend' },
      nodeSelector: { 'kubernetes.io/arch': 'arm64' },
      tolerations: [
        { key: 'dedicated', operator: TolerationOperator.EQUAL, value: 'web', effect: TaintEffect.NO_SCHEDULE },
        { operator: TolerationOperator.EXISTS },
      ],
      nodeAffinity: {
        required: [{ key: 'topology.kubernetes.io/zone', operator: NodeLabelOperator.IN, values: ['eu-west-1a', 'eu-west-1b'] }],
        preferred: [{ weight: 50, expression: { key: 'node.kubernetes.io/instance-type', operator: NodeLabelOperator.EXISTS } }],
      },
    });
    expect(spec.terminationGracePeriodSeconds).toBe(45);
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
    expect(deployment.spec.template.metadata.labels.tier).toBe('frontend');
    // Pod labels never reach the selector.
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'api' });
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64' });
    expect(spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }, { operator: 'Exists' }]);
    expect(spec.affinity.nodeAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a', 'eu-west-1b'] }] }],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 50, preference: { matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'Exists' }] } },
      ],
    });
    expect(compose.services.api.stop_grace_period).toBe('45s');
    expect(compose.services.api.labels.tier).toBe('frontend');
    expect(parity).toEqual([]);
  });

  test('a ServiceAccount of its own, with annotations and the token mounted only when asked', () => {
    const mounted = withPod({ serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/api' }, mountToken: true } });
    expect(find(mounted.objects, 'ServiceAccount', 'api')).toEqual(
      expect.objectContaining({
        automountServiceAccountToken: false,
        metadata: expect.objectContaining({ annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/api' } }),
      }),
    );
    expect(mounted.spec.serviceAccountName).toBe('api');
    expect(mounted.spec.automountServiceAccountToken).toBe(true);
    const named = withPod({ serviceAccount: { name: 'reader' } });
    expect(named.spec.serviceAccountName).toBe('reader');
    expect(named.spec.automountServiceAccountToken).toBe(false);
    const existing = withPod({ serviceAccount: { name: 'bank-of-anthos', create: false } });
    expect(existing.objects.some((o) => o.kind === 'ServiceAccount')).toBe(false);
    expect(existing.spec.serviceAccountName).toBe('bank-of-anthos');
    expect(() => withPod({ serviceAccount: { name: 'x', create: false, annotations: { a: 'b' } } })).toThrow(
      /serviceAccount 'x' has annotations but create is false/,
    );
    const none = withPod({});
    expect(none.objects.some((o) => o.kind === 'ServiceAccount')).toBe(false);
    expect(none.spec.serviceAccountName).toBeUndefined();
  });

  describe('grants: a Role and a RoleBinding for the ServiceAccount', () => {
    const LEASES = { apiGroup: 'coordination.k8s.io' };

    test('renders the rules sorted and merged, bound to the account in the chart namespace, and mounts the token', () => {
      const { objects, spec, compose, parity } = withPod({
        serviceAccount: {
          name: 'api-reader',
          grants: [
            Grant.readWrite(['leases'], LEASES),
            Grant.read(['configmaps', 'pods']),
            Grant.of({ resources: ['pods/log'], verbs: [Verb.GET] }),
            Grant.of({ resources: ['pods', 'configmaps'], verbs: [Verb.WATCH, Verb.GET] }), // merged with the read grant
            Grant.of({ apiGroup: 'apps', resources: ['deployments'], verbs: [Verb.PATCH], resourceNames: ['web', 'api', 'web'] }),
          ],
        },
      });
      const labels = find(objects, 'ServiceAccount', 'api-reader').metadata.labels;
      expect(find(objects, 'Role', 'api')).toEqual({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: 'api', namespace: 'shop', labels },
        rules: [
          { apiGroups: [''], resources: ['configmaps', 'pods'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
          { apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['api', 'web'], verbs: ['patch'] },
          { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
        ],
      });
      expect(find(objects, 'RoleBinding', 'api')).toEqual({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'api', namespace: 'shop', labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'api' },
        subjects: [{ kind: 'ServiceAccount', name: 'api-reader', namespace: 'shop' }],
      });
      // Grants imply the token; the account itself still mounts none by default.
      expect(spec.serviceAccountName).toBe('api-reader');
      expect(spec.automountServiceAccountToken).toBe(true);
      expect(find(objects, 'ServiceAccount', 'api-reader').automountServiceAccountToken).toBe(false);
      // Applied after the account and before the workload.
      const kinds = objects.map((o) => o.kind);
      expect(kinds.indexOf('ServiceAccount')).toBeLessThan(kinds.indexOf('Role'));
      expect(kinds.indexOf('Role')).toBeLessThan(kinds.indexOf('RoleBinding'));
      expect(kinds.indexOf('RoleBinding')).toBeLessThan(kinds.indexOf('Deployment'));
      // Compose has no API server: nothing of it there, and parity has nothing to report.
      expect(JSON.stringify(compose)).not.toMatch(/leases|Role/);
      expect(parity).toEqual([]);
    });

    test('the Role does not depend on the order of the grants or on duplicates', () => {
      const role = (grants: Grant[]) => find(withPod({ serviceAccount: { grants } }).objects, 'Role', 'api');
      const a = role([Grant.read(['secrets'], { resourceNames: ['b', 'a'] }), Grant.readWrite(['jobs'], { apiGroup: 'batch' }), Grant.read(['configmaps'])]);
      const b = role([
        Grant.readWrite(['jobs'], { apiGroup: 'batch' }),
        Grant.read(['configmaps']),
        Grant.read(['configmaps']),
        Grant.read(['secrets'], { resourceNames: ['a', 'b', 'a'] }),
      ]);
      expect(b).toEqual(a);
      expect(a.rules.map((r: any) => [r.apiGroups[0], r.resources.join(), r.resourceNames?.join()])).toEqual([
        ['', 'configmaps', undefined],
        ['', 'secrets', 'a,b'],
        ['batch', 'jobs', undefined],
      ]);
    });

    test('a plain object works as a grant', () => {
      const { objects } = withPod({ serviceAccount: { grants: [{ resources: ['configmaps'], verbs: [Verb.GET] }] } });
      expect(find(objects, 'Role', 'api').rules).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
    });

    test('an account that exists already (create: false) gets the Role and RoleBinding, not a ServiceAccount', () => {
      const { objects, spec } = withPod({ serviceAccount: { name: 'shared', create: false, grants: [Grant.read(['configmaps'])] } });
      expect(objects.some((o) => o.kind === 'ServiceAccount')).toBe(false);
      expect(find(objects, 'RoleBinding', 'api').subjects).toEqual([{ kind: 'ServiceAccount', name: 'shared', namespace: 'shop' }]);
      expect(spec.automountServiceAccountToken).toBe(true);
    });

    test('without grants, or with an empty list, no Role and the token only when asked', () => {
      for (const serviceAccount of [{}, { grants: [] }]) {
        const { objects, spec } = withPod({ serviceAccount });
        expect(objects.filter((o) => o.kind === 'Role' || o.kind === 'RoleBinding')).toEqual([]);
        expect(spec.automountServiceAccountToken).toBe(false);
      }
    });
  });

  test('init containers: run in order before the main container; in Compose one-shot services the main one waits for', () => {
    const { spec, compose, parity } = withPod({
      initContainers: [
        { name: 'migrate', args: ['migrate', 'up'], env: { MODE: EnvValue.fromValue('migrate') } },
        { name: 'seed', image: 'ghcr.io/acme/seed:1.0.0' },
      ],
    });
    expect(spec.initContainers.map((c: any) => [c.name, c.image, c.args])).toEqual([
      ['migrate', 'ghcr.io/acme/api:1.0.0', ['migrate', 'up']],
      ['seed', 'ghcr.io/acme/seed:1.0.0', undefined],
    ]);
    // Restricted like the main container, with a writable /tmp of its own.
    expect(spec.initContainers[0].securityContext).toEqual(expect.objectContaining({ runAsNonRoot: true, runAsUser: 10001, readOnlyRootFilesystem: true }));
    expect(spec.initContainers[0].volumeMounts).toEqual([{ name: 'migrate-tmp', mountPath: '/tmp' }]);
    expect(spec.volumes.map((v: any) => v.name)).toEqual(['tmp', 'migrate-tmp', 'seed-tmp']);
    expect(compose.services['api-migrate']).toEqual(
      expect.objectContaining({
        image: 'ghcr.io/acme/api:1.0.0',
        command: ['migrate', 'up'],
        environment: { MODE: 'migrate' },
        restart: 'no',
        user: '10001:10001',
      }),
    );
    expect(compose.services['api-seed'].depends_on).toEqual({ 'api-migrate': { condition: 'service_completed_successfully' } });
    expect(compose.services.api.depends_on).toEqual({ 'api-seed': { condition: 'service_completed_successfully' } });
    expect(parity).toEqual([]);
  });

  test("sidecars: containers of the pod; in Compose services on the main service's network", () => {
    const { spec, compose, parity } = withPod({
      sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31.0', ports: [{ name: 'admin', port: 9901 }], args: ['-c', '/etc/envoy/envoy.yaml'] }],
    });
    expect(spec.containers.map((c: any) => c.name)).toEqual(['api', 'proxy']);
    expect(spec.containers[1]).toEqual(
      expect.objectContaining({ image: 'envoyproxy/envoy:v1.31.0', ports: [{ name: 'admin', containerPort: 9901, protocol: 'TCP' }] }),
    );
    expect(compose.services['api-proxy']).toEqual(
      expect.objectContaining({ network_mode: 'service:api', depends_on: { api: { condition: 'service_started' } }, restart: 'unless-stopped' }),
    );
    expect(compose.services['api-proxy'].networks).toBeUndefined();
    expect(parity).toEqual([]);
  });

  test('waitForConnections: Kubernetes init containers wait for each connected Service; Compose relies on depends_on', () => {
    const { objects, compose } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });
      const cart = new WebService(chart, 'Cart', { name: 'cart', image: 'c:1', ports: [{ name: 'grpc', port: 7070, servicePort: 7000 }] });
      const api = new WebService(chart, 'Api', { name: 'api', image: 'a:1', waitForConnections: true, initContainers: [{ name: 'migrate' }] });
      api.connectTo(db);
      api.connectTo(cart); // after construction: the wait containers are rendered at synthesis
      return chart;
    });
    const init = podSpecOf(find(objects, 'Deployment', 'api')).initContainers;
    expect(init.map((c: any) => c.name)).toEqual(['wait-for-cart', 'wait-for-db', 'migrate']);
    // The Service port, which is what Kubernetes clients reach.
    expect(init[0]).toEqual(
      expect.objectContaining({
        image: 'busybox:1.36',
        command: ['sh', '-c', 'until nc -z -w 2 cart 7000; do echo "waiting for cart 7000"; sleep 2; done'],
        securityContext: expect.objectContaining({ runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } }),
      }),
    );
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'api-migrate', 'cart', 'db']);
    expect(checkParity(objects, compose)).toEqual([]);
  });

  describe('fails when', () => {
    const cases: Array<[string, PodOptions, RegExp]> = [
      ['an init container has the service name', { initContainers: [{ name: 'api' }] }, /init container name 'api' is already used in this pod/],
      ['a sidecar has no image', { sidecars: [{ name: 'proxy' } as never] }, /sidecars\[0\].image is missing; allowed: an image reference/],
      ['a container name is not a DNS label', { initContainers: [{ name: 'Migrate' }] }, /init container name 'Migrate' is not a DNS-1123 label/],
      [
        'a toleration has Exists and a value',
        { tolerations: [{ key: 'a', operator: TolerationOperator.EXISTS, value: 'b' }] },
        /toleration of 'a' has operator Exists and value 'b'/,
      ],
      ['a toleration has no key and Equal', { tolerations: [{ value: 'b' }] }, /a toleration without a key must use operator Exists/],
      [
        'a node affinity weight is 0',
        { nodeAffinity: { preferred: [{ weight: 0, expression: { key: 'a', operator: NodeLabelOperator.EXISTS } }] } },
        /node affinity weight 0 is invalid; allowed: a whole number from 1 to 100/,
      ],
      ['In without values', { nodeAffinity: { required: [{ key: 'a', operator: NodeLabelOperator.IN }] } }, /node affinity on 'a' with In needs values/],
      [
        'a pod label overrides a selector label',
        { podLabels: { 'app.kubernetes.io/name': 'x' } },
        /podLabels sets 'app.kubernetes.io\/name', which this library sets itself/,
      ],
      ['a pod label value has a space', { podLabels: { tier: 'front end' } }, /podLabels tier has value 'front end'; allowed: at most 63 letters/],
      ['a node selector key is invalid', { nodeSelector: { '-bad': 'x' } }, /nodeSelector key '-bad' is invalid/],
      [
        'grants are given with mountToken false',
        { serviceAccount: { mountToken: false, grants: [Grant.read(['configmaps'])] } },
        /serviceAccount 'api' has grants but mountToken is false; allowed: mountToken true or left out with grants/,
      ],
      [
        'a grant restricts create to resourceNames',
        { serviceAccount: { grants: [Grant.readWrite(['configmaps'], { resourceNames: ['settings'] })] } },
        /grant 1 limits create to resourceNames, which Kubernetes cannot do .*; allowed: create in a grant without resourceNames/,
      ],
      [
        'a grant has an empty resourceNames list',
        { serviceAccount: { grants: [Grant.read(['configmaps'], { resourceNames: [] })] } },
        /grant 1 has resourceNames \[\]; allowed: a non-empty list of object names/,
      ],
      [
        'a grant names an invalid object',
        { serviceAccount: { grants: [Grant.read(['configmaps'], { resourceNames: ['My_Config'] })] } },
        /grant 1 has resource name 'My_Config'; allowed: an object name/,
      ],
      [
        'a grant puts deployments in the core group',
        { serviceAccount: { grants: [Grant.read(['deployments'])] } },
        /grant 1 has resource 'deployments' in the core group, where it does not exist; allowed: apiGroup 'apps'/,
      ],
      [
        'a grant is not an object',
        { serviceAccount: { grants: ['configmaps' as never] } },
        /serviceAccount.grants\[0\] 'configmaps' is invalid; allowed: a Grant/,
      ],
      [
        'the grace period is fractional',
        { terminationGracePeriod: Duration.millis(1500) },
        /terminationGracePeriod Duration .* is invalid; allowed: a Duration of whole seconds/,
      ],
    ];
    test.each(cases)('%s', (_title, pod, message) => {
      expect(() => withPod(pod)).toThrow(message);
    });
  });
});
