import * as os from 'os';
import { Duration } from 'cdk8s';
import { containerOf, find, synthChart } from '../support/synth';
import {
  App,
  AppChart,
  AppProtocol,
  ConnectionOptions,
  Cpu,
  EnvValue,
  HealthCheck,
  ImagePullPolicy,
  InImageClient,
  Memory,
  MonitoringMode,
  PodCount,
  ServiceType,
  ValidationError,
  WebService,
  WebServiceProps,
} from '../../lib';
import { checkParity } from '../../lib/validation';
import * as plus from 'cdk8s-plus-28';

function chartWith(props: Partial<ConstructorParameters<typeof WebService>[2]> = {}) {
  return synthChart((app) => {
    const chart = new AppChart(app, 'shop');
    new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0', ...props });
    return chart;
  });
}

describe('WebService', () => {
  test('renders a Deployment, Service, PDB and NetworkPolicy selected by stable labels only', () => {
    // GIVEN / WHEN
    const { objects, compose } = chartWith({
      ports: [{ name: 'http', port: 8080, publish: 18080 }],
      replicas: 2,
      env: { LOG_LEVEL: EnvValue.fromValue('info') },
      healthCheck: HealthCheck.http('/healthz', { inImage: InImageClient.WGET, interval: Duration.seconds(5), startPeriod: Duration.seconds(20) }),
    });

    // THEN
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/shop',
      'NetworkPolicy/api',
      'Service/api',
      'Deployment/api',
      'PodDisruptionBudget/api',
    ]);
    const deployment = find(objects, 'Deployment', 'api');
    const selector = { 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'api' };
    expect(deployment.spec.selector).toEqual({ matchLabels: selector });
    expect(find(objects, 'Service', 'api').spec).toEqual({
      type: 'ClusterIP',
      selector,
      ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(deployment.spec.replicas).toBe(2);
    const c = containerOf(deployment);
    expect(c.readinessProbe).toEqual({
      httpGet: { path: '/healthz', port: 'http' },
      periodSeconds: 5,
      timeoutSeconds: 3,
      failureThreshold: 3,
      successThreshold: 1,
    });
    // 20 s of start period, then Compose's 3 retries: (20 / 5) + 3 periods.
    expect(c.startupProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 7 });
    expect(c.livenessProbe.failureThreshold).toBe(9);
    expect(c.env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    expect(find(objects, 'PodDisruptionBudget', 'api').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: selector } });
    expect(JSON.stringify(objects)).not.toContain('cdk8s.io/metadata.addr');

    const svc = compose.services.api;
    expect(svc.healthcheck).toEqual({
      test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/healthz'],
      interval: '5s',
      timeout: '3s',
      retries: 3,
      start_period: '20s',
    });
    expect(svc.ports).toEqual(['127.0.0.1:18080-18081:8080']);
    expect(svc.deploy.replicas).toBe(2);
    expect(svc.environment).toEqual({ LOG_LEVEL: 'info' });
    expect({ objects, compose }).toMatchSnapshot();
  });

  test('with autoscaling omits spec.replicas and renders an HPA; Compose runs minReplicas', () => {
    const { objects, compose } = chartWith({ autoscaling: { minReplicas: 3, maxReplicas: 10 } });
    expect(find(objects, 'Deployment', 'api').spec.replicas).toBeUndefined();
    expect(find(objects, 'HorizontalPodAutoscaler', 'api').spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 3,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(compose.services.api.deploy.replicas).toBe(3);
  });

  test('with one replica renders no PodDisruptionBudget (it would block node drains)', () => {
    const { objects } = chartWith({ replicas: 1 });
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(find(objects, 'Deployment', 'api').spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });

  test('with an Ingress renders host, path, TLS and allows the ingress controller in', () => {
    const { objects, compose } = chartWith({ ingress: { host: 'shop.example.com', tlsSecretName: 'shop-tls' } });
    expect(find(objects, 'Ingress', 'api').spec).toEqual({
      rules: [
        { host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } }] } },
      ],
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
    });
    expect(find(objects, 'NetworkPolicy', 'api').spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
    expect(compose.services.api.ports).toBeUndefined();
    // Argo CD: after every workload's wave (an Ingress is healthy only once its load balancer has an address).
    expect(find(objects, 'Ingress', 'api').metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '1' });
  });

  test("an Ingress without a class takes the chart's ingressClassName; without either, a warning", () => {
    const defaulted = synthChart((app) => {
      const chart = new AppChart(app, 'shop', { ingressClassName: 'traefik' });
      new WebService(chart, 'Api', { name: 'api', image: 'a:1', ingress: { host: 'shop.example.com' } });
      new WebService(chart, 'Admin', { name: 'admin', image: 'a:1', ingress: { host: 'admin.example.com', className: 'nginx-internal' } });
      return chart;
    });
    expect(find(defaulted.objects, 'Ingress', 'api').spec.ingressClassName).toBe('traefik');
    expect(find(defaulted.objects, 'Ingress', 'admin').spec.ingressClassName).toBe('nginx-internal');
    expect(defaulted.chart.warnings).toEqual([]);
    const unset = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new WebService(chart, 'Api', { name: 'api', image: 'a:1', ingress: { host: 'shop.example.com' } });
      return chart;
    });
    expect(find(unset.objects, 'Ingress', 'api').spec.ingressClassName).toBeUndefined();
    expect(unset.chart.warnings).toEqual([
      expect.stringMatching(/^shop\/Api: the Ingress names no IngressClass: .* set ingress.className or the chart's ingressClassName/),
    ]);
  });

  test('Ingress class and annotations (cert-manager, ALB) render on the Ingress only, sorted', () => {
    const { objects, compose } = chartWith({
      ingress: {
        host: 'shop.example.com',
        className: 'alb',
        annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt', 'alb.ingress.kubernetes.io/target-type': 'ip' },
      },
    });
    const ingress = find(objects, 'Ingress', 'api');
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(Object.entries(ingress.metadata.annotations)).toEqual([
      ['alb.ingress.kubernetes.io/target-type', 'ip'],
      ['argocd.argoproj.io/sync-wave', '1'],
      ['cert-manager.io/cluster-issuer', 'letsencrypt'],
    ]);
    // Nothing else carries them.
    expect(find(objects, 'Deployment', 'api').metadata.annotations).toBeUndefined();
    expect(JSON.stringify(compose)).not.toContain('cert-manager');
  });

  test('renders resources in both targets', () => {
    const { objects, compose } = chartWith({
      resources: { cpuRequest: Cpu.parse('250m'), cpuLimit: Cpu.cores(1), memoryRequest: Memory.parse('256Mi'), memoryLimit: Memory.gibibytes(1) },
    });
    expect(containerOf(find(objects, 'Deployment', 'api')).resources).toEqual({
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
    expect(compose.services.api.deploy.resources).toEqual({
      limits: { cpus: '1', memory: '1g' },
      reservations: { cpus: '0.25', memory: '256m' },
    });
  });

  test('renders command and args as command/args and entrypoint/command, escaping $ for Compose', () => {
    const { objects, compose } = chartWith({ command: ['/bin/api'], args: ['--greeting', 'costs $5'] });
    const c = containerOf(find(objects, 'Deployment', 'api'));
    expect([c.command, c.args]).toEqual([['/bin/api'], ['--greeting', 'costs $5']]);
    expect([compose.services.api.entrypoint, compose.services.api.command]).toEqual([['/bin/api'], ['--greeting', 'costs $$5']]);
  });

  test('addEnv after construction lands in both outputs', () => {
    const { objects, compose } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      const api = new WebService(chart, 'Api', { image: 'ghcr.io/acme/api:1.0.0', name: 'api' });
      api.addEnv('FEATURE', EnvValue.fromValue('on'));
      return chart;
    });
    expect(containerOf(find(objects, 'Deployment', 'api')).env).toEqual([{ name: 'FEATURE', value: 'on' }]);
    expect(compose.services.api.environment).toEqual({ FEATURE: 'on' });
  });

  describe('fails when', () => {
    const cases: Array<[string, Partial<ConstructorParameters<typeof WebService>[2]>, RegExp]> = [
      ['the name is not a DNS label', { name: 'My_Api' }, /service name 'My_Api' is not a DNS-1123 label.*at shop\/Api/],
      ['the name is longer than 63 characters', { name: 'a'.repeat(64) }, /is 64 characters long; at most 63/],
      ['a port is 0', { ports: [{ name: 'http', port: 0 }] }, /port 0 \(http\) is out of range; allowed: a whole number from 1 to 65535/],
      ['a port is 65536', { ports: [{ name: 'http', port: 65536 }] }, /port 65536 \(http\) is out of range/],
      [
        'a port number is duplicated',
        {
          ports: [
            { name: 'http', port: 80 },
            { name: 'admin', port: 80 },
          ],
        },
        /port 80 is declared twice/,
      ],
      [
        'a port name is duplicated',
        {
          ports: [
            { name: 'http', port: 80 },
            { name: 'http', port: 81 },
          ],
        },
        /port name 'http' is used twice/,
      ],
      ['replicas is negative', { replicas: -1 }, /replicas -1 is invalid; allowed: a whole number from 0 to 2147483647/],
      ['replicas is fractional', { replicas: 1.5 }, /replicas 1.5 is invalid/],
      ['autoscaling min > max', { autoscaling: { minReplicas: 5, maxReplicas: 2 } }, /autoscaling.minReplicas 5 is greater than autoscaling.maxReplicas 2/],
      ['the CPU string does not parse', { resources: { cpuRequest: Cpu.parse('lots') } }, /resources.cpuRequest 'lots' is not a valid CPU quantity; allowed:/],
      ['the memory string does not parse', { resources: { memoryLimit: Memory.parse('12XB') } }, /resources.memoryLimit '12XB' is not a valid memory quantity/],
      ['the image is empty', { image: '' }, /image '' is empty/],
      ['the image has whitespace', { image: 'nginx: 1' }, /image 'nginx: 1' contains whitespace/],
      ['the ingress host is invalid', { ingress: { host: 'Not A Host' } }, /ingress.host 'Not A Host' is not a valid host name/],
      [
        'an ingress annotation key is invalid',
        { ingress: { host: 'a.example.com', annotations: { 'bad key': 'x' } } },
        /ingress.annotations key 'bad key' is invalid/,
      ],
      [
        'an ingress annotation value is not a string',
        { ingress: { host: 'a.example.com', annotations: { 'a.io/b': 1 as never } } },
        /ingress.annotations.a.io\/b 1 is invalid; allowed: a string/,
      ],
      [
        'the health check port is not declared',
        { healthCheck: HealthCheck.http('/h', { port: 'admin', inImage: InImageClient.CURL }) },
        /health check port 'admin' is not one of the declared ports \(http\)/,
      ],
      ['an env var name is invalid', { env: { '1BAD': EnvValue.fromValue('x') } }, /environment variable name '1BAD' is invalid/],
      ['runAsUser is negative', { security: { runAsUser: -5 } }, /security.runAsUser -5 is invalid; allowed: a whole number from 0 \(root\) to 2147483647/],
    ];
    test.each(cases)('%s', (_title, props, message) => {
      expect(() => chartWith(props)).toThrow(message);
    });

    test('several props are wrong at once, and reports all of them', () => {
      let error: unknown;
      try {
        chartWith({ replicas: -2, ports: [{ name: 'http', port: 70000 }], image: '' });
      } catch (e) {
        error = e;
      }
      expect(ValidationError.isValidationError(error)).toBe(true);
      expect((error as ValidationError).problems).toHaveLength(3);
      expect((error as ValidationError).path).toBe('shop/Api');
    });

    test('two services share a name', () => {
      expect(() =>
        synthChart((app) => {
          const chart = new AppChart(app, 'shop');
          new WebService(chart, 'A', { name: 'api', image: 'a:1' });
          new WebService(chart, 'B', { name: 'api', image: 'b:1' });
          return chart;
        }),
      ).toThrow(/service name 'api' is already used by another workload in chart 'shop'.*at shop\/B/);
    });

    test('addEnv sets a variable twice with different values', () => {
      expect(() =>
        synthChart((app) => {
          const chart = new AppChart(app, 'shop');
          const api = new WebService(chart, 'Api', { name: 'api', image: 'a:1', env: { X: EnvValue.fromValue('1') } });
          api.addEnv('X', EnvValue.fromValue('2'));
          return chart;
        }),
      ).toThrow(/environment variable X is already set to '1'; cannot set it to '2'/);
    });

    test('it is not inside an AppChart', () => {
      expect(() =>
        synthChart((app) => {
          new WebService(app, 'Api', { image: 'a:1' });
          return new AppChart(app, 'x');
        }),
      ).toThrow(/must be defined inside an AppChart/);
    });
  });
});

