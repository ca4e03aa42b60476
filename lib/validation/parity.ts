import { Check, Finding } from './finding';
import { DEV_OVERRIDES_LABEL, LABEL } from '../shared/naming/labels';
import { extraServiceName, isWaitContainer, SHARED_MEMORY_PATH } from '../shared/naming/objects';
import { GRAFANA_SERVICE, OBSERVABILITY_PROFILE, PROMETHEUS_SERVICE } from '../shared/naming/observability';
import { SECRET_HELPER_SUFFIX, secretVariable } from '../shared/naming/variables';
import { durationSeconds } from '../shared/parse/duration';
import { composeOrKubernetesBytes, cpuCores } from '../shared/parse/quantity';
import { show } from '../shared/parse/show';

/** A difference between the targets that is intended. */
export interface IntendedDifference {
  /** What differs. */
  readonly feature: string;
  /** Why it differs. */
  readonly why: string;
}

/**
 * Differences between the targets that are intended, listed in one place. The parity
 * checker does not report them; README's capability table explains each.
 */
export const INTENDED_DIFFERENCES: ReadonlyArray<IntendedDifference> = [
  {
    feature: 'Namespace, NetworkPolicy, PodDisruptionBudget, HorizontalPodAutoscaler, Ingress, ExternalSecret, SealedSecret objects',
    why: 'Compose has no equivalent; databases get a network of their own instead of NetworkPolicies',
  },
  {
    feature:
      'topology spread, rolling update strategy, automountServiceAccountToken, enableServiceLinks, ServiceAccounts, Roles and RoleBindings (`grants`), node selectors, tolerations, node affinity, pod annotations',
    why: 'scheduling and API-server concerns that do not exist in Compose',
  },
  {
    feature: 'development settings (`dev`: command, args, environment, debugger ports, source mounts)',
    why: 'local development only; the Compose service lists them in its `dev.cdk8s-compose.io/overrides` label, and the parity check skips exactly those',
  },
  {
    feature: 'Compose profiles, named Compose networks and builds from source (`profiles`, `networks`, `build`)',
    why: 'local development only: Kubernetes runs every workload, isolates them with NetworkPolicies and pulls the registry image',
  },
  { feature: 'published host ports (`publish`, `publishAddress`)', why: 'local development only; Kubernetes exposes services through Services and Ingress' },
  {
    feature: 'Service ports, Service types, node ports and `appProtocol`',
    why: 'Compose has no Services: its clients connect to container ports, and the connection outputs carry each target its own port',
  },
  { feature: 'autoscaling bounds', why: 'Compose runs minReplicas' },
  {
    feature: 'replicas of sidecars',
    why: 'a Compose sidecar shares the network of one container of its main service (`network_mode: service:<main>`), so it runs once',
  },
  {
    feature: 'startup and liveness probes',
    why: 'the one health check renders as three probes; the readiness probe is the one compared with the Compose healthcheck',
  },
  {
    feature: 'helper variables `<SECRET>_<KEY>_SECRET`',
    why: 'Kubernetes expands `$(VAR)` only for variables defined earlier, so a composed value needs its secret as a variable of its own',
  },
  { feature: 'schedule of a scheduled job', why: 'Compose has no scheduler: the job is a one-shot service under the `scheduled` profile' },
  {
    feature: 'wait-for init containers (`waitForConnections`)',
    why: 'Kubernetes has no start order: they wait until each dependency accepts connections, which Compose does with depends_on',
  },
  { feature: 'start order on run-once jobs', why: 'Kubernetes has no start order; dependants rely on readiness and retries, Compose waits for completion' },
  {
    feature:
      'ServiceMonitor and PodMonitor objects, the NetworkPolicy rule for the monitoring namespace; the `prometheus` Compose service and its `<app>.prometheus.yml`, the `grafana` Compose service and its `<app>.grafana-datasources.yml`',
    why: 'each target scrapes `metrics` its own way: the cluster has its own Prometheus (and Grafana), Compose runs them under the `observability` profile',
  },
  { feature: 'health check without an in-image client (InImageClient.NONE)', why: 'Compose can only run checks inside the container; recorded as a warning' },
  {
    feature: 'what an in-image client command probes (`InImageClient.command`)',
    why: 'the command is the check in Compose (its URL or port is inside it); Kubernetes probes the port itself. Presence and timing are still compared',
  },
];

