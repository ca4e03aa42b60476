import * as fs from 'fs';
import * as path from 'path';
import { isMutableImage, splitImage } from '../shared/naming/images';
import { isPortName } from '../shared/naming/limits';
import { connectionVariable, toEnvPrefix } from '../shared/naming/variables';
import { normalizeImage } from '../concerns/container/props';
import type { ConstructKind, Service } from '../concerns/database/classify.import';
import { engineOfImage, isTcpPort } from '../concerns/database/classify.import';
import { commonUnmapped, databaseFacts, mapDatabase } from '../concerns/database/import';
import type { AppPlan, ConstructPlan, Value } from './emit';
import { Code, importsOf, printValue } from './emit';
import type { EnvTarget } from '../concerns/env/import';
import { mapEnvironment } from '../concerns/env/import';
import type { NormalizedService } from './normalize';
import { normalizeService } from './normalize';
import { commentOf, warn } from './notes';
import type { ImportWarning } from './problems';
import { ImportError, isMapping } from './problems';
import { resourcesOf } from '../concerns/container/import';
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

const RESERVED = new Set(
  (
    'app chart break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof ' +
    'new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await ' +
    'arguments eval undefined Duration App AppChart Database WebService Worker EnvValue HealthCheck Cpu Memory'
  ).split(' '),
);

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

/** Why `s` cannot depend on `t`, or undefined. */
function refusal(s: Service, t: Service, declared: Set<string>): string | undefined {
  if (!declared.has(t.n.name)) {
    return `it would close a dependency cycle`;
  }
  const missing = s.n.profiles.filter((p) => !t.n.profiles.includes(p));
  if (t.n.profiles.length > 0 && (s.n.profiles.length === 0 || missing.length > 0)) {
    return `'${t.n.name}' starts only under the profiles ${t.n.profiles.join(', ')}, which '${s.n.name}' does not share`;
  }
  return undefined;
}

/**
 * Databases first, then the rest in dependency order: `depends_on` and `links` edges first,
 * then edges of environment values that name a service where they allow it (names break ties).
 * A cycle through environment values is cut there, so that no `depends_on` edge is lost to it.
 */
function emissionOrder(normalized: NormalizedService[], services: Map<string, Service>): string[] {
  const names = new Set(services.keys());
  const hard = new Map<string, string[]>();
  const soft = new Map<string, string[]>();
  for (const n of normalized) {
    hard.set(
      n.name,
      [...Object.keys(n.dependsOn), ...n.links].filter((t) => t !== n.name),
    );
    soft.set(
      n.name,
      Object.values(n.environment).flatMap((value) => [...names].filter((other) => other !== n.name && mentionsHost(value, other))),
    );
  }
  const done: string[] = [...names].filter((n) => services.get(n)!.kind === 'Database').sort();
  const rest = [...names].filter((n) => !done.includes(n)).sort();
  const satisfied = (edges: string[]) => edges.every((t) => done.includes(t));
  while (rest.length > 0) {
    const ready = rest.filter((n) => satisfied(hard.get(n)!));
    const next = ready.find((n) => satisfied(soft.get(n)!)) ?? ready[0] ?? rest[0];
    done.push(next);
    rest.splice(rest.indexOf(next), 1);
  }
  return done;
}

