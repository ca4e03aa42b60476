/**
 * Writes the generated TypeScript: a cdk8s app that imports from `cdk8s-compose`, one
 * construct per Compose service in dependency order, each preceded by the comments that say
 * what the import kept out. Keys are written in a fixed order, lists sorted: the same Compose
 * file always gives the same code.
 */

/** A name the generated code imports: from `cdk8s` (`Duration`) or from `cdk8s-compose`. */
export type ImportedName =
  'AppProtocol' | 'Cpu' | 'Database' | 'DatabaseCredentials' | 'DatabaseEngine' | 'Duration' | 'EnvValue' | 'HealthCheck' | 'Memory' | 'WebService' | 'Worker';

/** TypeScript code written as is, with the names it uses (the generated imports are these names, nothing else). */
export class Code {
  constructor(
    public readonly code: string,
    public readonly imports: readonly ImportedName[] = [],
  ) {}
}

/** The names the Code inside `value` uses. */
export function importsOf(value: Value | undefined): ImportedName[] {
  if (value === undefined || typeof value !== 'object') {
    return [];
  }
  if (value instanceof Code) {
    return [...value.imports];
  }
  return (Array.isArray(value) ? value : Object.values(value)).flatMap((v) => importsOf(v));
}

/** A value of a generated props object. */
export type Value = Code | string | number | boolean | Value[] | { readonly [key: string]: Value | undefined };

/** One construct of the generated app. */
export interface ConstructPlan {
  /** The Compose service it comes from. */
  readonly compose: string;
  readonly kind: 'Database' | 'WebService' | 'Worker';
  readonly id: string;
  readonly variable: string;
  /** Props in the order they are written; undefined ones are left out. */
  readonly props: Record<string, Value | undefined>;
  /** Comment lines written above the construct (without `// `). */
  readonly comments: string[];
  /** `connectTo` calls: the target's variable and the env option (undefined: the default variables). */
  readonly connections: Array<{ readonly target: string; readonly env?: Record<string, Value> }>;
  /** `dependsOn` calls: the target's variable. */
  readonly dependsOn: string[];
}

/** The whole generated app. */
export interface AppPlan {
  readonly composeFile: string;
  readonly appName: string;
  readonly constructs: ConstructPlan[];
  /** Comment lines of the file header. */
  readonly header: string[];
}

/** The generated source of an app. */
export function emitApp(plan: AppPlan): string {
  const referenced = new Set(plan.constructs.flatMap((c) => [...c.connections.map((x) => x.target), ...c.dependsOn]));
  const body: string[] = [];
  for (const c of plan.constructs) {
    body.push('');
    body.push(...c.comments.map((line) => `// ${line}`));
    const uses = referenced.has(c.variable) || c.connections.length > 0 || c.dependsOn.length > 0 || usesVariable(plan, c.variable);
    const props = printValue(c.props as Value, 0);
    body.push(`${uses ? `const ${c.variable} = ` : ''}new ${c.kind}(chart, ${quote(c.id)}, ${props});`);
    for (const link of c.connections) {
      body.push(`${c.variable}.connectTo(${link.target}${link.env === undefined ? '' : `, ${printValue({ env: link.env }, 0, true)}`});`);
    }
    for (const d of c.dependsOn) {
      body.push(`${c.variable}.dependsOn(${d});`);
    }
  }
  const text = body.join('\n');
  // The names the code uses, from what is emitted (never from comments or strings).
  const used = new Set<string>(plan.constructs.flatMap((c) => [c.kind, ...importsOf(c.props as Value), ...c.connections.flatMap((l) => importsOf(l.env))]));
  const fromLibrary = ['App', 'AppChart', ...[...used].filter((n) => n !== 'Duration').sort()];
  const imports = [...(used.has('Duration') ? ["import { Duration } from 'cdk8s';"] : []), `import { ${fromLibrary.join(', ')} } from 'cdk8s-compose';`];
  return [
    ...plan.header.map((line) => `// ${line}`.trimEnd()),
    ...imports,
    '',
    'const app = new App();',
    `const chart = new AppChart(app, ${quote(plan.appName)});`,
    text,
    '',
    'app.synth();',
    '',
  ].join('\n');
}

function usesVariable(plan: AppPlan, variable: string): boolean {
  const pattern = new RegExp(`\\b${variable}\\.connection\\b`);
  return plan.constructs.some((c) => c.variable !== variable && c.connections.some((l) => l.env && pattern.test(printValue(l.env, 0))));
}

/** A TypeScript string literal in single quotes. */
export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Prints a value at an indentation depth; short lists and objects stay on one line. */
export function printValue(value: Value, depth: number, inline = depth > 0): string {
  if (value instanceof Code) {
    return value.code;
  }
  if (typeof value === 'string') {
    return quote(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (Array.isArray(value)) {
    const items = value.map((v) => printValue(v, depth + 1));
    const line = `[${items.join(', ')}]`;
    return line.length <= 100 && !line.includes('\n') ? line : `[\n${items.map((i) => `${pad}${i},`).join('\n')}\n${end}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined) as Array<[string, Value]>;
  if (entries.length === 0) {
    return '{}';
  }
  const items = entries.map(([k, v]) => `${IDENTIFIER.test(k) ? k : quote(k)}: ${printValue(v, depth + 1)}`);
  const line = `{ ${items.join(', ')} }`;
  return inline && line.length <= 100 && !line.includes('\n') ? line : `{\n${items.map((i) => `${pad}${i},`).join('\n')}\n${end}}`;
}