describe('WebService availability and config options', () => {
  test('rollingUpdate sets the Deployment strategy', () => {
    const { objects } = chartWith({ rollingUpdate: { maxSurge: PodCount.of(2), maxUnavailable: PodCount.percent(10) } });
    expect(find(objects, 'Deployment', 'api').spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '10%' } });
  });

  test('the default strategy never goes below the desired count', () => {
    const { objects } = chartWith();
    expect(find(objects, 'Deployment', 'api').spec.strategy.rollingUpdate).toEqual({ maxSurge: '25%', maxUnavailable: 0 });
  });

  test('disruptionBudget: false and topologySpread: false opt out', () => {
    const { objects } = chartWith({ replicas: 3, disruptionBudget: false, topologySpread: false });
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(find(objects, 'Deployment', 'api').spec.template.spec.topologySpreadConstraints).toBeUndefined();
  });

  test('with two replicas or more, pods spread over nodes and zones without blocking scheduling', () => {
    const { objects } = chartWith({ replicas: 3 });
    expect(find(objects, 'Deployment', 'api').spec.template.spec.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable])).toEqual([
      ['kubernetes.io/hostname', 'ScheduleAnyway'],
      ['topology.kubernetes.io/zone', 'ScheduleAnyway'],
    ]);
  });

  test('config files: a ConfigMap mounted by subPath, whose checksum on the pod template changes with the content', () => {
    const one = chartWith({ configFiles: [{ path: '/etc/api/app.json', content: '{"a":1}' }] });
    const two = chartWith({ configFiles: [{ path: '/etc/api/app.json', content: '{"a":2}' }] });
    expect(find(one.objects, 'ConfigMap', 'api-config').data).toEqual({ 'app.json': '{"a":1}' });
    const c = containerOf(find(one.objects, 'Deployment', 'api'));
    expect(c.volumeMounts).toContainEqual({ name: 'config-files', mountPath: '/etc/api/app.json', subPath: 'app.json', readOnly: true });
    const checksum = (o: any[]) => find(o, 'Deployment', 'api').spec.template.metadata.annotations['cdk8s-compose.io/config-checksum'];
    expect(checksum(one.objects)).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum(two.objects)).not.toBe(checksum(one.objects));
    expect(one.compose.services.api.volumes).toEqual(['./shop.config/api/app.json:/etc/api/app.json:ro']);
  });

  test('config files with the same base name get keys by path, whatever the order they are listed in', () => {
    const a = chartWith({
      configFiles: [
        { path: '/etc/b/x.conf', content: 'b' },
        { path: '/etc/a/x.conf', content: 'a' },
      ],
    });
    const b = chartWith({
      configFiles: [
        { path: '/etc/a/x.conf', content: 'a' },
        { path: '/etc/b/x.conf', content: 'b' },
      ],
    });
    expect(find(a.objects, 'ConfigMap', 'api-config').data).toEqual({ 'x.conf': 'a', '2-x.conf': 'b' });
    expect(a.objects).toEqual(b.objects);
  });

  test('literal dollars in args reach the container unchanged in both targets', () => {
    const { objects, compose } = chartWith({ args: ['--price', '$$5', '--literal=$$(NOT_A_VAR)'] });
    // Kubernetes reduces $$ to $; Compose reduces $$ to $ too.
    expect(containerOf(find(objects, 'Deployment', 'api')).args).toEqual(['--price', '$$5', '--literal=$$(NOT_A_VAR)']);
    expect(compose.services.api.command).toEqual(['--price', '$$5', '--literal=$$(NOT_A_VAR)']);
  });

  test('security opt-outs: a writable root filesystem and another user', () => {
    const { objects, compose } = chartWith({ security: { readOnlyRootFilesystem: false, runAsUser: 1000, writablePaths: ['/var/cache/api'] } });
    const c = containerOf(find(objects, 'Deployment', 'api'));
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: false, runAsUser: 1000, runAsGroup: 1000 });
    expect(compose.services.api).toMatchObject({ read_only: false, user: '1000:1000', tmpfs: ['/tmp', '/var/cache/api'] });
  });

  describe('fails when', () => {
    test.each<[string, Partial<ConstructorParameters<typeof WebService>[2]>, RegExp]>([
      [
        'maxSurge and maxUnavailable are both 0',
        { rollingUpdate: { maxSurge: PodCount.of(0), maxUnavailable: PodCount.of(0) } },
        /both 0; a rollout could never make progress/,
      ],
      ['a percentage is above 100', { rollingUpdate: { maxSurge: PodCount.percent(150) } }, /rollingUpdate.maxSurge 150% is invalid/],
      ['a config file path is relative', { configFiles: [{ path: 'etc/app.json', content: '' }] }, /configFiles path 'etc\/app.json' is invalid/],
      ['a writable path is relative', { security: { writablePaths: ['cache'] } }, /security.writablePaths entry 'cache' is invalid/],
    ])('%s', (_title, props, message) => {
      expect(() => chartWith(props)).toThrow(message);
    });
  });
});