function mentionsHost(value: string, host: string): boolean {
  return new RegExp(`(^|[/@=,\\s])${escape(host)}([:/?,\\s]|$)`).test(value);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function firstPort(s: Service): number | undefined {
  return s.engine ? s.engine.port : s.n.ports.find((p) => p.protocol === 'tcp')?.target;
}

/** The lowest user and group id the output checks accept without a practice finding (monokle KBP104/KBP105). */
const MIN_ID = 10000;

/** How a mapping step reports a key: `skip` for what it leaves out, `remark` for what it carries with a caveat. */
interface AppNotes {
  readonly skip: (key: string, why: string) => void;
  readonly remark: (key: string, why: string) => void;
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
  const build = buildOf(n, project, notes);
  const ports = s.kind === 'WebService' ? portsOf(n, skip) : undefined;
  if (s.kind !== 'WebService') {
    for (const p of n.ports) {
      skip('ports', `'${p.text}' is ${p.protocol.toUpperCase()}: only TCP ports are supported`);
    }
  }
  const runOnce = s.kind === 'run-once Worker';
  const healthCheck = healthCheckOf(n, runOnce, notes);
  if (n.restart === 'no' && !runOnce) {
    skip('restart', `'no' not mapped: a ${s.kind} is restarted when it stops`);
  }
  const security: Record<string, Value | undefined> = {};
  mapUser(n, security, notes);
  const mounts = mapVolumes(s, project, security, notes);
  const secretFiles = secretFilesOf(n, project, notes);
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
      resources: resourcesOf(n, false),
      security: Object.values(security).some((v) => v !== undefined) ? security : undefined,
      secretFiles: secretFiles.length > 0 ? secretFiles : undefined,
      profiles: n.profiles.length > 0 ? [...n.profiles].sort() : undefined,
      networks: n.networks.length > 0 ? [...n.networks].sort() : undefined,
      dev: mounts.length > 0 ? { mounts } : undefined,
    },
  };
}

/** The `build` prop: a context inside the project folder, or none (Compose then pulls the image). */
function buildOf(n: NormalizedService, project: ComposeProject, { skip, remark }: AppNotes): Value | undefined {
  if (!n.build) {
    return undefined;
  }
  const context = projectPath(n.build.context);
  if (context === undefined) {
    skip('build.context', `'${n.build.context}' is outside the project folder (or a URL): the build is not carried, Compose pulls the image`);
    return undefined;
  }
  if (!fs.existsSync(path.join(project.dir, context))) {
    remark('build.context', `'${n.build.context}' is not here: the reference is carried over as written`);
  }
  const build: Value = {
    context,
    dockerfile: n.build.dockerfile && !n.build.dockerfile.startsWith('/') ? n.build.dockerfile : undefined,
    target: n.build.target,
    args: Object.keys(n.build.args).length > 0 ? sortedRecord(n.build.args) : undefined,
  };
  if (n.build.dockerfile?.startsWith('/')) {
    skip('build.dockerfile', `'${n.build.dockerfile}' is absolute: the context's Dockerfile is used`);
  }
  return build;
}

/** The `healthCheck` prop: `HealthCheck.command(...)` from a healthcheck test, with its timings in whole seconds. */
function healthCheckOf(n: NormalizedService, runOnce: boolean, { skip, remark }: AppNotes): Value | undefined {
  const h = n.healthcheck;
  if (!h || h.disabled) {
    return undefined;
  }
  if (runOnce) {
    skip('healthcheck', 'a run-once job is judged by its exit code');
    return undefined;
  }
  if (!h.test) {
    skip('healthcheck', "no test: the image's own HEALTHCHECK is not carried (give HealthCheck.command)");
    return undefined;
  }
  const options: Record<string, Value | undefined> = {};
  const seconds = (what: string, v: number | undefined) => {
    if (v === undefined) {
      return undefined;
    }
    const whole = Math.max(1, Math.ceil(v));
    if (whole !== v) {
      remark(`healthcheck.${what}`, `${v}s rounded up to ${whole}s (probes count whole seconds)`);
    }
    return new Code(`Duration.seconds(${whole})`, ['Duration']);
  };
  options.interval = seconds('interval', h.interval);
  options.timeout = seconds('timeout', h.timeout);
  options.failureThreshold = h.retries !== undefined && h.retries > 0 ? h.retries : undefined;
  options.startPeriod = h.startPeriod ? seconds('start_period', h.startPeriod) : undefined;
  if (h.startInterval !== undefined) {
    skip('healthcheck.start_interval', 'Compose v2 only');
  }
  const defined = Object.values(options).some((v) => v !== undefined);
  return new Code(`HealthCheck.command(${[h.test as Value, ...(defined ? [options as Value] : [])].map((v) => printInline(v)).join(', ')})`, [
    'HealthCheck',
    ...importsOf(options as Value),
  ]);
}

