import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { threadId } from 'worker_threads';
import type * as TS from 'typescript';
import { joinPath } from './finding';

/**
 * The declared fields of Kubernetes kinds, for the unknown-field check. kubernetes-models
 * ships its OpenAPI definitions as compiled validators, which accept unknown keys, and as
 * `.d.ts` interfaces, which list every declared field. Reading the interfaces takes the
 * TypeScript compiler (~0.6 s per process: every jest test file that validates output pays it
 * again), so the result, a small graph of plain data, is kept in a cache file: later
 * processes read it in a few milliseconds. The file is named after the kinds, this library's
 * version and the form of the file; it lists every package the types were read from (TypeScript,
 * kubernetes-models, its @kubernetes-models dependencies) with its version, and is used only
 * when each still has that version and every node it refers to exists.
 */

/** One node: what a declared type allows. */
interface FieldNode {
  /** Anything: a primitive (the schema check's job), `any`, or an empty interface ("any JSON"). */
  readonly any: boolean;
  /** Declared properties: their nodes. */
  readonly props: ReadonlyMap<string, number>;
  /** A list's element, when the type is (or may be) a list. */
  readonly element?: number;
  /** The value of a `{ [key: string]: T }` map: labels, annotations, resource limits, ConfigMap data... */
  readonly mapValue?: number;
}

/** A kind whose fields the index holds: `apiVersion/Kind` and its `.d.ts` file. */
export interface IndexedKind {
  readonly id: string;
  readonly kind: string;
  readonly dtsPath: string;
}

/** The cache file's form: nodes by id, props as [name, node] pairs. */
interface CachedIndex {
  readonly format: number;
  readonly key: string;
  /** The folder of each package the types were read from, and its version then. */
  readonly packages: Array<[string, string]>;
  readonly roots: Record<string, number>;
  readonly nodes: Array<{ any?: true; props?: Array<[string, number]>; element?: number; mapValue?: number }>;
}

/** Bumped whenever the cache file's form or the way nodes are derived changes. */
const FORMAT = 2;

/** Nodes by id, and the node of each kind's object. */
interface Graph {
  readonly roots: ReadonlyMap<string, number>;
  readonly nodes: readonly FieldNode[];
}

/** Kubernetes kinds' declared fields: where an object has a key its kind does not declare. */
export class FieldIndex {
  /**
   * The index of `kinds`: from the cache file in `cacheDir` when one matches, else built with
   * TypeScript and written there (nothing is written when `cacheDir` is undefined or not
   * writable: the check never fails for its cache).
   */
  public static of(typescript: () => typeof TS, kinds: IndexedKind[], cacheDir: string | undefined): FieldIndex {
    const sorted = [...kinds].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const key = createHash('sha256')
      .update(JSON.stringify({ format: FORMAT, library: packageOf(__filename, 'cdk8s-compose')?.version, kinds: sorted.map((k) => k.id) }))
      .digest('hex');
    const file = cacheDir === undefined ? undefined : path.join(cacheDir, `kubernetes-fields-${key.slice(0, 16)}.json`);
    const cached = file === undefined ? undefined : readCache(file, key);
    if (cached) {
      return new FieldIndex(cached);
    }
    const ts = typescript();
    const built = build(ts, sorted);
    if (file !== undefined) {
      writeCache(file, { format: FORMAT, key, packages: built.packages, roots: Object.fromEntries(built.roots), nodes: built.nodes.map(toCached) });
    }
    return new FieldIndex(built);
  }

  private constructor(private readonly graph: Graph) {}

  /** Whether the index holds `id` (`apiVersion/Kind`). */
  public has(id: string): boolean {
    return this.graph.roots.has(id);
  }

  /** The paths of the keys of `object` (of kind `id`) that its declared type lacks, recursively. */
  public unknownFields(id: string, object: unknown): string[] {
    const root = this.graph.roots.get(id);
    const out: string[] = [];
    if (root !== undefined) {
      this.walk(object, root, '', out);
    }
    return out;
  }

  private walk(value: unknown, id: number, at: string, out: string[]): void {
    if (value === null || typeof value !== 'object') {
      return; // primitives: the schema check's job
    }
    const node = this.graph.nodes[id];
    if (node.any) {
      return;
    }
    if (Array.isArray(value)) {
      if (node.element !== undefined) {
        value.forEach((item, i) => this.walk(item, node.element!, joinPath(at, i), out));
      }
      return;
    }
    if (node.props.size === 0 && node.mapValue === undefined) {
      return; // an empty interface means "any JSON"
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = joinPath(at, key);
      const prop = node.props.get(key);
      if (prop !== undefined) {
        this.walk(child, prop, childPath, out);
      } else if (node.mapValue !== undefined) {
        this.walk(child, node.mapValue, childPath, out);
      } else {
        out.push(childPath);
      }
    }
  }
}

function toCached(n: FieldNode): CachedIndex['nodes'][number] {
  return {
    ...(n.any ? { any: true as const } : {}),
    ...(n.props.size > 0 ? { props: [...n.props] } : {}),
    ...(n.element !== undefined ? { element: n.element } : {}),
    ...(n.mapValue !== undefined ? { mapValue: n.mapValue } : {}),
  };
}

