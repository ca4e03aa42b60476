import type { Finding } from './finding';
import { Check } from './finding';
import type { IntendedDifference, KubernetesWorkload, ParityOptions, ParityPair } from './parity-pair';
import { DEV_OVERRIDES_LABEL, LABEL } from '../shared/naming/labels';
import { extraServiceName, isWaitContainer } from '../shared/naming/objects';
import { show } from '../shared/parse/show';
import { BUILD_DIFFERENCES } from '../concerns/build/parity';
import { imageParity, resourcesParity, securityParity } from '../concerns/container/parity';
import { ENV_DIFFERENCES, envParity } from '../concerns/env/parity';
import { HEALTH_DIFFERENCES, healthParity } from '../concerns/health/parity';
import { JOBS_DIFFERENCES, restartParity } from '../concerns/jobs/parity';
import { isObservabilityService, OBSERVABILITY_DIFFERENCES } from '../concerns/observability/parity';
import { POD_DIFFERENCES, podParity } from '../concerns/pod/parity';
import { exposeParity, PORTS_DIFFERENCES, publishedParity, servicePortMap } from '../concerns/ports/parity';
import { dependsOnParity, ROLLOUT_DIFFERENCES } from '../concerns/rollout/parity';
import { replicasParity, SCALING_DIFFERENCES } from '../concerns/scaling/parity';
import { storageParity } from '../concerns/storage/parity';

export type { IntendedDifference, ParityOptions } from './parity-pair';

/**
 * Differences between the targets that are intended: each concern lists its own (its
 * `parity.ts`), the whole output's are here. The parity checker does not report them;
 * docs/reference/capabilities.md explains each.
 */
export const INTENDED_DIFFERENCES: ReadonlyArray<IntendedDifference> = [
  {
    feature: 'Namespace, NetworkPolicy, PodDisruptionBudget, HorizontalPodAutoscaler, Ingress, ExternalSecret, SealedSecret objects',
    why: 'Compose has no equivalent; databases get a network of their own instead of NetworkPolicies',
  },
  ...PORTS_DIFFERENCES,
  ...HEALTH_DIFFERENCES,
  ...ENV_DIFFERENCES,
  ...POD_DIFFERENCES,
  ...SCALING_DIFFERENCES,
  ...BUILD_DIFFERENCES,
  ...JOBS_DIFFERENCES,
  ...ROLLOUT_DIFFERENCES,
  ...OBSERVABILITY_DIFFERENCES,
];

/**
 * Compares the Kubernetes output with the Compose output of the same chart and reports
 * every difference outside INTENDED_DIFFERENCES: services, images, ports, environment
 * (values equal, or references to the same secret), dependencies, health checks and
 * their timing, replicas, volumes and mount paths, command and args, security context
 * and resources. Each aspect is its concern's rule (`lib/concerns/<concern>/parity.ts`).
 */
export function checkParity(objects: any[], compose: any, options: ParityOptions = {}): Finding[] {
  const out: Finding[] = [];
  const diff = (service: string, aspect: string, kubernetes: unknown, composeValue: unknown) =>
    out.push({
      check: Check.PARITY,
      object: `services.${service}`,
      path: aspect,
      message: `Kubernetes has ${shown(kubernetes)}, Compose has ${shown(composeValue)}`,
    });
  const workloads = kubernetesWorkloads(objects);
  const services: Record<string, any> = compose?.services ?? {};
  const names = [...new Set([...workloads.keys(), ...Object.keys(services)])].sort();
  const portMap = servicePortMap(objects, (name) => workloads.get(name)?.container);
  for (const name of names) {
    const w = workloads.get(name);
    const s = services[name];
    if (!w && isObservabilityService(name, s)) {
      continue;
    }
    if (!w || !s) {
      diff(name, 'service', w ? `${w.kind}/${name}` : 'no workload', s ? 'a service' : 'no service');
      continue;
    }
    comparePair(pairOf(name, w, s, options, diff), portMap);
  }
  if (objects.some((o) => o.kind === 'NetworkPolicy')) {
    dependsOnParity(objects, services, workloads, names, diff);
  }
  return out;
}

