import { isMutableImage, splitImage } from '../shared/naming/images';
import { dnsLabel } from '../shared/naming/objects';
import { connectionVariable, toEnvPrefix } from '../shared/naming/variables';
import { buildOf } from '../concerns/build/import';
import { mapUser, resourcesOf } from '../concerns/container/import';
import { normalizeImage } from '../concerns/container/props';
import type { ConstructKind, Service } from '../concerns/database/classify.import';
import { engineOfImage } from '../concerns/database/classify.import';
import { commonUnmapped, databaseFacts, mapDatabase } from '../concerns/database/import';
import type { EnvTarget } from '../concerns/env/import';
import { mapEnvironment } from '../concerns/env/import';
import { healthCheckOf } from '../concerns/health/import';
import { networksProp } from '../concerns/network/import';
import { portsProp } from '../concerns/ports/import';
import { emissionOrder, refusal } from '../concerns/rollout/import';
import { mapVolumes, secretFilesOf } from '../concerns/storage/import';
import type { AppPlan, ConstructPlan, Value } from './emit';
import { camel, pascal, unique } from './names';
import type { NormalizedService } from './normalize';
import { normalizeService } from './normalize';
import type { AppNotes } from './notes';
import { commentOf, warn } from './notes';
import type { ImportWarning } from './problems';
import { ImportError, isMapping } from './problems';
import type { ComposeProject } from './read';

/**
 * How a Compose file maps to constructs: databases by image, WebServices for services with
 * ports, Workers for the rest (run once when dependants wait for their completion), with
 * connections for `depends_on` and for environment values that name another service.
 * Whatever has no prop becomes a `// compose:` comment and a warning.
 */

/** What an import produced. */
export interface ImportResult {
  /** The generated TypeScript. */
  readonly source: string;
  /** Every Compose key kept out, in the order of the generated code. */
  readonly warnings: ImportWarning[];
  /** The app's name (the AppChart's id and `appName`). */
  readonly appName: string;
  /** Compose service name to the generated service name, for each renamed service. */
  readonly renamed: Record<string, string>;
  /** `depends_on` edges the generated app adds by design (a connection found in an environment value): [from, to]. */
  readonly addedDependencies: Array<[string, string]>;
  /** The construct kind of each Compose service. */
  readonly kinds: Record<string, ConstructKind>;
}

/** Maps a read Compose project to the plan of a generated app. */
export function mapProject(project: ComposeProject, composeFileLabel: string): { plan: AppPlan; result: Omit<ImportResult, 'source'> } {
  const warnings: ImportWarning[] = [...project.warnings];
  const normalized = Object.keys(project.services)
    .sort()
    .map((name) => normalizeService(name, project.services[name]));
  checkReferences(normalized, project);
  const appName = dnsLabel(project.name) || 'app';
  const { services, renamed } = classifyServices(normalized, project, warnings);
  warnMutableImages(services, warnings);
  const order = emissionOrder(normalized, services);
  const declared = new Set<string>();
  const addedDependencies: Array<[string, string]> = [];
  const constructs: ConstructPlan[] = [];
  for (const composeName of order) {
    const s = services.get(composeName)!;
    const plan = s.kind === 'Database' ? mapDatabase(s, warnings, project.fromShell) : mapApp(s, project, warnings);
    connect(s, plan, { services, declared, order, warnings, addedDependencies, fromShell: project.fromShell });
    declared.add(composeName);
    constructs.push(plan);
  }
  const header = headerOf(project, composeFileLabel, warnings);
  const kinds: Record<string, ConstructKind> = {};
  for (const s of services.values()) {
    kinds[s.n.name] = s.kind;
  }
  return {
    plan: { composeFile: composeFileLabel, appName, constructs, header },
    result: { warnings, appName, renamed, addedDependencies, kinds },
  };
}