describe('names shared with cdk8s-plus-28', () => {
  test("cdk8s-plus-28's ImagePullPolicy values are the same strings, so either enum works", () => {
    const { objects } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new WebService(chart, 'Api', { name: 'api', image: 'a:1', imagePullPolicy: plus.ImagePullPolicy.NEVER as unknown as ImagePullPolicy });
      return chart;
    });
    expect(find(objects, 'Deployment', 'api').spec.template.spec.containers[0].imagePullPolicy).toBe('Never');
  });
});

describe('WebService ports and exposure', () => {
  /** A client connected to `api` in both targets, and the parity findings of the pair. */
  function withClient(apiProps: Partial<ConstructorParameters<typeof WebService>[2]>, options: ConnectionOptions = {}) {
    const out = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      const api = new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0', ...apiProps });
      const web = new WebService(chart, 'Web', { name: 'web', image: 'ghcr.io/acme/web:1.0.0' });
      web.connectTo(api, options);
      return chart;
    });
    const env = (name: string) => Object.fromEntries(containerOf(find(out.objects, 'Deployment', name)).env?.map((e: any) => [e.name, e.value]) ?? []);
    return { ...out, k8sEnv: env('web'), composeEnv: out.compose.services.web.environment ?? {}, parity: checkParity(out.objects, out.compose) };
  }

  test('a Service port in front of another container port: each target gets the port its clients connect to', () => {
    // GIVEN a Service on 80 in front of a container on 8080
    const { objects, compose, k8sEnv, composeEnv, parity } = withClient({ ports: [{ name: 'http', port: 8080, servicePort: 80 }] });
    // THEN the Service maps 80 to the named container port
    expect(find(objects, 'Service', 'api').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(containerOf(find(objects, 'Deployment', 'api')).ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    // Kubernetes clients connect to the Service, Compose clients to the container
    expect(k8sEnv).toEqual({ API_HOST: 'api', API_PORT: '80', API_URL: 'http://api:80' });
    expect(composeEnv).toEqual({ API_HOST: 'api', API_PORT: '8080', API_URL: 'http://api:8080' });
    expect(compose.services.api.expose).toEqual(['8080']);
    // The pod's NetworkPolicy admits the container port, which is what traffic reaches
    expect(find(objects, 'NetworkPolicy', 'api').spec.ingress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(parity).toEqual([]);
  });

  test('NodePort with a fixed node port, and LoadBalancer', () => {
    const nodePort = chartWith({ serviceType: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, servicePort: 80, nodePort: 30080 }] });
    expect(find(nodePort.objects, 'Service', 'api').spec).toEqual(
      expect.objectContaining({ type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080 }] }),
    );
    const lb = chartWith({ serviceType: ServiceType.LOAD_BALANCER });
    expect(find(lb.objects, 'Service', 'api').spec.type).toBe('LoadBalancer');
    // Reachable from outside: the pods admit any source on their ports (a default-deny
    // policy would make the NodePort and the load balancer useless).
    expect(find(nodePort.objects, 'NetworkPolicy', 'api').spec.ingress).toEqual([{ ports: [{ port: 8080, protocol: 'TCP' }] }]);
    expect(find(lb.objects, 'NetworkPolicy', 'api').spec.ingress).toEqual([{ ports: [{ port: 8080, protocol: 'TCP' }] }]);
    expect(find(chartWith({}).objects, 'NetworkPolicy', 'api').spec.ingress).toBeUndefined();
    expect(lb.compose.services.api.ports).toBeUndefined();
  });

  test('a gRPC port: appProtocol grpc, grpc:// URLs and a host:port address', () => {
    const { objects, k8sEnv, parity } = withClient({ ports: [{ name: 'grpc', port: 7070, protocol: AppProtocol.GRPC }] });
    expect(find(objects, 'Service', 'api').spec.ports).toEqual([{ name: 'grpc', port: 7070, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'grpc' }]);
    expect(k8sEnv.API_URL).toBe('grpc://api:7070');
    expect(parity).toEqual([]);
  });

  test('h2c and tcp ports get their Kubernetes appProtocol; an undeclared protocol writes none', () => {
    const { objects } = chartWith({
      ports: [
        { name: 'web', port: 8080 },
        { name: 'h2', port: 8081, protocol: AppProtocol.H2C },
        { name: 'raw', port: 9000, protocol: AppProtocol.TCP },
        { name: 'http', port: 8082, protocol: AppProtocol.HTTP },
      ],
    });
    expect(find(objects, 'Service', 'api').spec.ports.map((p: any) => [p.name, p.appProtocol])).toEqual([
      ['web', undefined],
      ['h2', 'kubernetes.io/h2c'],
      ['raw', 'tcp'],
      ['http', 'http'],
    ]);
  });

  test('typed outputs of a WebService: host, port, address and URL, each target with its own port', () => {
    const { objects, compose } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      const cart = new WebService(chart, 'Cart', {
        name: 'cart',
        image: 'c:1',
        ports: [{ name: 'grpc', port: 7070, servicePort: 7000, protocol: AppProtocol.GRPC }],
      });
      const web = new WebService(chart, 'Web', { name: 'web', image: 'w:1' });
      web.connectTo(cart, { env: { CART_SERVICE_ADDR: cart.connection.address, CART_URL: cart.connection.url } });
      return chart;
    });
    expect(containerOf(find(objects, 'Deployment', 'web')).env).toEqual([
      { name: 'CART_SERVICE_ADDR', value: 'cart:7000' },
      { name: 'CART_URL', value: 'grpc://cart:7000' },
    ]);
    expect(compose.services.web.environment).toEqual({ CART_SERVICE_ADDR: 'cart:7070', CART_URL: 'grpc://cart:7070' });
    expect(checkParity(objects, compose)).toEqual([]);
  });

  test('connectTo with env: {} injects no variable but still opens the network and orders the start', () => {
    const { objects, compose, k8sEnv } = withClient({}, { env: {} });
    expect(k8sEnv).toEqual({});
    expect(compose.services.web.environment).toBeUndefined();
    expect(compose.services.web.depends_on).toEqual({ api: { condition: 'service_started' } });
    expect(find(objects, 'NetworkPolicy', 'web').spec.egress.map((r: any) => r.to[0].podSelector?.matchLabels?.['app.kubernetes.io/name'])).toContain('api');
  });

  test('publishAddress: Compose publishes on that address, IPv6 in brackets', () => {
    const { compose } = chartWith({
      ports: [
        { name: 'http', port: 8080, publish: 18080, publishAddress: '0.0.0.0' },
        { name: 'admin', port: 9090, publish: 19090, publishAddress: '::1' },
      ],
      replicas: 1,
    });
    expect(compose.services.api.ports).toEqual(['0.0.0.0:18080:8080', '[::1]:19090:9090']);
  });

  test('snapshot: a gRPC service on a Service port of its own, exposed by NodePort', () => {
    const { objects, compose } = chartWith({
      serviceType: ServiceType.NODE_PORT,
      ports: [{ name: 'grpc', port: 7070, servicePort: 70, protocol: AppProtocol.GRPC, nodePort: 30070, publish: 17070 }],
      replicas: 1,
    });
    expect(find(objects, 'Service', 'api').spec.ports[0]).toEqual({
      name: 'grpc',
      port: 70,
      targetPort: 'grpc',
      protocol: 'TCP',
      appProtocol: 'grpc',
      nodePort: 30070,
    });
    expect(compose.services.api.ports).toEqual(['127.0.0.1:17070:7070']);
    expect({ objects, compose }).toMatchSnapshot();
  });
});