/** Every concern's rule on one service, in the order the findings are reported. */
function comparePair(p: ParityPair, portMap: Array<[string, number, number]>): void {
  imageParity(p);
  replicasParity(p);
  if (!p.kubernetes.owner) {
    exposeParity(p);
  }
  podParity(p);
  publishedParity(p);
  envParity(p, portMap);
  securityParity(p);
  resourcesParity(p);
  storageParity(p);
  restartParity(p);
  healthParity(p);
}

function pairOf(
  name: string,
  w: KubernetesWorkload,
  s: any,
  options: ParityOptions,
  diff: (service: string, aspect: string, kubernetes: unknown, compose: unknown) => void,
): ParityPair {
  // What local development overrides or adds, as the Compose file labels it: not compared.
  const devOnly = new Set(
    String(s.labels?.[DEV_OVERRIDES_LABEL] ?? '')
      .split(',')
      .filter((x) => x !== ''),
  );
  return {
    name,
    kubernetes: w,
    compose: s,
    devOnly,
    options,
    diff: (aspect, k, v) => diff(name, aspect, k, v),
    eq: (aspect, k, v) => {
      if (devOnly.has(aspect)) {
        return;
      }
      // A value that does not parse (NaN) is never equal to anything, not even another NaN.
      if (Number.isNaN(k) || Number.isNaN(v) || JSON.stringify(k) !== JSON.stringify(v)) {
        diff(name, aspect, k, v);
      }
    },
  };
}

function kubernetesWorkloads(objects: any[]): Map<string, KubernetesWorkload> {
  const hpaMin = new Map(objects.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => [o.spec?.scaleTargetRef?.name, o.spec?.minReplicas ?? 1]));
  const out = new Map<string, KubernetesWorkload>();
  for (const o of objects) {
    const pod =
      o.kind === 'CronJob'
        ? o.spec?.jobTemplate?.spec?.template?.spec
        : ['Deployment', 'StatefulSet', 'Job'].includes(o.kind)
          ? o.spec?.template?.spec
          : undefined;
    if (!pod) {
      continue;
    }
    const replicas = o.kind === 'Job' || o.kind === 'CronJob' ? 1 : (o.spec.replicas ?? hpaMin.get(o.metadata.name) ?? 1);
    const name = serviceNameOf(o);
    out.set(name, {
      name,
      kind: o.kind,
      replicas,
      pod,
      container: pod.containers?.[0] ?? {},
      claims: (o.spec.volumeClaimTemplates ?? []).map((t: any) => t.metadata?.name),
    });
    // Init containers and sidecars are Compose services of their own, `<workload>-<container>`.
    const extras: Array<[string, any[]]> = [
      // The library's wait-for containers have no Compose service: depends_on waits there.
      ['InitContainer', (pod.initContainers ?? []).filter((c: any) => !isWaitContainer(c.name))],
      ['Sidecar', (pod.containers ?? []).slice(1)],
    ];
    for (const [kind, containers] of extras) {
      for (const container of containers) {
        const extra = extraServiceName(name, container.name);
        out.set(extra, { name: extra, kind, replicas: 1, pod, container, claims: [], owner: name });
      }
    }
  }
  return out;
}

/**
 * The Compose service of a workload object: its name, but a Job's name carries a hash of its
 * template (`jobName`), so a Job is its `app.kubernetes.io/name` label (its name when it has none).
 */
function serviceNameOf(o: any): string {
  const label = o.metadata?.labels?.[LABEL.NAME];
  return o.kind === 'Job' && typeof label === 'string' ? label : o.metadata.name;
}

/** A value as a parity finding shows it: a field one target lacks shows as `nothing`. */
function shown(v: unknown): string {
  return v === undefined ? 'nothing' : show(v);
}
