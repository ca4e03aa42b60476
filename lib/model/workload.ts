import type { EnvValue } from '../concerns/env/env-value.model';
import type { BuildSpec, DevSpec } from '../concerns/build/model';
import type { Memory } from '../concerns/container/quantity.model';
import type { PullPolicy, ResourcesSpec, SecuritySpec } from '../concerns/container/model';
import { hasComposeHealthCheck } from '../concerns/health/model';
import type { HealthSpec } from '../concerns/health/model';
import type { EgressRuleSpec } from '../concerns/network/model';
import type { MetricsSpec } from '../concerns/observability/model';
import type { PodSpecModel } from '../concerns/pod/model';
import type { PortSpec, ServiceTypeName } from '../concerns/ports/model';
import type { AutoscalingSpec, AvailabilitySpec } from '../concerns/scaling/model';
import type { ConfigFileSpec, VolumeSpec } from '../concerns/storage/model';
import type { IngressSpec } from '../concerns/traffic/model';
import { isReplicated } from '../shared/naming/kinds';
import { publishedHostPorts } from '../shared/naming/limits';
import { sortBy } from '../shared/util';

/**
 * The backend-neutral description of one workload, typed by its kind. The props layer
 * (lib/props/) builds it with every default applied and every input checked; the renderers
 * read it and never default or check anything.
 *
 * This file holds what all kinds share: the five kind models and `WorkloadModel`, the typed
 * builders, the dependency edge, and the graph facts read from a whole model. Each concern's
 * part (ports, health, container, security, storage, scaling, traffic, build, observability,
 * pod, network) is typed in its home, `lib/concerns/<concern>/model.ts`, and composed here.
 */

// What a workload is: declared with the naming contract (lib/shared), which is written for it.
export type { WorkloadKind } from '../shared/naming/kinds';

/** How a dependant waits for a dependency to be usable. */
export type DependencyCondition = 'healthy' | 'started' | 'completed';

/** A declared edge of the connection graph. */
export interface DependencySpec {
  readonly target: WorkloadModel;
  /** Ports of the target the source may reach (NetworkPolicy). Empty for start-order-only edges. */
  readonly ports: PortSpec[];
}

/** What every kind of workload has. */
interface WorkloadBase {
  /** The service name: object names, the Compose service and the host name in both targets. */
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy: PullPolicy;
  readonly ports: PortSpec[];
  readonly resources: ResourcesSpec;
  readonly security: SecuritySpec;
  /** The image's entrypoint override (Kubernetes `command`, Compose `entrypoint`). */
  readonly command?: string[];
  /** The image's arguments override (Kubernetes `args`, Compose `command`). */
  readonly args?: string[];
  /** Pods in Kubernetes, containers in Compose (1 for jobs and databases). */
  readonly replicas: number;
  /** Egress to any public address (never private, link-local or metadata ranges). */
  readonly allowExternalEgress: boolean;
  /** Extra egress destinations outside the connection graph (proxies, VPC endpoints). */
  readonly egressTo: EgressRuleSpec[];
  readonly configFiles: ConfigFileSpec[];
  /** How Compose builds the image from source; undefined pulls `image`. */
  readonly build?: BuildSpec;
  /** Compose-only: profiles the service belongs to, extra networks it joins (sorted). */
  readonly compose: { readonly profiles: string[]; readonly networks: string[] };
  /** Compose-only development settings. */
  readonly dev?: DevSpec;
  /** Secret keys mounted as files, sorted by path. */
  readonly secretFiles: Array<{ readonly path: string; readonly secretName: string; readonly key: string }>;
  /** Pod settings, init containers and sidecars. */
  readonly pod: PodSpecModel;
  /** Environment, filled by the props and by `addEnv()` / `connectTo()` after construction. */
  readonly env: Map<string, EnvValue>;
  /** The declared edges, filled by `connectTo()` and `dependsOn()`. */
  readonly dependencies: DependencySpec[];
  /** The workloads that depend on this one (the reverse edges of `dependencies`). */
  readonly dependants: WorkloadModel[];
  /** Features one backend cannot express, recorded for the chart's warnings. */
  readonly warnings: string[];
  /** The construct path, for messages. */
  readonly path: string;
}

/** An HTTP service (Deployment, Service, optional Ingress and autoscaler). */
export interface WebModel extends WorkloadBase {
  readonly kind: 'web';
  readonly serviceType: ServiceTypeName;
  readonly health?: HealthSpec;
  readonly autoscaling?: AutoscalingSpec;
  readonly ingress?: IngressSpec;
  readonly availability: AvailabilitySpec;
  readonly metrics?: MetricsSpec;
}

