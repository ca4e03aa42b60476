import type * as TS from 'typescript';
import { MONITOR_KINDS } from '../model/naming';
import { Check, describeAjvError, Finding, joinPath, optionalRequire, pointerToPath, ValidationResult } from './finding';

/** Options of the Kubernetes checks. */
export interface KubernetesCheckOptions {
  /**
   * Kinds without a schema (CRDs) to accept unchecked, as `Kind` or `apiVersion/Kind`.
   * ExternalSecret, SealedSecret, ServiceMonitor and PodMonitor, which this library renders,
   * are always accepted.
   * @default - only those four
   */
  readonly skipKinds?: string[];
  /**
   * Also check for unknown fields (needs the `typescript` package; ~0.5 s the first time).
   * @default true
   */
  readonly unknownFields?: boolean;
}

const ALWAYS_SKIPPED = ['ExternalSecret', 'SealedSecret', ...MONITOR_KINDS];
const INSTALL = 'kubernetes-models@4 @kubernetes-models/validate@4';

interface KubernetesModel {
  /** Model class; `validate()` throws an ajv error carrying `errors`. */
  readonly ctor: new (data: unknown) => { validate(): void };
  /** The OpenAPI-generated `.d.ts` next to the model, walked for unknown fields. */
  readonly dtsPath: string;
}

/** kubernetes-models lays modules out as `kubernetes-models/<apiVersion>/<Kind>`. */
function loadModel(apiVersion: string, kind: string): KubernetesModel | undefined {
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return undefined;
  }
  const id = `kubernetes-models/${apiVersion}/${kind}`;
  let jsPath: string;
  try {
    jsPath = require.resolve(id);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ctor = require(id)[kind];
  // Nested types share the naming scheme (e.g. `apps/v1/DeploymentSpec`): only top-level kinds count.
  if (typeof ctor !== 'function' || ctor.kind !== kind || ctor.apiVersion !== apiVersion) {
    return undefined;
  }
  return { ctor, dtsPath: jsPath.replace(/\.js$/, '.d.ts') };
}

/**
 * kubernetes-models ships its OpenAPI definitions as compiled validators, which accept
 * unknown keys, and as `.d.ts` interfaces, which list every declared field. This index
 * reads the interfaces with the TypeScript compiler API to walk objects field by field.
 * The program is built once (~0.5 s) and rebuilt only when a new kind shows up.
 */
class TypeIndex {
  private static readonly COMMON = [
    'v1/Service',
    'v1/ConfigMap',
    'v1/Secret',
    'v1/ServiceAccount',
    'v1/Namespace',
    'v1/PersistentVolumeClaim',
    'apps/v1/Deployment',
    'apps/v1/StatefulSet',
    'batch/v1/Job',
    'batch/v1/CronJob',
    'networking.k8s.io/v1/Ingress',
    'networking.k8s.io/v1/NetworkPolicy',
    'policy/v1/PodDisruptionBudget',
    'autoscaling/v2/HorizontalPodAutoscaler',
    'rbac.authorization.k8s.io/v1/Role',
    'rbac.authorization.k8s.io/v1/RoleBinding',
  ];

  private readonly roots = new Set<string>();
  private checker?: TS.TypeChecker;
  private program?: TS.Program;
  private shapes = new Map<TS.Type, Shape>();

  constructor(private readonly ts: typeof TS) {}

  public load(dtsPaths: string[]): void {
    if (this.roots.size === 0) {
      for (const m of TypeIndex.COMMON) {
        const slash = m.lastIndexOf('/');
        const model = loadModel(m.slice(0, slash), m.slice(slash + 1));
        if (model) {
          this.roots.add(model.dtsPath);
        }
      }
    }
    const before = this.roots.size;
    dtsPaths.forEach((p) => this.roots.add(p));
    if (this.program && this.roots.size === before) {
      return;
    }
    this.program = this.ts.createProgram([...this.roots], { noEmit: true, strict: true, skipLibCheck: true, types: [], lib: ['lib.es5.d.ts'] });
    this.checker = this.program.getTypeChecker();
    this.shapes = new Map();
  }