/** Options of the parity check. */
export interface ParityOptions {
  /**
   * Services whose health check exists only in Kubernetes, by the user's choice
   * (`InImageClient.NONE`, recorded as a chart warning).
   * @default - none
   */
  readonly healthOnlyInKubernetes?: string[];

  /**
   * Services whose Compose healthcheck for an HTTP, TCP or gRPC check runs the user's own
   * command (`InImageClient.command`): what it probes is inside that command, so only the
   * presence and timing of the check are compared.
   * @default - none
   */
  readonly ownHealthCommand?: string[];
}

interface K8sWorkload {
  readonly name: string;
  /** A workload kind, or `InitContainer` / `Sidecar` for a pod's extra container. */
  readonly kind: string;
  /** The workload an extra container belongs to. */
  readonly owner?: string;
  readonly replicas: number;
  readonly pod: any;
  readonly container: any;
  readonly claims: string[];
}

/**
 * Compares the Kubernetes output with the Compose output of the same chart and reports
 * every difference outside INTENDED_DIFFERENCES: services, images, ports, environment
 * (values equal, or references to the same secret), dependencies, health checks and
 * their timing, replicas, volumes and mount paths, command and args, security context
 * and resources.
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
  const names = new Set([...workloads.keys(), ...Object.keys(services)]);
  const hasPolicies = objects.some((o) => o.kind === 'NetworkPolicy');
  const portMap = servicePortMap(objects, workloads);

  for (const name of [...names].sort()) {
    const w = workloads.get(name);
    const s = services[name];
    // Compose's Prometheus scrapes what Kubernetes' ServiceMonitors describe, and its Grafana
    // shows it: no workload of their own.
    if (!w && (name === PROMETHEUS_SERVICE || name === GRAFANA_SERVICE) && s?.profiles?.includes(OBSERVABILITY_PROFILE)) {
      continue;
    }
    if (!w || !s) {
      diff(name, 'service', w ? `${w.kind}/${name}` : 'no workload', s ? 'a service' : 'no service');
      continue;
    }
    const c = w.container;
    // What local development overrides or adds, as the Compose file labels it: not compared.
    const devOnly = new Set(
      String(s.labels?.[DEV_OVERRIDES_LABEL] ?? '')
        .split(',')
        .filter((x) => x !== ''),
    );
    const eq = (aspect: string, k: unknown, v: unknown) => {
      if (devOnly.has(aspect)) {
        return;
      }
      // A value that does not parse (NaN) is never equal to anything, not even another NaN.
      if (Number.isNaN(k) || Number.isNaN(v) || JSON.stringify(k) !== JSON.stringify(v)) {
        diff(name, aspect, k, v);
      }
    };
    eq('image', c.image, s.image);
    eq('replicas', w.replicas, s.deploy?.replicas ?? 1);
    const containerPorts = (c.ports ?? []).map((p: any) => p.containerPort).sort(byNumber);
    if (!w.owner) {
      eq('ports', containerPorts, (s.expose ?? []).map(Number).sort(byNumber));
      const grace = w.pod.terminationGracePeriodSeconds;
      eq('stop_grace_period', grace === undefined ? undefined : grace, seconds(s.stop_grace_period));
    } else {
      eq('network_mode', w.kind === 'Sidecar' ? `service:${w.owner}` : undefined, s.network_mode);
    }
    for (const published of s.ports ?? []) {
      const target = Number(String(published).split(':').pop());
      if (!containerPorts.includes(target) && !devOnly.has(`ports.${target}`)) {
        diff(name, 'ports.published', `container ports ${containerPorts.join(', ') || 'none'}`, `a published port to ${target}`);
      }
    }

    // Environment: the same keys, and values equal or from the same secret.
    const k8sEnv = normalizeKubernetesEnv(c.env ?? []);
    const composeEnv = new Map(Object.entries<string>(s.environment ?? {}).map(([k, v]) => [k, normalizeComposeValue(String(v))]));
    for (const key of [...new Set([...k8sEnv.keys(), ...composeEnv.keys()])].sort()) {
      eq(`environment.${key}`, withContainerPorts(k8sEnv.get(key), composeEnv.get(key), portMap), composeEnv.get(key));
    }

    eq(
      'command',
      c.command?.map((a: string) => normalizeKubernetesArg(a, k8sEnv)),
      s.entrypoint?.map(normalizeComposeValue),
    );
    eq(
      'args',
      c.args?.map((a: string) => normalizeKubernetesArg(a, k8sEnv)),
      s.command?.map(normalizeComposeValue),
    );

    // Security context.
    const sc = c.securityContext ?? {};
    eq('security.user', `${sc.runAsUser}:${sc.runAsGroup}`, s.user);
    eq('security.readOnlyRootFilesystem', sc.readOnlyRootFilesystem === true, s.read_only === true);
    eq('security.capabilities', (sc.capabilities?.drop ?? []).includes('ALL'), (s.cap_drop ?? []).includes('ALL'));
    eq('security.noNewPrivileges', sc.allowPrivilegeEscalation === false, (s.security_opt ?? []).includes('no-new-privileges:true'));

    // Resources, compared as numbers (cores and bytes).
    const r = c.resources ?? {};
    const lim = s.deploy?.resources?.limits ?? {};
    const res = s.deploy?.resources?.reservations ?? {};
    eq('resources.limits.cpu', cores(r.limits?.cpu), cores(lim.cpus));
    eq('resources.limits.memory', bytes(r.limits?.memory), bytes(lim.memory));
    eq('resources.requests.cpu', cores(r.requests?.cpu), cores(res.cpus));
    eq('resources.requests.memory', bytes(r.requests?.memory), bytes(res.memory));

    // Volumes: PVCs vs named volumes, ConfigMap files vs read-only binds, emptyDirs vs tmpfs.
    const mounts = (c.volumeMounts ?? []) as Array<{ name: string; mountPath: string }>;
    const volumeKind = (vname: string) => (w.pod.volumes ?? []).find((v: any) => v.name === vname);
    const mountPaths = (pred: (m: { name: string }) => boolean) =>
      mounts
        .filter(pred)
        .map((m) => m.mountPath)
        .sort();
    const composeVolumes: string[] = (s.volumes ?? []).filter((v: string) => !devOnly.has(`volumes.${target(v)}`));
    eq(
      'volumes.persistent',
      mountPaths((m) => w.claims.includes(m.name)),
      composeVolumes
        .filter((v) => !isFileBind(v))
        .map(target)
        .sort(),
    );
    eq(
      'volumes.files',
      mountPaths((m) => volumeKind(m.name)?.configMap !== undefined || volumeKind(m.name)?.secret !== undefined),
      composeVolumes.filter(isFileBind).map(target).sort(),
    );
    // A memory-backed /dev/shm is Compose's `shm_size`, not a tmpfs.
    const shm = mounts.find((m) => m.mountPath === SHARED_MEMORY_PATH && volumeKind(m.name)?.emptyDir?.medium === 'Memory');
    eq(
      'volumes.writable',
      mountPaths((m) => m !== shm && volumeKind(m.name)?.emptyDir !== undefined),
      [...(s.tmpfs ?? [])].sort(),
    );
    eq('shm_size', shm ? bytes(volumeKind(shm.name)?.emptyDir?.sizeLimit) : undefined, s.shm_size === undefined ? undefined : bytes(s.shm_size));

    // Restart semantics.
    const jobLike = w.kind === 'Job' || w.kind === 'CronJob' || w.kind === 'InitContainer';
    eq('restart', jobLike ? 'no' : 'always restarted', s.restart === 'no' ? 'no' : 'always restarted');

    checkHealth(name, c, s, options, diff);
  }

  // Dependencies: every network edge (NetworkPolicy egress) is a depends_on entry, and every
  // depends_on entry is a network edge or a wait for a run-once job.
  if (hasPolicies) {
    for (const name of [...names].sort()) {
      const s = services[name];
      // Extra containers follow their workload: checked with it.
      if (!s || !workloads.has(name) || workloads.get(name)!.owner) {
        continue;
      }
      const edges = egressTargets(objects, name);
      const dependsOn = Object.keys(s.depends_on ?? {}).sort();
      for (const target of edges) {
        if (!dependsOn.includes(target)) {
          diff(name, `depends_on.${target}`, 'a network connection', 'no depends_on');
        }
      }
      for (const target of dependsOn) {
        const own = workloads.get(target)?.owner === name;
        const isJob = workloads.get(target)?.kind === 'Job' || own;
        if (!edges.includes(target) && !isJob) {
          // Not a network connection and not a job to wait for.
          diff(name, `depends_on.${target}`, 'no network connection', 'depends_on');
        }
        const expected = isJob ? 'service_completed_successfully' : services[target]?.healthcheck ? 'service_healthy' : 'service_started';
        if (s.depends_on[target]?.condition !== expected) {
          diff(name, `depends_on.${target}.condition`, expected, s.depends_on[target]?.condition);
        }
      }
    }
  }
  return out;
}

function checkHealth(name: string, c: any, s: any, options: ParityOptions, diff: (service: string, aspect: string, k: unknown, v: unknown) => void): void {
  const probe = c.readinessProbe;
  const hc = s.healthcheck;
  if (!probe && !hc) {
    return;
  }
  if (!hc && options.healthOnlyInKubernetes?.includes(name)) {
    return;
  }
  if (!probe || !hc) {
    diff(name, 'healthcheck', probe ? 'a readiness probe' : 'no probe', hc ? 'a healthcheck' : 'no healthcheck');
    return;
  }
  const test: string[] = (hc.test ?? []).slice(1).map(normalizeComposeValue);
  if (!probe.exec && options.ownHealthCommand?.includes(name)) {
    // The user's own client: the URL or port it checks is inside the command.
  } else if (probe.exec) {
    if (JSON.stringify(probe.exec.command) !== JSON.stringify(test)) {
      diff(name, 'healthcheck.test', probe.exec.command, test);
    }
  } else if (probe.grpc) {
    const expected = `127.0.0.1:${probe.grpc.port}`;
    if (!test.some((arg) => arg.endsWith(expected) || arg.endsWith(`${expected}'`))) {
      diff(name, 'healthcheck.test', `gRPC ${expected}`, test);
    }
  } else {
    const port = resolvePort(c, probe.httpGet?.port ?? probe.tcpSocket?.port);
    // The exact URL (or port) as an argument, or quoted inside a script argument (node -e).
    const expected = probe.httpGet ? `http://127.0.0.1:${port}${probe.httpGet.path}` : `${port}`;
    const found = test.some((arg) => arg === expected || arg.endsWith(`:${expected}`) || arg.includes(`'${expected}'`) || arg.includes(`"${expected}"`));
    if (!found) {
      diff(name, 'healthcheck.test', `${probe.httpGet ? 'GET' : 'TCP'} ${expected}`, test);
    }
    // Each header the probe sends, in a client argument (`-H`, `--header` or the node script).
    for (const h of probe.httpGet?.httpHeaders ?? []) {
      if (!test.some((arg) => arg === `${h.name}: ${h.value}` || arg.includes(`${JSON.stringify(h.name)}:${JSON.stringify(h.value)}`))) {
        diff(name, `healthcheck.test.header ${h.name}`, h.value, test);
      }
    }
  }
  const timing = (k: number | undefined, v: string | number | undefined, aspect: string) => {
    if (k !== (typeof v === 'number' ? v : seconds(v))) {
      diff(name, aspect, k, v);
    }
  };
  timing(probe.periodSeconds ?? 10, hc.interval, 'healthcheck.interval');
  timing(probe.timeoutSeconds ?? 1, hc.timeout, 'healthcheck.timeout');
  timing(probe.failureThreshold ?? 3, hc.retries, 'healthcheck.retries');
  // Compose waits start_period (which includes any initial delay), then tolerates `retries`
  // failures before it calls the container unhealthy; the startup probe (its initial delay
  // plus failureThreshold periods) must allow at least as long, and less than a period more.
  const startup = c.startupProbe;
  const start = seconds(hc.start_period) ?? 0;
  if (startup) {
    const period = startup.periodSeconds ?? 10;
    const covered = (startup.initialDelaySeconds ?? 0) + startup.failureThreshold * period;
    // Retries and interval are compared on their own above: the readiness probe's stand for them.
    const tolerated = start + (probe.failureThreshold ?? 3) * (probe.periodSeconds ?? 10);
    if (!(tolerated <= covered && tolerated > covered - period)) {
      diff(name, 'healthcheck.start_period', `a startup probe covering ${covered}s`, `${hc.start_period} + ${hc.retries} retries`);
    }
  } else if (start !== (probe.initialDelaySeconds ?? 0)) {
    diff(name, 'healthcheck.start_period', `no startup probe, readiness after ${probe.initialDelaySeconds ?? 0}s`, hc.start_period);
  }
}

/**
 * Service port -> container port, per Service whose port differs from its pods' port: clients
 * reach `svc:servicePort` in Kubernetes and `svc:containerPort` in Compose (no Services there).
 */