/** References to other services and top-level entries must exist (Compose refuses the file otherwise). */
function checkReferences(normalized: NormalizedService[], project: ComposeProject): void {
  const names = new Set(normalized.map((n) => n.name));
  for (const n of normalized) {
    for (const [what, targets] of [
      ['depends_on', Object.keys(n.dependsOn)],
      ['links', n.links],
    ] as const) {
      for (const t of targets) {
        if (!names.has(t)) {
          throw new ImportError(`services.${n.name}.${what}: '${t}' is not a service of this file; allowed: ${[...names].join(', ')}`);
        }
      }
    }
    for (const s of n.secrets) {
      if (!(s.source in project.secrets)) {
        throw new ImportError(
          `services.${n.name}.secrets: '${s.source}' is not declared under the top-level secrets; allowed: ${Object.keys(project.secrets).join(', ') || 'none declared'}`,
        );
      }
    }
    for (const net of n.networks) {
      if (!(net in project.networks)) {
        throw new ImportError(
          `services.${n.name}.networks: '${net}' is not declared under the top-level networks; allowed: ${Object.keys(project.networks).join(', ') || 'none declared'}`,
        );
      }
    }
  }
}

/** Each service's generated names (service, variable, construct id) and construct kind, in name order. */
function classifyServices(
  normalized: NormalizedService[],
  project: ComposeProject,
  warnings: ImportWarning[],
): { services: Map<string, Service>; renamed: Record<string, string> } {
  const renamed: Record<string, string> = {};
  const services = new Map<string, Service>();
  const usedNames = new Set<string>();
  const usedVariables = new Set<string>();
  const usedIds = new Set<string>();
  for (const n of normalized) {
    let name = dnsLabel(n.name) || 'service';
    while (usedNames.has(name)) {
      name = `${name}-x`.slice(-63);
    }
    usedNames.add(name);
    const comments: string[] = project.warnings.filter((w) => w.key === `services.${n.name}` || w.key.startsWith(`services.${n.name}.`)).map(commentOf);
    if (name !== n.name) {
      renamed[n.name] = name;
      warn(
        warnings,
        comments,
        `services.${n.name}`,
        `renamed to '${name}': service names are DNS labels in Kubernetes (lower-case letters, digits and '-')`,
        true,
      );
    }
    checkImage(n);
    const variable = unique(camel(name), usedVariables);
    const id = unique(pascal(name), usedIds);
    const engine = n.image !== undefined && n.build === undefined ? engineOfImage(n.image, Object.keys(n.environment)) : undefined;
    services.set(n.name, { n, name, variable, id, kind: kindOf(n, engine, normalized), engine, comments });
  }
  return { services, renamed };
}

/** An image Compose could not pull either (often a variable left empty): the file is invalid. */
function checkImage(n: NormalizedService): void {
  if (n.image !== undefined) {
    const problems: string[] = [];
    normalizeImage(n.image, problems);
    if (problems.length > 0) {
      throw new ImportError(`services.${n.name}.image: ${problems.join('; ')}`);
    }
  }
}

/** A database by its image, a WebService if it listens on TCP, a run-once Worker if others wait for its completion (or it never restarts). */
function kindOf(n: NormalizedService, engine: Service['engine'], normalized: NormalizedService[]): ConstructKind {
  const completedBy = normalized.some((o) => o.dependsOn[n.name]?.condition === 'service_completed_successfully');
  const healthyBy = normalized.some((o) => o.dependsOn[n.name]?.condition === 'service_healthy');
  const listens = n.ports.some((p) => p.protocol === 'tcp');
  const explicitNo = n.restart === 'no';
  return engine ? 'Database' : listens ? 'WebService' : completedBy || (explicitNo && !healthyBy && !n.healthcheck?.test) ? 'run-once Worker' : 'Worker';
}

function warnMutableImages(services: Map<string, Service>, warnings: ImportWarning[]): void {
  for (const s of services.values()) {
    if (s.n.image !== undefined && isMutableImage(s.n.image)) {
      warn(
        warnings,
        s.comments,
        `services.${s.n.name}.image`,
        `'${s.n.image}' ${splitImage(s.n.image).tag === undefined ? 'has no tag' : 'has the tag latest'}: Kubernetes pulls it on every start (Always); pin a version`,
        true,
      );
    }
  }
}

/** What connecting one construct needs to know of the others. */
interface ConnectContext {
  readonly services: Map<string, Service>;
  /** The Compose names of the services declared above. */
  readonly declared: Set<string>;
  /** The emission order (Compose names). */
  readonly order: string[];
  readonly warnings: ImportWarning[];
  readonly addedDependencies: Array<[string, string]>;
  readonly fromShell: ComposeProject['fromShell'];
}