describe('WebService metrics', () => {
  const withMetrics = (chartProps: ConstructorParameters<typeof AppChart>[2] = {}, metrics: Record<string, unknown> = {}) =>
    synthChart((app) => {
      const chart = new AppChart(app, 'shop', chartProps);
      new WebService(chart, 'Api', {
        name: 'api',
        image: 'ghcr.io/acme/api:1.0.0',
        ports: [
          { name: 'http', port: 8080, servicePort: 80 },
          { name: 'metrics', port: 9100 },
        ],
        metrics: { port: 9100, path: '/internal/metrics', interval: Duration.seconds(15), ...metrics },
      });
      return chart;
    });

  test('renders a ServiceMonitor selecting the Service by its selector labels, naming the Service port', () => {
    // GIVEN / WHEN
    const { objects } = withMetrics({ monitoring: { serviceMonitorLabels: { release: 'kube-prometheus-stack' } } });

    // THEN
    const monitor = find(objects, 'ServiceMonitor', 'api');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.metadata.namespace).toBe('shop');
    expect(monitor.metadata.labels).toMatchObject({ 'release': 'kube-prometheus-stack', 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/part-of': 'shop' });
    expect(monitor.spec).toEqual({
      selector: { matchLabels: find(objects, 'Service', 'api').spec.selector },
      endpoints: [{ port: 'metrics', path: '/internal/metrics', interval: '15s', scheme: 'http' }],
    });
    // The Service's labels carry the selector labels: the ServiceMonitor finds it.
    expect(find(objects, 'Service', 'api').metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    expect(find(objects, 'Service', 'api').spec.ports.map((p: any) => p.name)).toContain('metrics');
    expect(find(objects, 'Deployment', 'api').spec.template.metadata.annotations).toBeUndefined();
  });

  test('defaults: path /metrics, every 30 s', () => {
    const { objects } = synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new WebService(chart, 'Api', { name: 'api', image: 'a:1', metrics: { port: 8080 } });
      return chart;
    });
    expect(find(objects, 'ServiceMonitor', 'api').spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '30s', scheme: 'http' }]);
  });

  test('annotations mode: scrape annotations on the pod template, no ServiceMonitor', () => {
    const { objects } = withMetrics({ monitoring: { mode: MonitoringMode.ANNOTATIONS } });
    expect(objects.some((o) => o.kind === 'ServiceMonitor' || o.kind === 'PodMonitor')).toBe(false);
    expect(find(objects, 'Deployment', 'api').spec.template.metadata.annotations).toEqual({
      'prometheus.io/path': '/internal/metrics',
      'prometheus.io/port': '9100',
      'prometheus.io/scrape': 'true',
    });
  });

  test('the NetworkPolicy admits the monitoring namespace on the metrics port only', () => {
    // GIVEN / WHEN
    const { objects } = withMetrics();

    // THEN
    expect(find(objects, 'NetworkPolicy', 'api').spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 9100, protocol: 'TCP' }] },
    ]);
  });

  test('monitoring.podLabels and namespace narrow the NetworkPolicy peer to the Prometheus pods', () => {
    const { objects } = withMetrics({ monitoring: { namespace: 'observability', podLabels: { 'app.kubernetes.io/name': 'prometheus' } } });
    expect(find(objects, 'NetworkPolicy', 'api').spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
          },
        ],
        ports: [{ port: 9100, protocol: 'TCP' }],
      },
    ]);
  });

  test('Compose: the service is scraped by Prometheus under the observability profile, with parity', () => {
    const { objects, compose } = withMetrics();
    expect(compose.services.prometheus.profiles).toEqual(['observability']);
    expect(compose.services.api.expose).toEqual(['8080', '9100']);
    expect(checkParity(objects, compose)).toEqual([]);
  });

  test('fails when the metrics port is not a declared port, naming the declared ones', () => {
    expect(() =>
      synthChart((app) => {
        const chart = new AppChart(app, 'shop');
        new WebService(chart, 'Api', { name: 'api', image: 'a:1', metrics: { port: 9100 } });
        return chart;
      }),
    ).toThrow(/metrics.port 9100 is not a declared port; declared: http 8080/);
  });
});