function servicePortMap(objects: any[], workloads: Map<string, K8sWorkload>): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  for (const svc of objects.filter((o) => o.kind === 'Service' && o.spec?.clusterIP !== 'None')) {
    const pods = workloads.get(svc.metadata?.name)?.container?.ports ?? [];
    for (const p of svc.spec?.ports ?? []) {
      const target = typeof p.targetPort === 'string' ? pods.find((c: any) => c.name === p.targetPort)?.containerPort : (p.targetPort ?? p.port);
      if (typeof target === 'number' && target !== p.port) {
        out.push([svc.metadata.name, p.port, target]);
      }
    }
  }
  return out;
}

/**
 * A Kubernetes env value as Compose should have it: every `svc:servicePort` as
 * `svc:containerPort`, and a bare Service port as its container port when that is what
 * Compose has (the connection outputs carry each target's port).
 */
function withContainerPorts(value: string | undefined, composeValue: string | undefined, ports: Array<[string, number, number]>): string | undefined {
  if (value === undefined || value === composeValue) {
    return value;
  }
  let out = value;
  for (const [svc, servicePort, containerPort] of ports) {
    // `api:80` in `http://api:80/x`, not in `api:8080` or `myapi:80`.
    out = out.replace(new RegExp(`(^|[^a-z0-9.-])${svc.replace(/[.]/g, '\\.')}:${servicePort}(?![0-9])`, 'g'), `$1${svc}:${containerPort}`);
    if (value === `${servicePort}` && composeValue === `${containerPort}`) {
      return composeValue;
    }
  }
  return out;
}