/** Connections and start order of `s`, to services declared above; its environment with them. */
function connect(s: Service, plan: ConstructPlan, cx: ConnectContext): void {
  const { services, order, warnings } = cx;
  const env = s.kind === 'Database' ? undefined : mapEnvironment(s.n, s.name, connectionTargets(s, cx), warnings, plan.comments, cx.fromShell);
  if (env) {
    plan.props.env = Object.keys(env.plain).length > 0 ? env.plain : undefined;
  }
  const explicit = [...new Set([...Object.keys(s.n.dependsOn), ...s.n.links])].sort();
  const viaEnv = env ? Object.keys(env.byTarget).filter((t) => !explicit.includes(t)) : [];
  for (const target of [...explicit, ...viaEnv].sort((a, b) => order.indexOf(a) - order.indexOf(b))) {
    const t = services.get(target)!;
    const dependency = s.n.dependsOn[target];
    const refused = refusal(s, t, cx.declared);
    if (refused) {
      if (explicit.includes(target)) {
        warn(warnings, plan.comments, `services.${s.n.name}.depends_on`, `'${target}' not mapped: ${refused}`);
      }
      if (env?.byTarget[target]) {
        // Keep the variables, without the connection.
        plan.props.env = { ...((plan.props.env as Record<string, Value>) ?? {}), ...env.byTarget[target] };
        warn(
          warnings,
          plan.comments,
          `services.${s.n.name}.environment`,
          `${Object.keys(env.byTarget[target]).join(', ')} name '${target}' but are not a connection: ${refused}`,
        );
      }
      continue;
    }
    if (dependency?.restart !== undefined || dependency?.required === false) {
      warn(warnings, plan.comments, `services.${s.n.name}.depends_on.${target}`, 'restart and required are not mapped (Compose v2 only)');
    }
    if (!explicit.includes(target)) {
      cx.addedDependencies.push([s.name, t.name]);
      warn(
        warnings,
        plan.comments,
        `services.${s.n.name}.environment`,
        `connects to '${t.name}' because an environment value names it (Compose waits for it too)`,
        true,
      );
    }
    addEdge(s, t, plan, env?.byTarget[target], warnings);
  }
}

/** The services `s` can connect to (databases and web services), each with what its environment values may name. */
function connectionTargets(s: Service, cx: ConnectContext): Map<string, EnvTarget> {
  const targets = new Map<string, EnvTarget>();
  for (const other of cx.services.values()) {
    if (other !== s && (other.kind === 'Database' || other.kind === 'WebService')) {
      targets.set(other.n.name, {
        compose: other.n.name,
        name: other.name,
        variable: other.variable,
        declared: cx.declared.has(other.n.name),
        database: other.kind === 'Database' ? databaseFacts(other) : undefined,
        firstPort: firstPort(other),
      });
    }
  }
  return targets;
}

/** The edge from `s` to `t`: a connection, a `dependsOn` on a job, or a warning where Kubernetes has no such edge. */
function addEdge(s: Service, t: Service, plan: ConstructPlan, vars: Record<string, Value> | undefined, warnings: ImportWarning[]): void {
  const target = t.n.name;
  if (s.kind === 'Database' || t.kind === 'Worker') {
    // Kubernetes orders starts only by connections and jobs: no other edge has a meaning there.
    const why =
      s.kind === 'Database'
        ? 'a Database waits for nothing'
        : `'${target}' is a continuous Worker, which listens on no port: only connections and run-once jobs order the start`;
    warn(warnings, plan.comments, `services.${s.n.name}.depends_on`, `'${target}' not mapped: ${why}`);
  } else if (t.kind === 'run-once Worker') {
    plan.dependsOn.push(t.variable);
  } else {
    // A database the service only depends on: its standard variables (<PREFIX>_HOST, _URL...) unless the service sets one of those names.
    const injected = (['HOST', 'PORT', 'URL', 'NAME', 'USER', 'PASSWORD'] as const).map((o) => connectionVariable(toEnvPrefix(t.name), o));
    const plain = t.kind === 'Database' && !vars && !injected.some((v) => v in s.n.environment);
    plan.connections.push({ target: t.variable, env: plain ? undefined : (vars ?? {}) });
  }
}