/** A continuous background process (Deployment without a Service). */
export interface WorkerModel extends WorkloadBase {
  readonly kind: 'worker';
  readonly health?: HealthSpec;
  readonly availability: AvailabilitySpec;
  readonly metrics?: MetricsSpec;
}

/** A job on a cron schedule (CronJob; a Compose service under a profile). */
export interface ScheduledModel extends WorkloadBase {
  readonly kind: 'scheduled';
  readonly schedule: string;
  readonly backoffLimit: number;
  /** `activeDeadlineSeconds` of each run (the props layer's default unless given). */
  readonly activeDeadlineSeconds: number;
  /** `startingDeadlineSeconds` (the props layer's default unless given). */
  readonly startingDeadlineSeconds: number;
}

/** A job that runs once to completion (Job; a Compose service dependants wait for). */
export interface RunOnceModel extends WorkloadBase {
  readonly kind: 'run-once';
  readonly backoffLimit: number;
  /** `activeDeadlineSeconds` (the props layer's default unless given). */
  readonly activeDeadlineSeconds: number;
}

/** A database (StatefulSet with storage, headless and client Services). */
export interface DatabaseModel extends WorkloadBase {
  readonly kind: 'database';
  readonly health: HealthSpec;
  readonly volumes: VolumeSpec[];
  /** Size of a memory-backed /dev/shm, for engines that use POSIX shared memory; undefined keeps the runtime's. */
  readonly sharedMemory?: Memory;
}

/** The normalized description of a workload. Mutable only through the construct's verbs. */
export type WorkloadModel = WebModel | WorkerModel | ScheduledModel | RunOnceModel | DatabaseModel;

/** The fields every kind shares that the props layer normalizes once for all kinds. */
export type CommonFields = Pick<
  WorkloadBase,
  | 'image'
  | 'imagePullPolicy'
  | 'resources'
  | 'security'
  | 'configFiles'
  | 'secretFiles'
  | 'build'
  | 'compose'
  | 'dev'
  | 'command'
  | 'args'
  | 'allowExternalEgress'
  | 'egressTo'
  | 'env'
  | 'pod'
>;

/** The fields of one kind, plus the shared fields each kind decides for itself. */
export type KindFields<M extends WorkloadModel> = Omit<M, keyof CommonFields | 'dependencies' | 'dependants'> & Partial<Pick<WorkloadBase, 'args'>>;

// ---------------------------------------------------------------------------------------
// Building models: one object shape, checked by the compiler
//
// Every model object has the same keys in the same order, whatever its kind (a key that
// its kind does not declare holds undefined): the renderers' property reads then see one
// object shape and stay monomorphic (measured in `npm run bench`). The compiler checks
// that every field is filled, without a cast:
//
// - `ModelShape<M>` is the complete-fields type: a mapped type over the keys of ALL kinds,
//   each required, typed as kind M declares it (undefined where M does not declare it).
//   `shaped()` writes the one object literal, in the one fixed order, typed by it: a key
//   added to any kind and not copied there is a compile error there.
// - A `ModelShape<M>` is an M, so each kind's builder (`buildWebModel()`...) returns its
//   model as is. It takes the kind's fields (`KindFields<M>`: a field the kind declares
//   must be given) and hands `shaped()` every kind-only slot (`KindSlots<M>`: listed in
//   full, its own from the fields, the other kinds' undefined), so a new kind-only field
//   is a compile error in each builder until it is placed.
// - No object spread to fill the other kinds' slots: `{ ...absent, ...fields }` (one spread
//   over another) measured 11-25 us per model on Node 20 here, the literal well under 1 us.
// ---------------------------------------------------------------------------------------

/** Every key of every kind of model. */
type ModelKey = WorkloadModel extends infer U ? (U extends unknown ? keyof U : never) : never;

/** The keys that only some kinds declare (`kind` included: its type is per kind). */
type KindOnlyKey = Exclude<ModelKey, keyof WorkloadBase>;

/** Kind M's type of a kind-only key; undefined for a key that M does not declare. */
type KindSlot<M extends WorkloadModel, K extends KindOnlyKey> = K extends keyof M ? M[K] : undefined;

/** Every kind-only slot of a model of kind M, each present. */
type KindSlots<M extends WorkloadModel> = { readonly [K in KindOnlyKey]: KindSlot<M, K> };

/** The complete fields of a model of kind M: every key of every kind, each present. */
export type ModelShape<M extends WorkloadModel> = {
  readonly [K in ModelKey]: K extends keyof WorkloadBase ? WorkloadBase[K] : K extends KindOnlyKey ? KindSlot<M, K> : never;
};

