import type { k8s } from 'cdk8s-plus-28';
import { intOrString } from './json';
import { selectorLabels } from './labels';
import { AppModel } from '../model/app-model';
import { NAMESPACE_NAME_LABEL } from '../model/naming';
import { metricsOf, sortedDependencies, WorkloadModel } from '../model/workload';

/**
 * A default-deny policy for one workload with allow rules derived from the connection
 * graph: ingress from the workloads that connect to it (on its ports only), from the
 * ingress controller when it has an Ingress, from anywhere when its Service is a NodePort or
 * LoadBalancer, from the monitoring namespace on the metrics port; egress to what it connects to, to DNS
 * always, and to outside the cluster only when the workload asks for it.
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
    ingress.push({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': s.ingressControllerNamespace } } }],
      ports: tcpPorts([m.ports[0].port]),
    });
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
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { port: intOrString(53), protocol: 'UDP' },
        { port: intOrString(53), protocol: 'TCP' },
      ],
    },
  ];
  const targets = sortedDependencies(m).filter((d) => d.ports.length > 0);
  for (const d of targets) {
    egress.push({
      to: [{ podSelector: { matchLabels: selectorLabels(d.target, s) } }],
      ports: tcpPorts(d.ports.map((p) => p.port)),
    });
  }
  if (m.allowExternalEgress) {
    // Anywhere outside the private ranges the cluster network usually lives in.
    egress.push({ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }] });
  }

  return {
    podSelector: { matchLabels: selectorLabels(m, s) },
    policyTypes: ['Ingress', 'Egress'],
    ingress: ingress.length > 0 ? ingress : undefined,
    egress,
  };
}

function tcpPorts(ports: number[]): k8s.NetworkPolicyPort[] {
  return [...new Set(ports)].sort((a, b) => a - b).map((port) => ({ port: intOrString(port), protocol: 'TCP' }));
}
