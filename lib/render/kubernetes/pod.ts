import type { k8s } from 'cdk8s-plus-28';
import { intOrString, quantity } from './json';
import { createHash } from 'crypto';
import { renderEnv } from '../../concerns/env/kubernetes';
import { compareStrings } from '../../shared/util';
import { selectorLabels, versionLabel, workloadLabels } from './labels';
import { scrapeAnnotations } from '../../concerns/observability/kubernetes';
import { AppSettings } from '../../model/app-model';
import { isJob } from '../../shared/naming/kinds';
import {
  CONFIG_CHECKSUM_ANNOTATION,
  CONFIG_VOLUME,
  configMapName,
  extraWritableVolumeName,
  secretVolumeName,
  SHARED_MEMORY_PATH,
  SHARED_MEMORY_VOLUME,
  waitContainerName,
  writableVolumeName,
} from '../../shared/naming/objects';
import { ContainerSpec, HealthSpec, healthOf, hasTopologySpread, NodeExpressionSpec, sortedDependencies, volumesOf, WorkloadModel } from '../../model/workload';

/**
 * The pod template of a workload: the main container (and any sidecars and init
 * containers) with the Pod Security context the model asks for, writable emptyDirs on a
 * read-only root, probes from the health check, pod settings, and a spread over nodes and
 * zones when the workload runs more than one pod.
 */
export function renderPodTemplate(m: WorkloadModel, s: AppSettings): k8s.PodTemplateSpec {
  const sec = m.security;
  const pod = m.pod;
  const writable = sec.writablePaths.map((path) => ({ name: writableVolumeName(path), path }));
  const shm = m.kind === 'database' ? m.sharedMemory : undefined;
  const container: k8s.Container = {
    ...renderContainer({
      name: m.name,
      image: m.image,
      imagePullPolicy: m.imagePullPolicy,
      command: m.command,
      args: m.args,
      env: m.env,
      ports: m.ports,
      resources: m.resources,
      security: sec,
    }),
    ...renderProbes(healthOf(m)),
    volumeMounts: [
      ...writable.map((w) => ({ name: w.name, mountPath: w.path })),
      ...(shm ? [{ name: SHARED_MEMORY_VOLUME, mountPath: SHARED_MEMORY_PATH }] : []),
      ...volumesOf(m).map((v) => ({ name: v.name, mountPath: v.mountPath })),
      ...m.configFiles.map((f) => ({ name: CONFIG_VOLUME, mountPath: f.path, subPath: f.key, readOnly: true })),
      ...m.secretFiles.map((f) => ({ name: secretVolumeName(f.secretName), mountPath: f.path, subPath: f.key, readOnly: true })),
    ].sort((a, b) => compareStrings(a.mountPath, b.mountPath)),
  };
  const extra = (c: ContainerSpec): k8s.Container => ({
    ...renderContainer(c),
    volumeMounts: c.security.writablePaths.map((path) => ({ name: extraWritableVolumeName(c.name, path), mountPath: path })),
  });
  const extraVolumes = [...pod.initContainers, ...pod.sidecars].flatMap((c) =>
    c.security.writablePaths.map((path) => ({ name: extraWritableVolumeName(c.name, path), emptyDir: {} })),
  );
  const files = m.configFiles;
  const annotations = {
    ...pod.annotations,
    ...scrapeAnnotations(m, s),
    ...(files.length > 0 ? { [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(m) } : {}),
  };
  const sa = pod.serviceAccount;
  return {
    metadata: {
      labels: { ...pod.labels, ...workloadLabels(m, s), ...versionLabel(m.image) },
      // Pods do not restart when a ConfigMap changes; a checksum of it on the template does.
      annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
    },
    spec: {
      serviceAccountName: sa?.name,
      automountServiceAccountToken: sa?.mountToken ?? false,
      enableServiceLinks: false,
      restartPolicy: isJob(m.kind) ? 'Never' : undefined,
      terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds,
      securityContext: {
        fsGroup: sec.runAsGroup,
        // A database volume is chowned once, not walked on every start (slow on large volumes).
        fsGroupChangePolicy: m.kind === 'database' ? 'OnRootMismatch' : undefined,
        runAsNonRoot: sec.runAsNonRoot,
        runAsUser: sec.runAsUser,
        runAsGroup: sec.runAsGroup,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      initContainers: orUndefined([...waitContainers(m), ...pod.initContainers.map(extra)]),
      containers: [container, ...pod.sidecars.map(extra)],
      nodeSelector: Object.keys(pod.nodeSelector).length > 0 ? pod.nodeSelector : undefined,
      tolerations:
        pod.tolerations.length > 0 ? pod.tolerations.map((t) => ({ key: t.key, operator: t.operator, value: t.value, effect: t.effect })) : undefined,
      affinity: pod.nodeAffinity ? { nodeAffinity: renderNodeAffinity(pod.nodeAffinity) } : undefined,
      topologySpreadConstraints: hasTopologySpread(m) ? spread(m, s) : undefined,
      volumes: [
        ...writable.map((w) => ({ name: w.name, emptyDir: {} })),
        // Counts against the container's memory limit, like the runtime's own /dev/shm.
        ...(shm ? [{ name: SHARED_MEMORY_VOLUME, emptyDir: { medium: 'Memory', sizeLimit: quantity(shm.toKubernetes()) } }] : []),
        ...(files.length > 0 ? [{ name: CONFIG_VOLUME, configMap: { name: configMapName(m.name) } }] : []),
        ...[...new Set(m.secretFiles.map((f) => f.secretName))].sort().map((secretName) => ({ name: secretVolumeName(secretName), secret: { secretName } })),
        ...extraVolumes,
      ],
    },
  };
}

/**
 * One init container per network dependency, in dependency order, that loops until the
 * target's Service accepts TCP connections: the Kubernetes counterpart of Compose's
 * depends_on, so that a plain `kubectl apply` converges without crash loops.
 */
function waitContainers(m: WorkloadModel): k8s.Container[] {
  const wait = m.pod.waitFor;
  if (!wait) {
    return [];
  }
  return sortedDependencies(m)
    .filter((d) => d.ports.length > 0)
    .map((d) => {
      const target = `${d.target.name} ${d.ports[0].servicePort}`;
      return renderContainer({
        ...wait,
        name: waitContainerName(d.target.name),
        command: ['sh', '-c', `until nc -z -w 2 ${target}; do echo "waiting for ${target}"; sleep 2; done`],
      });
    });
}

function orUndefined<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** One container: image, command, environment, ports, resources and security context. */
function renderContainer(c: ContainerSpec): k8s.Container {
  const sec = c.security;
  return {
    name: c.name,
    image: c.image,
    imagePullPolicy: c.imagePullPolicy,
    command: c.command,
    args: c.args,
    env: c.env.size > 0 ? renderEnv(c.env) : undefined,
    ports: c.ports.length > 0 ? c.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })) : undefined,
    resources: {
      requests: { cpu: quantity(c.resources.cpuRequest.toKubernetes()), memory: quantity(c.resources.memoryRequest.toKubernetes()) },
      limits: { cpu: quantity(c.resources.cpuLimit.toKubernetes()), memory: quantity(c.resources.memoryLimit.toKubernetes()) },
    },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'], add: sec.addCapabilities.length > 0 ? sec.addCapabilities : undefined },
      privileged: false,
      readOnlyRootFilesystem: sec.readOnlyRootFilesystem,
      runAsNonRoot: sec.runAsNonRoot,
      runAsUser: sec.runAsUser,
      runAsGroup: sec.runAsGroup,
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
}