/** `security.runAsUser` and `runAsGroup` from a numeric `user` at or above MIN_ID; anything else keeps the library's user. */
function mapUser(n: NormalizedService, security: Record<string, Value | undefined>, { skip }: AppNotes): void {
  if (n.user === undefined) {
    return;
  }
  const m = /^(\d+)(?::(\d+))?$/.exec(n.user);
  // Ids below 10000 (root included) fail the output checks' practice rules (KBP104, KBP105, KBP109).
  const low = `below ${MIN_ID} (root included) fail the output checks (practice rules KBP104, KBP105, KBP109): the library's user 10001 is used; set security.runAsUser if the image needs it`;
  if (!m) {
    skip('user', `'${n.user}' is not numeric (${n.user === 'root' ? 'root and ids ' : 'names cannot be checked; ids '}${low})`);
  } else if (Number(m[1]) < MIN_ID) {
    skip('user', `'${n.user}': ids ${low}`);
  } else {
    security.runAsUser = Number(m[1]);
    if (m[2] !== undefined && Number(m[2]) >= MIN_ID) {
      security.runAsGroup = Number(m[2]);
    } else if (m[2] !== undefined) {
      skip(
        'user',
        `group ${m[2]} of '${n.user}': ids ${low.replace('user 10001 is used; set security.runAsUser', 'group is the user id; set security.runAsGroup')}`,
      );
    }
  }
}

/**
 * The volumes of an app: tmpfs targets become `security.writablePaths`, bind mounts inside the
 * project become source mounts (returned, for `dev.mounts`); other volumes are not mapped.
 */
function mapVolumes(s: Service, project: ComposeProject, security: Record<string, Value | undefined>, { skip, remark }: AppNotes): Value[] {
  const { n } = s;
  const writable = new Set(n.tmpfs.filter((t) => t !== '/tmp'));
  const mounts: Value[] = [];
  for (const v of n.volumes) {
    if (v.type === 'tmpfs') {
      if (v.target !== '/tmp') {
        writable.add(v.target);
      }
    } else if (v.type === 'bind') {
      const source = v.source === undefined ? undefined : projectPath(v.source);
      if (source === undefined) {
        skip('volumes', `'${v.text}': the source is outside the project folder (host paths and sockets are not mounted)`);
        continue;
      }
      if (!fs.existsSync(path.join(project.dir, source))) {
        remark('volumes', `'${v.text}': the source is not here; the mount is carried over as written`);
      }
      mounts.push({ source, target: v.target, readOnly: v.readOnly ? true : undefined });
      remark('volumes', `'${v.text}' is a source mount, in Compose only (dev.mounts): Kubernetes runs the image's own files`);
    } else {
      skip(
        'volumes',
        `'${v.text}': a ${v.type === 'volume' ? 'named or anonymous volume' : v.type} is not mapped for a ${s.kind} (persistent data belongs in a Database)`,
      );
    }
  }
  if (writable.size > 0) {
    security.writablePaths = [...writable].sort();
  }
  return mounts;
}

/** The `secretFiles` prop: each secret as a file from the secrets folder, with where its development value was. */
function secretFilesOf(n: NormalizedService, project: ComposeProject, { remark }: AppNotes): Value[] {
  const secretFiles: Value[] = [];
  for (const secret of n.secrets) {
    const target = secret.target.startsWith('/') ? secret.target : `/run/secrets/${secret.target}`;
    const secretName = dnsLabel(secret.source) || 'secret';
    const top = project.secrets[secret.source];
    secretFiles.push({ path: target, secretName, key: 'value' });
    if (isMapping(top) && typeof top.file === 'string') {
      const exists = fs.existsSync(path.join(project.dir, top.file));
      remark('secrets', `${secret.source}: the development value was the file ${top.file}; put it in the secrets folder as ${secretName}/value`);
      if (!exists) {
        remark('secrets', `${secret.source}: the file ${top.file} is not here; the reference is kept in a comment`);
      }
    } else if (isMapping(top) && typeof top.environment === 'string') {
      remark('secrets', `${secret.source}: the development value was the variable ${top.environment}; put it in the secrets folder as ${secretName}/value`);
    }
  }
  return secretFiles;
}

