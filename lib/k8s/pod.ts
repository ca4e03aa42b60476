import type { k8s } from 'cdk8s-plus-28';
import { intOrString, quantity } from './json';
import { createHash } from 'crypto';
import { renderEnv } from './env';
import { compareStrings } from '../_util';
import { selectorLabels, workloadLabels } from './labels';
import { AppSettings } from '../model/app-model';
import { CONFIG_CHECKSUM_ANNOTATION, CONFIG_VOLUME, configMapName, isJob, writableVolumeName } from '../model/naming';
import { HealthSpec, healthOf, hasTopologySpread, volumesOf, WorkloadModel } from '../model/workload';

/**
 * The pod template of a workload: one container with the Pod Security "restricted"
 * context, writable emptyDirs on a read-only root, probes from the health check, and a
 * spread over nodes and zones when the workload runs more than one pod.
 */
export function renderPodTemplate(m: WorkloadModel, s: AppSettings): k8s.PodTemplateSpec {
  const sec = m.security;
  const writable = sec.writablePaths.map((path) => ({ name: writableVolumeName(path), path }));
  const container: k8s.Container = {
    name: m.name,
    image: m.image,
    imagePullPolicy: m.imagePullPolicy,
    command: m.command,
    args: m.args,
    env: m.env.size > 0 ? renderEnv(m.env) : undefined,
    ports: m.ports.length > 0 ? m.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })) : undefined,
    resources: {
      requests: { cpu: quantity(m.resources.cpuRequest.toKubernetes()), memory: quantity(m.resources.memoryRequest.toKubernetes()) },
      limits: { cpu: quantity(m.resources.cpuLimit.toKubernetes()), memory: quantity(m.resources.memoryLimit.toKubernetes()) },
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
    ...renderProbes(healthOf(m)),
    volumeMounts: [
      ...writable.map((w) => ({ name: w.name, mountPath: w.path })),
      ...volumesOf(m).map((v) => ({ name: v.name, mountPath: v.mountPath })),
      ...m.configFiles.map((f) => ({ name: CONFIG_VOLUME, mountPath: f.path, subPath: f.key, readOnly: true })),
    ].sort((a, b) => compareStrings(a.mountPath, b.mountPath)),
  };
  const files = m.configFiles;
  return {
    metadata: {
      labels: workloadLabels(m, s),
      // Pods do not restart when a ConfigMap changes; a checksum of it on the template does.
      annotations: files.length > 0 ? { [CONFIG_CHECKSUM_ANNOTATION]: configChecksum(m) } : undefined,
    },
    spec: {
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      restartPolicy: isJob(m.kind) ? 'Never' : undefined,
      securityContext: {
        fsGroup: sec.runAsGroup,
        runAsNonRoot: sec.runAsNonRoot,
        runAsUser: sec.runAsUser,
        runAsGroup: sec.runAsGroup,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [container],
      topologySpreadConstraints: hasTopologySpread(m) ? spread(m, s) : undefined,
      volumes: [
        ...writable.map((w) => ({ name: w.name, emptyDir: {} })),
        ...(files.length > 0 ? [{ name: CONFIG_VOLUME, configMap: { name: configMapName(m.name) } }] : []),
      ],
    },
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
    readinessProbe: { ...base, initialDelaySeconds: hasStartup ? undefined : delay, failureThreshold: h.failureThreshold, successThreshold: 1 },
    livenessProbe: l
      ? {
          ...action,
          initialDelaySeconds: hasStartup ? undefined : delay,
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