/** The fields every kind has that each workload gives (not shared through `CommonFields`). */
type OwnFields = Pick<WorkloadBase, Exclude<keyof WorkloadBase, keyof CommonFields | 'dependencies' | 'dependants'>> & Partial<Pick<WorkloadBase, 'args'>>;

/** The model object in the one fixed key order, with empty dependency lists. */
function shaped<M extends WorkloadModel>(common: CommonFields, f: OwnFields, slots: KindSlots<M>): ModelShape<M> {
  return {
    kind: slots.kind,
    name: f.name,
    path: f.path,
    image: common.image,
    imagePullPolicy: common.imagePullPolicy,
    ports: f.ports,
    resources: common.resources,
    security: common.security,
    command: common.command,
    args: f.args ?? common.args,
    replicas: f.replicas,
    allowExternalEgress: common.allowExternalEgress,
    egressTo: common.egressTo,
    configFiles: common.configFiles,
    secretFiles: common.secretFiles,
    build: common.build,
    compose: common.compose,
    dev: common.dev,
    pod: common.pod,
    env: common.env,
    dependencies: [],
    dependants: [],
    warnings: f.warnings,
    health: slots.health,
    serviceType: slots.serviceType,
    autoscaling: slots.autoscaling,
    ingress: slots.ingress,
    availability: slots.availability,
    schedule: slots.schedule,
    backoffLimit: slots.backoffLimit,
    activeDeadlineSeconds: slots.activeDeadlineSeconds,
    startingDeadlineSeconds: slots.startingDeadlineSeconds,
    volumes: slots.volumes,
    sharedMemory: slots.sharedMemory,
    metrics: slots.metrics,
  };
}

/** The model of a web service: the shared fields, then its own. */
export function buildWebModel(common: CommonFields, f: KindFields<WebModel>): WebModel {
  return shaped<WebModel>(common, f, {
    kind: f.kind,
    health: f.health,
    serviceType: f.serviceType,
    autoscaling: f.autoscaling,
    ingress: f.ingress,
    availability: f.availability,
    schedule: undefined,
    backoffLimit: undefined,
    activeDeadlineSeconds: undefined,
    startingDeadlineSeconds: undefined,
    volumes: undefined,
    sharedMemory: undefined,
    metrics: f.metrics,
  });
}

/** The model of a continuous worker. */
export function buildWorkerModel(common: CommonFields, f: KindFields<WorkerModel>): WorkerModel {
  return shaped<WorkerModel>(common, f, {
    kind: f.kind,
    health: f.health,
    serviceType: undefined,
    autoscaling: undefined,
    ingress: undefined,
    availability: f.availability,
    schedule: undefined,
    backoffLimit: undefined,
    activeDeadlineSeconds: undefined,
    startingDeadlineSeconds: undefined,
    volumes: undefined,
    sharedMemory: undefined,
    metrics: f.metrics,
  });
}

/** The model of a scheduled job. */
export function buildScheduledModel(common: CommonFields, f: KindFields<ScheduledModel>): ScheduledModel {
  return shaped<ScheduledModel>(common, f, {
    kind: f.kind,
    health: undefined,
    serviceType: undefined,
    autoscaling: undefined,
    ingress: undefined,
    availability: undefined,
    schedule: f.schedule,
    backoffLimit: f.backoffLimit,
    activeDeadlineSeconds: f.activeDeadlineSeconds,
    startingDeadlineSeconds: f.startingDeadlineSeconds,
    volumes: undefined,
    sharedMemory: undefined,
    metrics: undefined,
  });
}

/** The model of a run-once job. */
export function buildRunOnceModel(common: CommonFields, f: KindFields<RunOnceModel>): RunOnceModel {
  return shaped<RunOnceModel>(common, f, {
    kind: f.kind,
    health: undefined,
    serviceType: undefined,
    autoscaling: undefined,
    ingress: undefined,
    availability: undefined,
    schedule: undefined,
    backoffLimit: f.backoffLimit,
    activeDeadlineSeconds: f.activeDeadlineSeconds,
    startingDeadlineSeconds: undefined,
    volumes: undefined,
    sharedMemory: undefined,
    metrics: undefined,
  });
}

