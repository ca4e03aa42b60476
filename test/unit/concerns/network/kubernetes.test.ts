import { find, synthChart } from '../../../support/synth';
import { AppChart, AppChartProps, Grant, IngressPeer, WebService, Worker } from '../../../../lib';

function chartWith(
  props: AppChartProps,
  build: (c: AppChart) => void = (c) => new WebService(c, 'Api', { name: 'api', image: 'a:1', ingress: { host: 'shop.example.com' } }),
) {
  const { objects } = synthChart((app) => {
    const c = new AppChart(app, 'shop', props);
    build(c);
    return c;
  });
  return objects;
}

const onHttp = [{ port: 8080, protocol: 'TCP' }];

describe('who may reach a service with an Ingress (ingressFrom)', () => {
  test('by default, any pod of the ingress-nginx namespace, on the port the Ingress targets', () => {
    expect(find(chartWith({}), 'NetworkPolicy', 'api').spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: onHttp },
    ]);
  });

  test('a controller namespace narrowed to its pods (Traefik in kube-system)', () => {
    const objects = chartWith({ ingressFrom: [IngressPeer.namespace('kube-system', { podLabels: { 'app.kubernetes.io/name': 'traefik' } })] });
    expect(find(objects, 'NetworkPolicy', 'api').spec.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } },
          },
        ],
        ports: onHttp,
      },
    ]);
  });

  test("GKE's load balancer and health-check ranges, plus a VPC CIDR with an exception (ALB in IP mode)", () => {
    const objects = chartWith({
      ingressFrom: [...IngressPeer.googleCloudLoadBalancers(), IngressPeer.cidr('10.0.0.0/16', { except: ['10.0.99.0/24'] })],
    });
    expect(find(objects, 'NetworkPolicy', 'api').spec.ingress).toEqual([
      {
        from: [{ ipBlock: { cidr: '35.191.0.0/16' } }, { ipBlock: { cidr: '130.211.0.0/22' } }, { ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.99.0/24'] } }],
        ports: onHttp,
      },
    ]);
  });

  test('anywhere drops the `from` of the rule: any source, still only on the Ingress port', () => {
    const objects = chartWith({ ingressFrom: [IngressPeer.namespace('ingress-nginx'), IngressPeer.anywhere()] });
    expect(find(objects, 'NetworkPolicy', 'api').spec.ingress).toEqual([{ ports: onHttp }]);
  });

  test('an IngressPeer from another copy of the package is recognized by its brand; a look-alike object is not', () => {
    const otherCopy = { peer: { kind: 'cidr', cidr: '10.0.0.0/16' } };
    Object.defineProperty(otherCopy, Symbol.for('cdk8s-compose.IngressPeer'), { value: true });
    expect(find(chartWith({ ingressFrom: [otherCopy as any] }), 'NetworkPolicy', 'api').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.0.0.0/16' } }]);
    expect(() => chartWith({ ingressFrom: [{ peer: { kind: 'anywhere' } } as any] })).toThrow(
      /ingressFrom\[0\] .* \(a plain object\) is invalid; allowed: an IngressPeer \(IngressPeer.namespace/,
    );
  });

  test('ingressControllerNamespace is the shorthand for one namespace peer', () => {
    const objects = chartWith({ ingressControllerNamespace: 'haproxy' });
    expect(find(objects, 'NetworkPolicy', 'api').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'haproxy' } } },
    ]);
  });

  test('IPv6 CIDRs are read in every RFC 4291 form; a set host bit names the network meant', () => {
    const objects = chartWith({ ingressFrom: [IngressPeer.cidr('2001:db8::/32'), IngressPeer.cidr('fd00:0:0:0:0:0:0:0/8')] });
    expect(find(objects, 'NetworkPolicy', 'api').spec.ingress[0].from).toEqual([
      { ipBlock: { cidr: '2001:db8::/32' } },
      { ipBlock: { cidr: 'fd00:0:0:0:0:0:0:0/8' } },
    ]);
    expect(() => chartWith({ ingressFrom: [IngressPeer.cidr('2001:db8::1/32')] })).toThrow(/did you mean '2001:db8::\/32'\?/);
  });
});

describe('egress beyond the connection graph', () => {
  test("a workload with RBAC grants reaches the chart's apiServer; without one, a warning says its calls are blocked", () => {
    const withGrants = (c: AppChart) => new Worker(c, 'W', { name: 'w', image: 'a:1', serviceAccount: { grants: [Grant.read(['configmaps'])] } });
    const { objects } = synthChart((app) => {
      const c = new AppChart(app, 'shop', { apiServer: [{ cidr: '10.0.0.0/28', ports: [443] }] });
      withGrants(c);
      new Worker(c, 'Plain', { name: 'plain', image: 'a:1' });
      return c;
    });
    expect(find(objects, 'NetworkPolicy', 'w').spec.egress).toContainEqual({
      to: [{ ipBlock: { cidr: '10.0.0.0/28' } }],
      ports: [{ port: 443, protocol: 'TCP' }],
    });
    expect(JSON.stringify(find(objects, 'NetworkPolicy', 'plain').spec.egress)).not.toContain('10.0.0.0/28');
    const unset = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      withGrants(c);
      return c;
    });
    expect(unset.chart.warnings).toEqual([
      expect.stringMatching(
        /^shop\/W: serviceAccount.grants are set but the NetworkPolicy's default-deny egress blocks the Kubernetes API server; set the chart's apiServer/,
      ),
    ]);
  });

  test('allowEgressTo opens private destinations (a proxy, a VPC endpoint subnet) on their ports only', () => {
    const objects = chartWith({}, (c) => {
      new Worker(c, 'W', {
        name: 'w',
        image: 'a:1',
        allowEgressTo: [
          { cidr: '10.0.5.10/32', ports: [3128, 3128, 443] },
          { cidr: '10.0.64.0/20', except: ['10.0.64.0/24'] },
        ],
      });
    });
    expect(find(objects, 'NetworkPolicy', 'w').spec.egress.slice(1)).toEqual([
      {
        to: [{ ipBlock: { cidr: '10.0.5.10/32' } }],
        ports: [
          { port: 443, protocol: 'TCP' },
          { port: 3128, protocol: 'TCP' },
        ],
      },
      { to: [{ ipBlock: { cidr: '10.0.64.0/20', except: ['10.0.64.0/24'] } }] },
    ]);
  });

  test('nodeLocalDns allows DNS to NodeLocal DNSCache (its link-local address and the intercepted kube-dns IP) besides kube-dns', () => {
    const objects = chartWith({ nodeLocalDns: ['169.254.20.10', '10.96.0.10'] }, (c) => new Worker(c, 'W', { name: 'w', image: 'a:1' }));
    const egress = find(objects, 'NetworkPolicy', 'w').spec.egress;
    expect(egress[0].to[0].podSelector).toEqual({ matchLabels: { 'k8s-app': 'kube-dns' } });
    expect(egress[1]).toEqual({
      to: [{ ipBlock: { cidr: '10.96.0.10/32' } }, { ipBlock: { cidr: '169.254.20.10/32' } }],
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    });
  });
});