/**
 * Reads every type reachable from the kinds' `I<Kind>` interfaces into nodes. A type's node
 * is its non-nullable form: a union's object members' properties (the first declaration of a
 * name wins), its list member's element, and its string index signature.
 */
function build(ts: typeof TS, kinds: IndexedKind[]): Graph & { packages: Array<[string, string]> } {
  const program = ts.createProgram(
    kinds.map((k) => k.dtsPath),
    { noEmit: true, strict: true, skipLibCheck: true, types: [], lib: ['lib.es5.d.ts'] },
  );
  const checker = program.getTypeChecker();
  const ids = new Map<TS.Type, number>();
  const nodes: FieldNode[] = [];
  const pending: Array<[TS.Type, number]> = [];
  const idOf = (type: TS.Type): number => {
    let id = ids.get(type);
    if (id === undefined) {
      id = nodes.length;
      ids.set(type, id);
      nodes.push({ any: true, props: new Map() });
      pending.push([type, id]);
    }
    return id;
  };
  const roots = new Map<string, number>();
  for (const k of kinds) {
    const sourceFile = program.getSourceFile(k.dtsPath);
    const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
    const iface = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === `I${k.kind}`);
    if (iface) {
      roots.set(k.id, idOf(checker.getDeclaredTypeOfSymbol(iface)));
    }
  }
  while (pending.length > 0) {
    const [type, id] = pending.pop()!;
    const t = checker.getNonNullableType(type);
    if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive)) {
      continue; // stays "anything"
    }
    const members = t.isUnion() ? t.types : [t];
    const arrayType = members.find((m) => checker.isArrayType(m));
    const objects = members.filter((m) => m.flags & ts.TypeFlags.Object && !checker.isArrayType(m));
    if (objects.length === 0 && !arrayType) {
      continue; // a primitive
    }
    const props = new Map<string, number>();
    for (const o of objects) {
      for (const p of checker.getPropertiesOfType(o)) {
        if (!props.has(p.name)) {
          props.set(p.name, idOf(checker.getTypeOfSymbol(p)));
        }
      }
    }
    const element = arrayType && checker.getIndexTypeOfType(arrayType, ts.IndexKind.Number);
    const mapValue = objects.map((o) => checker.getIndexTypeOfType(o, ts.IndexKind.String)).find((x) => x);
    nodes[id] = { any: false, props, element: element ? idOf(element) : undefined, mapValue: mapValue ? idOf(mapValue) : undefined };
  }
  // The packages whose declarations the program read (TypeScript's own lib files, then every
  // other file's nearest package.json): the cache file is good while each keeps its version.
  const packages = new Map<string, string>();
  for (const file of [require.resolve('typescript'), ...program.getSourceFiles().map((f) => f.fileName)]) {
    const pkg = packageOf(file);
    if (pkg) {
      packages.set(pkg.dir, pkg.version);
    }
  }
  return { roots, nodes, packages: [...packages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}

function readCache(file: string, key: string): Graph | undefined {
  try {
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as CachedIndex;
    if (c.format !== FORMAT || c.key !== key || !c.packages.every(([dir, version]) => packageOf(path.join(dir, 'package.json'))?.version === version)) {
      return undefined;
    }
    const count = c.nodes.length;
    const isNode = (id: unknown) => id === undefined || (Number.isInteger(id) && (id as number) >= 0 && (id as number) < count);
    const valid =
      Object.values(c.roots).every((id) => id !== undefined && isNode(id)) &&
      c.nodes.every(
        (n) => isNode(n.element) && isNode(n.mapValue) && (n.props ?? []).every(([name, id]) => typeof name === 'string' && id !== undefined && isNode(id)),
      );
    if (!valid) {
      return undefined;
    }
    return {
      roots: new Map(Object.entries(c.roots)),
      nodes: c.nodes.map((n) => ({ any: n.any === true, props: new Map(n.props ?? []), element: n.element, mapValue: n.mapValue })),
    };
  } catch {
    return undefined; // absent, unreadable or damaged: built again
  }
}

function writeCache(file: string, index: CachedIndex): void {
  // Written aside, then renamed: a process reading it meanwhile sees the old file or the new
  // one. The name is unique per process, thread and write (jest's worker threads share a pid).
  const temporary = `${file}.${process.pid}.${threadId}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, JSON.stringify(index));
    fs.renameSync(temporary, file);
  } catch {
    // A read-only node_modules: the next process builds the index again.
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // best effort
    }
  }
}

/**
 * The package a file belongs to: the nearest package.json above it (named `name`, when given),
 * its folder and version.
 */
export function packageOf(file: string, name?: string): { dir: string; version: string } | undefined {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if ((name === undefined || pkg.name === name) && typeof pkg.version === 'string') {
        return { dir, version: pkg.version };
      }
    } catch {
      // no package.json here (or not JSON): look further up
    }
  }
  return undefined;
}