function printInline(v: Value): string {
  return printValue(v, 1);
}

function portsOf(n: NormalizedService, skip: (key: string, why: string) => void): Value[] {
  const byTarget = new Map<number, Record<string, Value | undefined>>();
  const tcp = n.ports.filter((p) => p.protocol === 'tcp');
  for (const p of n.ports) {
    if (p.protocol !== 'tcp') {
      skip('ports', `'${p.text}' is ${p.protocol.toUpperCase()}: only TCP ports are supported`);
    }
  }
  const distinct = new Set(tcp.map((p) => p.target)).size;
  const names = new Set<string>();
  for (const p of tcp) {
    const existing = byTarget.get(p.target);
    if (existing) {
      if (p.published !== undefined || p.ephemeral) {
        skip('ports', `'${p.text}': container port ${p.target} is published once (the first entry)`);
      }
      continue;
    }
    if (p.ephemeral) {
      skip('ports', `'${p.text}' is published on a host port Compose picks: not published (set publish)`);
    }
    const protocol =
      p.appProtocol === 'grpc'
        ? 'GRPC'
        : p.appProtocol === 'h2c'
          ? 'H2C'
          : p.appProtocol === 'tcp' || (p.appProtocol === undefined && isTcpPort(p.target))
            ? 'TCP'
            : undefined;
    const base = protocol === 'TCP' ? 'tcp' : protocol === 'GRPC' ? 'grpc' : 'http';
    let name = p.name && isPortName(p.name) ? p.name : distinct === 1 ? base : `${base}-${p.target}`;
    if (names.has(name)) {
      name = `${base}-${p.target}`;
    }
    names.add(name);
    let publishAddress: string | undefined;
    if (p.published !== undefined && p.hostIp !== undefined && p.hostIp !== '127.0.0.1') {
      if (/^[\d.]+$|:/.test(p.hostIp)) {
        publishAddress = p.hostIp;
      } else {
        skip('ports', `'${p.text}': host_ip '${p.hostIp}' is not an IP address; published on 127.0.0.1`);
      }
    }
    byTarget.set(p.target, {
      name,
      port: p.target,
      protocol: protocol ? new Code(`AppProtocol.${protocol}`, ['AppProtocol']) : undefined,
      publish: p.published,
      publishAddress,
    });
  }
  return [...byTarget.values()] as Value[];
}

/** A path inside the project folder, as the library writes it (`services/api`, `.`), or undefined. */
function projectPath(p: string): string | undefined {
  if (p.startsWith('/') || p.startsWith('~') || /^[a-z]+:\/\//i.test(p) || p.includes(':') || p.startsWith('git@')) {
    return undefined;
  }
  const normal = path.posix.normalize(p).replace(/\/$/, '');
  return normal.startsWith('..') || normal === '' ? undefined : normal;
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A DNS label from a Compose name: lower case, `_` and other characters as `-`. */
export function dnsLabel(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

function camel(name: string): string {
  const c = name.replace(/-([a-z0-9])/g, (_m, ch: string) => ch.toUpperCase());
  return /^[0-9]/.test(c) ? `s${c}` : c;
}

function pascal(name: string): string {
  const c = camel(name);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

function unique(candidate: string, used: Set<string>): string {
  let name = RESERVED.has(candidate) ? `${candidate}Service` : candidate;
  for (let i = 2; used.has(name); i++) {
    name = `${candidate}${i}`;
  }
  used.add(name);
  return name;
}
