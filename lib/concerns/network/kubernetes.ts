import type { k8s } from 'cdk8s-plus-28';
import { intOrString } from '../../render/kubernetes/json';
import { selectorLabels } from '../../render/kubernetes/labels';
import type { AppModel, IngressPeerSpec } from '../../model/app-model';
import { NAMESPACE_NAME_LABEL } from '../../shared/naming/labels';
import type { WorkloadModel } from '../../model/workload';
import { metricsOf, sortedDependencies } from '../../model/workload';

/**
 * A default-deny policy for one workload with allow rules derived from the connection
 * graph: ingress from the workloads that connect to it (on its ports only), from the chart's
 * ingress peers when it has an Ingress, from anywhere when its Service is a NodePort or
 * LoadBalancer, from the monitoring namespace on the metrics port; egress to what it connects
 * to, to DNS always, to the destinations it lists, and to the public internet only when the
 * workload asks for it.
 */
export function renderNetworkPolicy(m: WorkloadModel, app: AppModel): k8s.NetworkPolicySpec {
  const s = app.settings;
  const ingress: k8s.NetworkPolicyIngressRule[] = [];
  const clients = app.dependantsOf(m).filter((c) => c.dependencies.some((d) => d.target === m && d.ports.length > 0));
  if (clients.length > 0 && m.ports.length > 0) {
    ingress.push({
      from: clients.map((c) => ({ podSelector: { matchLabels: selectorLabels(c, s) } })),
      ports: tcpPorts(m.ports.map((p) => p.port)),
    });
  }
  // A NodePort or LoadBalancer Service is there to be reached from outside the cluster
  // (nodes, load balancers, clients): its pods admit any source on the Service's ports.
  if (m.kind === 'web' && m.serviceType !== 'ClusterIP') {
    ingress.push({ ports: tcpPorts(m.ports.map((p) => p.port)) });
  }
  if (m.kind === 'web' && m.ingress) {
    // One rule for the port the Ingress targets; a peer that admits any source drops `from`.
    const peers = s.ingressPeers.filter((p) => p.kind !== 'anywhere');
    const anywhere = peers.length < s.ingressPeers.length;
    ingress.push({ from: anywhere ? undefined : peers.map(ingressPeer), ports: tcpPorts([m.ports[0].port]) });
  }

  // Prometheus, from its namespace (and pods, when the chart names them), on the metrics port only.
  const metrics = metricsOf(m);
  if (metrics) {
    const { namespace, podLabels } = s.monitoring;
    ingress.push({
      from: [
        {
          namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
          podSelector: Object.keys(podLabels).length > 0 ? { matchLabels: { ...podLabels } } : undefined,
        },
      ],
      ports: tcpPorts([metrics.port.port]),
    });
  }

  const egress: k8s.NetworkPolicyEgressRule[] = [
    {
      to: [
        {
          namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: dnsPorts(),
    },
  ];
  const targets = sortedDependencies(m).filter((d) => d.ports.length > 0);
  for (const d of targets) {
    egress.push({
      to: [{ podSelector: { matchLabels: selectorLabels(d.target, s) } }],
      ports: tcpPorts(d.ports.map((p) => p.port)),
    });
  }
  if (s.nodeLocalDns !== undefined) {
    egress.push({ to: s.nodeLocalDns.map((address) => ({ ipBlock: { cidr: hostCidr(address) } })), ports: dnsPorts() });
  }
  // The API server, for workloads that call it with their grants.
  const apiServer = (m.pod.serviceAccount?.rules.length ?? 0) > 0 ? (s.apiServer ?? []) : [];
  for (const rule of [...m.egressTo, ...apiServer]) {
    egress.push({
      to: [{ ipBlock: { cidr: rule.cidr, except: rule.except.length > 0 ? rule.except : undefined } }],
      ports: rule.ports.length > 0 ? tcpPorts(rule.ports) : undefined,
    });
  }
  if (m.allowExternalEgress) {
    egress.push({ to: PUBLIC_INTERNET.map(([cidr, except]) => ({ ipBlock: { cidr, except } })) });
  }

  return {
    podSelector: { matchLabels: selectorLabels(m, s) },
    policyTypes: ['Ingress', 'Egress'],
    ingress: ingress.length > 0 ? ingress : undefined,
    egress,
  };
}

/**
 * "The internet" of `allowExternalEgress`: every address but the private ranges the cluster
 * and its VPC live in (RFC 1918; IPv6 unique local fc00::/7) and the link-local ranges
 * (169.254.0.0/16, fe80::/10), which hold the cloud metadata endpoints (169.254.169.254 on
 * AWS, GCP and Azure; fd00:ec2::254 on AWS, inside fc00::/7): a pod that reads them can take
 * the node's cloud credentials.
 */
const PUBLIC_INTERNET: Array<[string, string[]]> = [
  ['0.0.0.0/0', ['10.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16']],
  ['::/0', ['fc00::/7', 'fe80::/10']],
];

/** A peer of the Ingress rule (an `anywhere` peer drops the rule's `from` instead). */
function ingressPeer(p: Exclude<IngressPeerSpec, { kind: 'anywhere' }>): k8s.NetworkPolicyPeer {
  if (p.kind === 'cidr') {
    return { ipBlock: { cidr: p.cidr, except: p.except.length > 0 ? p.except : undefined } };
  }
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: p.namespace } },
    podSelector: Object.keys(p.podLabels).length > 0 ? { matchLabels: p.podLabels } : undefined,
  };
}

function hostCidr(address: string): string {
  return address.includes(':') ? `${address}/128` : `${address}/32`;
}

function dnsPorts(): k8s.NetworkPolicyPort[] {
  return [
    { port: intOrString(53), protocol: 'UDP' },
    { port: intOrString(53), protocol: 'TCP' },
  ];
}

function tcpPorts(ports: number[]): k8s.NetworkPolicyPort[] {
  return [...new Set(ports)].sort((a, b) => a - b).map((port) => ({ port: intOrString(port), protocol: 'TCP' }));
}