function kubernetesWorkloads(objects: any[]): Map<string, K8sWorkload> {
  const hpaMin = new Map(objects.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => [o.spec?.scaleTargetRef?.name, o.spec?.minReplicas ?? 1]));
  const out = new Map<string, K8sWorkload>();
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
    out.set(o.metadata.name, {
      name: o.metadata.name,
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
        const name = extraServiceName(o.metadata.name, container.name);
        out.set(name, { name, kind, replicas: 1, pod, container, claims: [], owner: o.metadata.name });
      }
    }
  }
  return out;
}

/** The workloads a workload's NetworkPolicy lets it reach (DNS aside). */
function egressTargets(objects: any[], name: string): string[] {
  const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.spec?.podSelector?.matchLabels?.[LABEL.NAME] === name);
  const targets = (policy?.spec?.egress ?? []).flatMap((rule: any) => (rule.to ?? []).map((peer: any) => peer.podSelector?.matchLabels?.[LABEL.NAME]));
  return [...new Set<string>(targets.filter((t: unknown): t is string => typeof t === 'string'))].sort();
}

/**
 * Kubernetes env values in a comparable form: secrets as `<secret NAME/KEY>`, `$(VAR)`
 * references replaced by the referenced value, `$$(` unescaped. Helper variables that only
 * carry a secret for a composition are dropped (an intended difference).
 */