describe('props from JavaScript and from subclasses', () => {
  const chartOf = () => new AppChart(new App({ outdir: os.tmpdir() }), 'shop');

  test("a subclass's own props pass through; one close to a known prop is a warning, not an error", () => {
    interface NodeServiceProps extends Omit<WebServiceProps, 'ports'> {
      readonly port: number;
    }
    class NodeService extends WebService {
      constructor(scope: AppChart, id: string, props: NodeServiceProps) {
        super(scope, id, { ...props, ports: [{ name: 'http', port: props.port }] });
      }
    }
    const chart = chartOf();
    const api = new NodeService(chart, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 3000 });
    expect(api._model.ports.map((p) => p.port)).toEqual([3000]);
    expect(chart.warnings).toEqual([
      "shop/api: props have a property 'port' that this library does not read; did you mean 'ports'? (ignored: a subclass's own prop is fine)",
    ]);
  });

  test('props built by a class of the caller (not a literal) are read like a literal', () => {
    class Props {
      public readonly image = 'ghcr.io/acme/api:1.0.0';
      public readonly replicas = 3;
    }
    const api = new WebService(chartOf(), 'api', new Props());
    expect(api._model.replicas).toBe(3);
  });

  test('a Map where an object of values is expected is an error (its entries would be lost)', () => {
    expect(() => new WebService(chartOf(), 'api', { image: 'ghcr.io/acme/api:1.0.0', podLabels: new Map([['team', 'a']]) as never })).toThrow(
      /podLabels \{\} \(an instance of Map\) is invalid; allowed: an object of string values/,
    );
  });
});