  public rootType(model: KubernetesModel, kind: string): TS.Type | undefined {
    this.load([model.dtsPath]);
    const checker = this.checker!;
    const sourceFile = this.program!.getSourceFile(model.dtsPath);
    const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
    const iface = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === `I${kind}`);
    return iface && checker.getDeclaredTypeOfSymbol(iface);
  }

  /** Pushes the path of every key of `value` that the declared type lacks, recursively. */
  public unknownFields(value: unknown, type: TS.Type, at: string, out: string[]): void {
    if (value === null || typeof value !== 'object') {
      return; // primitives: the schema check's job
    }
    const shape = this.shapeOf(type);
    if (shape.kind === 'any') {
      return;
    }
    if (Array.isArray(value)) {
      if (shape.element) {
        value.forEach((item, i) => this.unknownFields(item, shape.element!, joinPath(at, i), out));
      }
      return;
    }
    if (shape.props.size === 0 && !shape.mapValue) {
      return; // an empty interface means "any JSON"
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = joinPath(at, key);
      const prop = shape.props.get(key);
      if (prop) {
        this.unknownFields(child, prop, childPath, out);
      } else if (shape.mapValue) {
        this.unknownFields(child, shape.mapValue, childPath, out);
      } else {
        out.push(childPath);
      }
    }
  }

  /** What a declared type allows, computed once per type (the walk visits the same types many times). */
  private shapeOf(type: TS.Type): Shape {
    const cached = this.shapes.get(type);
    if (cached) {
      return cached;
    }
    const ts = this.ts;
    const checker = this.checker!;
    const t = checker.getNonNullableType(type);
    let shape: Shape;
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive)) {
      shape = { kind: 'any', props: new Map() };
    } else {
      const members = t.isUnion() ? t.types : [t];
      const arrayType = members.find((m) => checker.isArrayType(m));
      const objects = members.filter((m) => m.flags & ts.TypeFlags.Object && !checker.isArrayType(m));
      const props = new Map<string, TS.Type>();
      for (const o of objects) {
        for (const p of checker.getPropertiesOfType(o)) {
          if (!props.has(p.name)) {
            props.set(p.name, checker.getTypeOfSymbol(p));
          }
        }
      }
      shape = {
        kind: objects.length === 0 && !arrayType ? 'any' : 'object',
        element: arrayType && checker.getIndexTypeOfType(arrayType, ts.IndexKind.Number),
        props,
        // `{ [key: string]: T }`: labels, annotations, resource limits, ConfigMap data...
        mapValue: objects.map((o) => checker.getIndexTypeOfType(o, ts.IndexKind.String)).find((x) => x),
      };
    }
    this.shapes.set(type, shape);
    return shape;
  }
}

interface Shape {
  readonly kind: 'any' | 'object';
  readonly element?: TS.Type;
  readonly props: Map<string, TS.Type>;
  readonly mapValue?: TS.Type;
}

let typeIndex: TypeIndex | undefined;

/**
 * Checks Kubernetes objects (plain JSON) against the Kubernetes schema (kubernetes-models,
 * Kubernetes 1.33 API: types, required fields, enums) and for unknown fields.
 */
export function checkKubernetes(objects: any[], options: KubernetesCheckOptions = {}): ValidationResult {
  const skipped: string[] = [];
  if (
    typeof optionalRequire('@kubernetes-models/validate', INSTALL) === 'string' ||
    typeof optionalRequire('kubernetes-models/v1/Service', INSTALL) === 'string'
  ) {
    return {
      findings: [],
      skipped: [`${Check.KUBERNETES_SCHEMA}: packages kubernetes-models and @kubernetes-models/validate are not installed (npm install --save-dev ${INSTALL})`],
    };
  }
  let index: TypeIndex | undefined;
  if (options.unknownFields ?? true) {
    const ts = optionalRequire<typeof TS>('typescript', 'typescript@5');
    if (typeof ts === 'string') {
      skipped.push(`${Check.KUBERNETES_UNKNOWN_FIELDS}: ${ts}`);
    } else {
      index = typeIndex ??= new TypeIndex(ts);
      index.load(
        objects
          .map((d) => (typeof d?.apiVersion === 'string' && typeof d?.kind === 'string' ? loadModel(d.apiVersion, d.kind)?.dtsPath : undefined))
          .filter((p): p is string => p !== undefined),
      );
    }
  }
  const skip = new Set([...ALWAYS_SKIPPED, ...(options.skipKinds ?? [])]);
  const findings: Finding[] = [];
  for (const doc of objects) {
    const kind: unknown = doc?.kind;
    const apiVersion: unknown = doc?.apiVersion;
    const object = `${typeof kind === 'string' ? kind : '<no kind>'}/${doc?.metadata?.name ?? '<no name>'}`;
    if (typeof kind !== 'string' || typeof apiVersion !== 'string') {
      findings.push({ check: Check.KUBERNETES_SCHEMA, object, path: '', message: 'apiVersion and kind must be strings' });
      continue;
    }
    if (skip.has(kind) || skip.has(`${apiVersion}/${kind}`)) {
      continue;
    }
    const model = loadModel(apiVersion, kind);
    if (!model) {
      findings.push({ check: Check.KUBERNETES_SCHEMA, object, path: '', message: `no schema for ${apiVersion} ${kind} (a CRD? add it to skipKinds)` });
      continue;
    }
    try {
      new model.ctor(doc).validate();
    } catch (e) {
      const errors = (e as { errors?: Array<{ instancePath: string; message?: string; keyword: string; params: unknown }> }).errors;
      if (!errors) {
        throw e;
      }
      for (const err of errors) {
        findings.push({ check: Check.KUBERNETES_SCHEMA, object, path: pointerToPath(err.instancePath), message: describeAjvError(err) });
      }
    }
    if (index) {
      const root = index.rootType(model, kind);
      const unknown: string[] = [];
      if (root) {
        index.unknownFields(doc, root, '', unknown);
      }
      for (const path of unknown) {
        findings.push({ check: Check.KUBERNETES_UNKNOWN_FIELDS, object, path, message: `unknown field "${path.split(/[.[]/).pop()!.replace(/["\]]/g, '')}"` });
      }
    }
  }
  return { findings, skipped };
}