/** The file header: what the app is, the project's notes, and the top-level keys that do not carry over. */
function headerOf(project: ComposeProject, composeFileLabel: string, warnings: ImportWarning[]): string[] {
  const header: string[] = [
    `Generated by \`cdk8s-compose import ${composeFileLabel}\`: one definition for Kubernetes and Compose.`,
    'Lines starting with `compose:` name what the import did not carry; the same warnings went to stderr.',
    "Paths (build contexts, source mounts) are relative to the Compose file's folder: run `cdk8s synth` there.",
    'Workloads run as a non-root user (10001) on a read-only root filesystem with a writable /tmp, the',
    "library's defaults: an image that needs root or writes elsewhere says so with `security`.",
  ];
  header.push(...project.warnings.filter((x) => !x.key.startsWith('services.')).map(commentOf));
  // Top-level networks and volumes: the library declares its own, so their settings do not carry over.
  for (const [section, entries] of [
    ['networks', project.networks],
    ['volumes', project.volumes],
  ] as const) {
    for (const [name, settings] of Object.entries(entries)) {
      if (isMapping(settings) && Object.keys(settings).length > 0) {
        warn(warnings, header, `${section}.${name}`, `${Object.keys(settings).sort().join(', ')}: the library declares its ${section} itself`);
      }
    }
  }
  if (Object.keys(project.configs).length > 0) {
    warn(warnings, header, 'configs', 'use configFiles with the content');
  }
  return header;
}

function firstPort(s: Service): number | undefined {
  return s.engine ? s.engine.port : s.n.ports.find((p) => p.protocol === 'tcp')?.target;
}

function mapApp(s: Service, project: ComposeProject, warnings: ImportWarning[]): ConstructPlan {
  const { n } = s;
  const comments = s.comments;
  const skip = (key: string, why: string) => warn(warnings, comments, `services.${n.name}.${key}`, why);
  const remark = (key: string, why: string) => warn(warnings, comments, `services.${n.name}.${key}`, why, true);
  const notes: AppNotes = { skip, remark };
  commonUnmapped(s, warnings);
  let image = n.image;
  if (image === undefined) {
    image = `${dnsLabel(project.name) || 'app'}-${s.name}`;
    remark('image', `not set: Compose tags the build '${image}', used here; set the registry image Kubernetes pulls`);
  }
  const build = buildOf(n.build, project.dir, notes);
  const ports = portsProp(n.ports, s.kind === 'WebService', skip);
  const runOnce = s.kind === 'run-once Worker';
  const healthCheck = healthCheckOf(n.healthcheck, runOnce, notes);
  if (n.restart === 'no' && !runOnce) {
    skip('restart', `'no' not mapped: a ${s.kind} is restarted when it stops`);
  }
  const security: Record<string, Value | undefined> = {};
  mapUser(n.user, security, notes);
  const mounts = mapVolumes(n, s.kind, project.dir, security, notes);
  const secretFiles = secretFilesOf(n.secrets, project, notes);
  return {
    compose: n.name,
    kind: s.kind === 'WebService' ? 'WebService' : 'Worker',
    id: s.id,
    variable: s.variable,
    comments,
    connections: [],
    dependsOn: [],
    props: {
      name: s.name,
      image,
      build,
      runOnce: runOnce ? true : undefined,
      replicas: runOnce ? undefined : (n.replicas ?? (s.kind === 'WebService' ? 1 : undefined)),
      ports,
      command: n.entrypoint && n.entrypoint.length > 0 ? n.entrypoint : undefined,
      args: n.command && n.command.length > 0 ? n.command : undefined,
      env: undefined,
      healthCheck,
      resources: resourcesOf(n.resources, false),
      security: Object.values(security).some((v) => v !== undefined) ? security : undefined,
      secretFiles: secretFiles.length > 0 ? secretFiles : undefined,
      profiles: n.profiles.length > 0 ? [...n.profiles].sort() : undefined,
      networks: networksProp(n.networks),
      dev: mounts.length > 0 ? { mounts } : undefined,
    },
  };
}