function normalizeKubernetesEnv(env: any[]): Map<string, string> {
  const values = new Map<string, string>();
  const referenced = new Set<string>();
  for (const e of env) {
    if (e.valueFrom?.secretKeyRef) {
      values.set(e.name, `<secret ${secretVariable(e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key)}>`);
    } else {
      values.set(e.name, normalizeKubernetesArg(String(e.value ?? ''), values, referenced));
    }
  }
  for (const name of referenced) {
    if (name.endsWith(SECRET_HELPER_SUFFIX) && values.get(name)?.startsWith('<secret ')) {
      values.delete(name);
    }
  }
  return values;
}

function normalizeKubernetesArg(value: string, env: Map<string, string>, referenced = new Set<string>()): string {
  // Kubernetes reduces `$$` to `$` and expands `$(NAME)` for the container's variables.
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, ref: string | undefined) => {
    if (ref === undefined) {
      return '$';
    }
    if (!env.has(ref)) {
      return match;
    }
    referenced.add(ref);
    return env.get(ref)!;
  });
}

/** Compose values in the same form: `${VAR:?...}` as `<secret VAR>`, `$$` unescaped. */
function normalizeComposeValue(value: string): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?+][^}]*)?\}/g, (_match, name: string | undefined) =>
    name === undefined ? '$' : `<secret ${name}>`,
  );
}

