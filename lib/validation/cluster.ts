import { isManagedObject, NAMESPACE_NAME_LABEL } from '../shared/naming/labels';

/**
 * Objects a real cluster provides that the output only refers to: the Secrets declared as
 * external (created by the user or a secrets operator; the output never holds values) and
 * the cluster DNS pods every NetworkPolicy allows, and the pods of other namespaces that
 * NetworkPolicies admit by labels (Prometheus' pods, `monitoring.podLabels`). Given to the
 * reference checker so that it tells a declared external reference from a broken one.
 *
 * @param objects the synthesized objects
 * @param declaredSecrets names of the Secrets declared as external; a reference to any other
 *   Secret that the output does not create stays a finding
 * @default declaredSecrets - every Secret the objects managed by cdk8s-compose refer to
 */
export function clusterProvidedObjects(objects: any[], declaredSecrets?: string[]): any[] {
  const secrets = referencedSecrets(objects, declaredSecrets);
  // One restricted security context, shared by every pod made here.
  const restricted = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 65532,
    runAsGroup: 65532,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  const peerPods = peersOutside(objects).map((peer, i) => providedPod(`peer-${i}`, peer.namespace, peer.labels, PAUSE_IMAGE, restricted));
  return [
    ...[...secrets].sort().map((key) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { namespace: key.split('/')[0], name: key.split('/')[1] },
    })),
    providedPod('coredns', 'kube-system', { 'k8s-app': 'kube-dns' }, 'registry.k8s.io/coredns/coredns:v1.11.1', restricted),
    ...peerPods,
  ];
}

const PAUSE_IMAGE = 'registry.k8s.io/pause:3.9';

/** `<namespace>/<name>` of each Secret the objects refer to (of the managed objects, or the declared ones). */
function referencedSecrets(objects: any[], declaredSecrets: string[] | undefined): Set<string> {
  const secrets = new Set<string>();
  const visit = (node: any, namespace: string) => {
    if (Array.isArray(node)) {
      node.forEach((n) => visit(n, namespace));
    } else if (node && typeof node === 'object') {
      if (node.secretKeyRef?.name) {
        secrets.add(`${namespace}/${node.secretKeyRef.name}`);
      }
      if (typeof node.secretName === 'string') {
        secrets.add(`${namespace}/${node.secretName}`);
      }
      Object.values(node).forEach((v) => visit(v, namespace));
    }
  };
  objects.filter((o) => declaredSecrets !== undefined || isManagedObject(o)).forEach((o) => visit(o, o?.metadata?.namespace ?? 'default'));
  if (declaredSecrets !== undefined) {
    for (const key of [...secrets]) {
      if (!declaredSecrets.includes(key.split('/')[1])) {
        secrets.delete(key);
      }
    }
  }
  return secrets;
}

/** Pods of namespaces outside the output that managed NetworkPolicies admit by labels, in key order. */
function peersOutside(objects: any[]): Array<{ namespace: string; labels: Record<string, string> }> {
  const inOutput = new Set(objects.map((o) => o?.metadata?.namespace));
  const peers = new Map<string, { namespace: string; labels: Record<string, string> }>();
  for (const policy of objects.filter((o) => o?.kind === 'NetworkPolicy' && isManagedObject(o))) {
    for (const peer of (policy.spec?.ingress ?? []).flatMap((r: any) => r?.from ?? [])) {
      const namespace = peer?.namespaceSelector?.matchLabels?.[NAMESPACE_NAME_LABEL];
      const labels = peer?.podSelector?.matchLabels;
      if (typeof namespace === 'string' && labels && !inOutput.has(namespace)) {
        peers.set(`${namespace}/${JSON.stringify(labels)}`, { namespace, labels });
      }
    }
  }
  return [...peers.keys()].sort().map((key) => peers.get(key)!);
}

/** A pod the cluster runs, as the output checks accept it: one restricted container of `image`. */
function providedPod(name: string, namespace: string, labels: Record<string, string>, image: string, restricted: object) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name,
          image,
          imagePullPolicy: 'IfNotPresent',
          securityContext: restricted,
          resources: { requests: { cpu: '100m', memory: '70Mi' }, limits: { cpu: '100m', memory: '170Mi' } },
        },
      ],
    },
  };
}