/** The model of a database. */
export function buildDatabaseModel(common: CommonFields, f: KindFields<DatabaseModel>): DatabaseModel {
  return shaped<DatabaseModel>(common, f, {
    kind: f.kind,
    health: f.health,
    serviceType: undefined,
    autoscaling: undefined,
    ingress: undefined,
    availability: undefined,
    schedule: undefined,
    backoffLimit: undefined,
    activeDeadlineSeconds: undefined,
    startingDeadlineSeconds: undefined,
    volumes: f.volumes,
    sharedMemory: f.sharedMemory,
    metrics: undefined,
  });
}

/**
 * A new model of the same kind as `m`: the shared fields from `common`, its own fields with
 * `changes` applied, and empty dependency lists.
 */
export function rebuildModel(m: WorkloadModel, common: CommonFields, changes: Partial<Pick<WorkloadBase, 'ports' | 'replicas' | 'warnings'>>): WorkloadModel {
  switch (m.kind) {
    case 'web':
      return buildWebModel(common, changed(m, changes));
    case 'worker':
      return buildWorkerModel(common, changed(m, changes));
    case 'scheduled':
      return buildScheduledModel(common, changed(m, changes));
    case 'run-once':
      return buildRunOnceModel(common, changed(m, changes));
    case 'database':
      return buildDatabaseModel(common, changed(m, changes));
  }
}

/** `m` with `changes` applied. (One spread, then keys: `{ ...m, ...changes }` is about 100 times slower in V8.) */
function changed<M extends WorkloadModel>(m: M, changes: Partial<Pick<WorkloadBase, 'ports' | 'replicas' | 'warnings'>>): M {
  return { ...m, ports: changes.ports ?? m.ports, replicas: changes.replicas ?? m.replicas, warnings: changes.warnings ?? m.warnings };
}

/** The health check of a workload, for the kinds that have one. */
export function healthOf(m: WorkloadModel): HealthSpec | undefined {
  return m.kind === 'web' || m.kind === 'worker' || m.kind === 'database' ? m.health : undefined;
}

/** The metrics endpoint of a workload, for the kinds that can have one. */
export function metricsOf(m: WorkloadModel): MetricsSpec | undefined {
  return m.kind === 'web' || m.kind === 'worker' ? m.metrics : undefined;
}

/** The persistent volumes of a workload (only databases have any). */
export function volumesOf(m: WorkloadModel): VolumeSpec[] {
  return m.kind === 'database' ? m.volumes : [];
}

/** The host ports Compose publishes (a range per port when replicas > 1). */
export function hostPortsOf(m: WorkloadModel): number[] {
  return [
    ...m.ports.flatMap((p) => (p.publish === undefined ? [] : publishedHostPorts(p.publish, m.replicas))),
    ...(m.dev?.ports ?? []).flatMap((p) => publishedHostPorts(p.publish, m.replicas)),
  ];
}

/** The declared dependencies, sorted by target name (the order every renderer writes them in). */
export function sortedDependencies(m: WorkloadModel): DependencySpec[] {
  return sortBy(m.dependencies, (d) => d.target.name);
}

/**
 * The rollout wave of a workload: 0 without dependencies, else one more than the highest wave
 * of what it depends on (a database 0, its migration job 1, the apps waiting for the
 * migration 2). Argo CD applies wave by wave, each once the previous one is healthy.
 */
export function rolloutWave(m: WorkloadModel, known = new Map<WorkloadModel, number>()): number {
  let wave = known.get(m);
  if (wave === undefined) {
    // Dependency cycles are rejected when they are declared, so the recursion ends.
    wave = m.dependencies.reduce((max, d) => Math.max(max, rolloutWave(d.target, known) + 1), 0);
    known.set(m, wave);
  }
  return wave;
}

/** How dependants wait for this workload in Compose (and what Kubernetes readiness means for it). */
export function readinessCondition(m: WorkloadModel): DependencyCondition {
  if (m.kind === 'run-once') {
    return 'completed';
  }
  return hasComposeHealthCheck(healthOf(m)) ? 'healthy' : 'started';
}

/** Whether Kubernetes keeps at least two pods of a replicated workload. */
function isHighlyAvailable(m: WorkloadModel): m is WebModel | WorkerModel {
  const min = m.kind === 'web' ? (m.autoscaling?.minReplicas ?? m.replicas) : m.replicas;
  return isReplicated(m.kind) && min >= 2;
}

/** Whether a PodDisruptionBudget is rendered: only with two pods or more (one would block drains). */
export function hasDisruptionBudget(m: WorkloadModel): boolean {
  return isHighlyAvailable(m) && m.availability.disruptionBudget;
}

/** Whether pods are spread over nodes and zones. */
export function hasTopologySpread(m: WorkloadModel): boolean {
  return isHighlyAvailable(m) && m.availability.topologySpread;
}