function resolvePort(container: any, port: unknown): number | undefined {
  if (typeof port === 'number') {
    return port;
  }
  return (container.ports ?? []).find((p: any) => p.name === port)?.containerPort;
}

/** The container path of a Compose volume (`src:/path` or `src:/path:ro`; the source may hold `${VAR:-default}`). */
function target(volume: string): string {
  const parts = volume.split(':');
  const last = parts[parts.length - 1];
  return last === 'ro' || last === 'rw' ? parts[parts.length - 2] : last;
}

/** Seconds of a Compose duration (`1m30s`). */
function seconds(d: string | undefined): number | undefined {
  return d === undefined ? undefined : durationSeconds(d);
}

/** Cores of a Kubernetes CPU quantity (`500m`) or a Compose `cpus` value (`0.5`). */
function cores(q: string | number | undefined): number | undefined {
  return q === undefined ? undefined : cpuCores(q);
}

/** Bytes of a Kubernetes quantity (`256Mi`, `1G`) or a Docker size (`256m` binary, `10b`). */
function bytes(q: string | number | undefined): number | undefined {
  return q === undefined ? undefined : composeOrKubernetesBytes(q);
}

function byNumber(a: number, b: number): number {
  return a - b;
}

/** A value as a parity finding shows it: a field one target lacks shows as `nothing`. */
function shown(v: unknown): string {
  return v === undefined ? 'nothing' : show(v);
}

/** A Compose volume that binds a file (a config file, a secret file) rather than a named volume. */
function isFileBind(volume: string): boolean {
  return volume.startsWith('./') || volume.startsWith('/') || volume.startsWith('${');
}