function renderNodeAffinity(a: NonNullable<WorkloadModel['pod']['nodeAffinity']>): k8s.NodeAffinity {
  const expression = (e: NodeExpressionSpec): k8s.NodeSelectorRequirement => ({ key: e.key, operator: e.operator, values: e.values });
  return {
    requiredDuringSchedulingIgnoredDuringExecution:
      a.required.length > 0 ? { nodeSelectorTerms: [{ matchExpressions: a.required.map(expression) }] } : undefined,
    preferredDuringSchedulingIgnoredDuringExecution:
      a.preferred.length > 0 ? a.preferred.map((p) => ({ weight: p.weight, preference: { matchExpressions: [expression(p.expression)] } })) : undefined,
  };
}

/** sha256 of the config files (path, key and content), stable across runs. */
function configChecksum(m: WorkloadModel): string {
  const hash = createHash('sha256');
  for (const f of m.configFiles) {
    hash.update(`${f.path}\0${f.key}\0${f.content}\0`);
  }
  return hash.digest('hex');
}

function spread(m: WorkloadModel, s: AppSettings): k8s.TopologySpreadConstraint[] {
  // ScheduleAnyway: a preference that never blocks scheduling on small or zone-less clusters.
  return ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map((topologyKey) => ({
    labelSelector: { matchLabels: selectorLabels(m, s) },
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
  }));
}

/**
 * One health check, three probes: startup (covers the start period and Compose's retries), readiness (the
 * check itself: traffic waits for it) and liveness (by default the same check, three times
 * as tolerant, so a slow moment does not restart the container). The initial delay goes on
 * the first probe that runs.
 */
function renderProbes(h: HealthSpec | undefined): Pick<k8s.Container, 'startupProbe' | 'readinessProbe' | 'livenessProbe'> {
  if (!h) {
    return {};
  }
  const action = probeAction(h);
  const base = { ...action, periodSeconds: h.intervalSeconds, timeoutSeconds: h.timeoutSeconds };
  const hasStartup = h.startPeriodSeconds > 0;
  const delay = h.initialDelaySeconds > 0 ? h.initialDelaySeconds : undefined;
  const l = h.liveness;
  return {
    startupProbe: hasStartup ? { ...base, initialDelaySeconds: delay, failureThreshold: startupFailureThreshold(h) } : undefined,
    readinessProbe: {
      ...base,
      initialDelaySeconds: hasStartup ? undefined : delay,
      failureThreshold: h.failureThreshold,
      successThreshold: 1,
    },
    livenessProbe: l
      ? {
          ...action,
          initialDelaySeconds: l.initialDelaySeconds ?? (hasStartup ? undefined : delay),
          periodSeconds: l.periodSeconds,
          timeoutSeconds: l.timeoutSeconds,
          failureThreshold: l.failureThreshold,
        }
      : undefined,
  };
}

/**
 * The startup probe's budget: the start period, then as many failures as Compose's `retries`
 * before it calls the container unhealthy. Never less than what Compose tolerates, so
 * Kubernetes does not kill a container (a database still initializing) that Compose would
 * wait for.
 */
function startupFailureThreshold(h: HealthSpec): number {
  return Math.ceil(h.startPeriodSeconds / h.intervalSeconds) + h.failureThreshold;
}

function probeAction(h: HealthSpec): k8s.Probe {
  switch (h.kind) {
    case 'http':
      return {
        httpGet: {
          path: h.path,
          port: intOrString(h.port.name),
          httpHeaders: h.headers.length > 0 ? h.headers.map((x) => ({ name: x.name, value: x.value })) : undefined,
        },
      };
    case 'tcp':
      return { tcpSocket: { port: intOrString(h.port.name) } };
    case 'grpc':
      // The kubelet's gRPC probe takes a port number, not a name.
      return { grpc: { port: h.port.port, service: h.service } };
    case 'command':
      return { exec: { command: h.argv } };
  }
}
