/**
 * Objects a real cluster provides and our output only refers to: the Secrets the user
 * declared as existing (credentials are never generated with values) and the cluster
 * DNS pods that every NetworkPolicy allows. Added to the input of the reference checker
 * so it can tell a declared external reference from a broken one.
 */
export function clusterProvided(objects: any[]): any[] {
  const secrets = new Map<string, string>();
  const visit = (node: any, namespace: string) => {
    if (Array.isArray(node)) {
      node.forEach((n) => visit(n, namespace));
    } else if (node && typeof node === 'object') {
      if (node.secretKeyRef?.name) {
        secrets.set(`${namespace}/${node.secretKeyRef.name}`, namespace);
      }
      if (typeof node.secretName === 'string') {
        secrets.set(`${namespace}/${node.secretName}`, namespace);
      }
      Object.values(node).forEach((v) => visit(v, namespace));
    }
  };
  objects.forEach((o) => visit(o, o.metadata?.namespace ?? 'default'));
  const restricted = {
    allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true,
    runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' },
  };
  return [
    ...[...secrets.keys()].sort().map((key) => ({
      apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
      metadata: { name: key.split('/')[1], namespace: secrets.get(key) },
    })),
    {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{
          name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.1', imagePullPolicy: 'IfNotPresent', securityContext: restricted,
          resources: { requests: { cpu: '100m', memory: '70Mi' }, limits: { cpu: '100m', memory: '170Mi' } },
        }],
      },
    },
  ];
}
