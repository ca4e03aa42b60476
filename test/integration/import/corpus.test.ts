import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import * as ts from 'typescript';
import * as lib from '../../../lib';
import { ImportError, importCompose, ImportResult } from '../../../lib/import/index';
import { normalizeService, NormalizedService } from '../../../lib/import/normalize';
import { readProject } from '../../../lib/import/read';
import { envExampleFileName } from '../../../lib/shared/naming/files';
import { Check, validateOutput } from '../../../lib/validation';
import { readOutput, SynthResult } from '../../support/synth';

/**
 * The import corpus: every folder of test/import-corpus/ holds a compose.yaml (and maybe a
 * .env and the files it names). Each is imported, the generated app type-checked with
 * `strict` (one program for all), run, its output validated with the project's output
 * checks, and its Compose file compared with the original on what developers rely on:
 * service names, images or build contexts, container ports, published ports, depends_on
 * edges and the presence of health checks. Every difference must be explained by a warning
 * of the import, or be one the library adds by design (listed below).
 */

const CORPUS = path.join(__dirname, '..', '..', 'import-corpus');
const ROOT = path.join(__dirname, '..', '..', '..');

/** What an `expect.json` may say (see test/import-corpus/README.md). */
interface Expectation {
  /** The import fails with a message matching this regular expression. */
  readonly error?: string;
  /** The exact set of warning keys. */
  readonly warnings?: string[];
}

interface Entry {
  readonly dir: string;
  readonly name: string;
  readonly expect: Expectation;
  result?: ImportResult;
  error?: Error;
  appFile?: string;
}

const names = fs
  .readdirSync(CORPUS)
  .filter((d) => fs.statSync(path.join(CORPUS, d)).isDirectory())
  .sort();
const entries: Entry[] = names.map((name) => {
  const dir = path.join(CORPUS, name);
  const expectFile = path.join(dir, 'expect.json');
  return { dir, name, expect: fs.existsSync(expectFile) ? (JSON.parse(fs.readFileSync(expectFile, 'utf8')) as Expectation) : {} };
});
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-import-'));
let diagnostics = new Map<string, string[]>();

/** Differences the library makes by design, whatever the Compose file says. */
const BY_DESIGN = [
  "a Database always has a health check (the engine's) and exposes its engine port",
  'a connection found in an environment value adds a depends_on edge (ImportResult.addedDependencies)',
];

beforeAll(() => {
  for (const e of entries) {
    const file = composeFileOf(e.dir);
    try {
      e.result = importCompose(file, { env: {}, label: 'compose.yaml' });
      e.appFile = path.join(work, e.name, 'app.ts');
      fs.mkdirSync(path.dirname(e.appFile), { recursive: true });
      fs.writeFileSync(e.appFile, e.result.source);
    } catch (err) {
      e.error = err as Error;
    }
  }
  diagnostics = typeCheck(entries.flatMap((e) => (e.appFile ? [e.appFile] : [])));
}, 300000);

afterAll(() => {
  // Per feature: how many corpus files have a key of it that the import did not map (and, apart, carried with a remark).
  const count = (kind: string) => {
    const counts: Record<string, number> = {};
    for (const e of entries) {
      for (const f of new Set((e.result?.warnings ?? []).filter((w) => w.kind === kind).map((w) => featureOf(w.key)))) {
        counts[f] = (counts[f] ?? 0) + 1;
      }
    }
    return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)));
  };
  const summary = path.join(work, 'not-mapped.json');
  const failed = entries.filter((e) => e.error && !e.expect.error).map((e) => `${e.name}: ${e.error!.message}`);
  fs.writeFileSync(
    summary,
    `${JSON.stringify({ files: entries.length, failed, byDesign: BY_DESIGN, notMapped: count('not mapped'), remarks: count('remark') }, null, 2)}\n`,
  );
  if (process.env.IMPORT_CORPUS_SUMMARY) {
    fs.copyFileSync(summary, process.env.IMPORT_CORPUS_SUMMARY);
  }
});

test('the corpus has folders, each with a Compose file', () => {
  expect(entries.length).toBeGreaterThanOrEqual(5);
  for (const e of entries) {
    expect(fs.existsSync(composeFileOf(e.dir))).toBe(true);
  }
});

describe.each(entries.map((e) => [e.name, e] as const))('%s', (_name, e) => {
  test('imports as expected', () => {
    if (e.expect.error) {
      expect(e.error).toBeInstanceOf(ImportError);
      expect(e.error!.message).toMatch(new RegExp(e.expect.error));
      return;
    }
    if (e.error) {
      throw e.error;
    }
    expect(e.result!.source).toContain('app.synth();');
    if (e.expect.warnings) {
      expect([...new Set(e.result!.warnings.map((w) => w.key))].sort()).toEqual([...e.expect.warnings].sort());
    }
    // Every warning is a comment at its place in the code, and every comment a warning (stderr says all the code says).
    for (const w of e.result!.warnings) {
      expect(e.result!.source).toContain(w.message.split(':')[0].slice(0, 40));
    }
    expect(e.result!.source.split('\n').filter((l) => l.startsWith('// compose:'))).toHaveLength(e.result!.warnings.length);
  });

  test('compiles with tsc --strict --noUnusedLocals', () => {
    if (e.expect.error) {
      expect(e.appFile).toBeUndefined();
      return;
    }
    expect(diagnostics.get(e.appFile!) ?? ['not type-checked']).toEqual([]);
  });

  test('synthesizes; both outputs pass the output checks; the Compose file matches the original', async () => {
    if (e.expect.error) {
      expect(e.result).toBeUndefined();
      return;
    }
    const out = run(e);
    const appName = e.result!.appName;
    const composeFile = path.join(out.outdir, `${appName}.compose.yml`);
    const envFile = path.join(out.outdir, envExampleFileName(appName));
    const checks = Object.values(Check).filter((c) => c !== Check.STATEFULSET_UPDATES);
    const validation = await validateOutput(
      { objects: out.objects, compose: out.compose[`${appName}.compose.yml`], composeFile, envFile: fs.existsSync(envFile) ? envFile : undefined },
      { checks },
    );
    // Files the Compose file names may be absent where the import runs (it warned): docker-compose then refuses the build path.
    const absent = (f: { check: string; message: string }) =>
      f.check === Check.DOCKER_COMPOSE && /build path .* does not exist/.test(f.message) && warnedAbsent(e);
    // An image without a tag (or `latest`) is what the Compose file says; the import warned about it.
    const mutable = (f: { check: string; message: string; object: string }) => /^KBP001 /.test(f.message) && warnedImage(e, f.object.split('/')[1]);
    expect(validation.findings.filter((f) => !absent(f) && !mutable(f))).toEqual([]);
    expect(differences(e, out.compose[`${appName}.compose.yml`], out.outdir)).toEqual([]);
  });
});

function warnedImage(e: Entry, service: string): boolean {
  const compose = Object.entries(e.result!.renamed).find(([, to]) => to === service)?.[0] ?? service;
  return e.result!.warnings.some((w) => w.key === `services.${compose}.image`);
}

function warnedAbsent(e: Entry): boolean {
  return e.result!.warnings.some((w) => /is not here/.test(w.message));
}

function composeFileOf(dir: string): string {
  return (
    ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f)) ??
    path.join(dir, 'compose.yaml')
  );
}

/** One strict program over every generated app (unused names refused too), `cdk8s-compose` mapped to this checkout's lib/. */
function typeCheck(files: string[]): Map<string, string[]> {
  const program = ts.createProgram(files, {
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    baseUrl: ROOT,
    paths: { 'cdk8s-compose': ['lib/index.ts'], '*': ['node_modules/*'] },
  });
  const out = new Map<string, string[]>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const found = source ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)] : [];
    out.set(
      file,
      found.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    );
  }
  return out;
}

/** Runs a generated app in this process (its `App` writing to a temporary folder), from the Compose file's folder. */
function run(e: Entry): SynthResult {
  const outdir = path.join(work, e.name, 'dist');
  const js = ts.transpileModule(e.result!.source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  class TestApp extends lib.App {
    constructor(props: lib.AppProps = {}) {
      super({ ...props, outdir, printSummary: false });
    }
  }
  const modules: Record<string, unknown> = { 'cdk8s-compose': { ...lib, App: TestApp }, cdk8s };
  const cwd = process.cwd();
  process.chdir(e.dir);
  try {
    new Function('require', 'exports', 'module', js)(
      (m: string) => {
        if (!(m in modules)) {
          throw new Error(`the generated app imports '${m}'; allowed: cdk8s-compose and cdk8s`);
        }
        return modules[m];
      },
      {},
      {},
    );
  } finally {
    process.chdir(cwd);
  }
  return readOutput(outdir);
}

/** What the regenerated Compose file says differently from the original, unexplained by a warning or by design. */
function differences(e: Entry, regenerated: any, outdir: string): string[] {
  const project = readProject(composeFileOf(e.dir), {});
  const original: NormalizedService[] = Object.keys(project.services).map((n) => normalizeService(n, project.services[n]));
  const result = e.result!;
  const explained = (svc: string, field: string) =>
    result.warnings.some((w) => w.key === `services.${svc}.${field}` || w.key.startsWith(`services.${svc}.${field}.`));
  const nameOf = (svc: string) => result.renamed[svc] ?? svc;
  const out: string[] = [];
  const diff = (svc: string, field: string, text: string) => {
    if (!explained(svc, field)) {
      out.push(`services.${svc}.${field}: ${text}`);
    }
  };
  const expected = new Set(original.map((s) => nameOf(s.name)));
  for (const extra of Object.keys(regenerated.services).filter((s) => !expected.has(s))) {
    out.push(`services.${extra}: not in the original`);
  }
  for (const s of original) {
    const r = regenerated.services[nameOf(s.name)];
    if (!r) {
      out.push(`services.${s.name}: missing`);
      continue;
    }
    const database = result.kinds[s.name] === 'Database';
    if (s.image !== undefined && r.image !== s.image) {
      diff(s.name, 'image', `${r.image} instead of ${s.image}`);
    }
    if (s.build) {
      const want = path.resolve(e.dir, s.build.context);
      const got = r.build ? path.resolve(outdir, typeof r.build === 'string' ? r.build : r.build.context) : undefined;
      if (got !== want) {
        diff(s.name, 'build.context', `${got} instead of ${want}`);
      }
    }
    const tcp = s.ports.filter((p) => p.protocol === 'tcp');
    const containerPorts = (list: number[]) => [...new Set(list)].sort((a, b) => a - b).join(',');
    const regeneratedPorts = [...(r.expose ?? []).map(Number), ...(r.ports ?? []).map((p: string) => Number(p.split(':').pop()))];
    const originalPorts = tcp.map((p) => p.target);
    if (!database || originalPorts.length > 0) {
      if (containerPorts(regeneratedPorts) !== containerPorts(originalPorts)) {
        diff(s.name, 'ports', `container ports ${containerPorts(regeneratedPorts)} instead of ${containerPorts(originalPorts)}`);
      }
    }
    const published = (list: string[]) => [...new Set(list)].sort().join(',');
    const regeneratedPublished = (r.ports ?? []).map((p: string) => p.split(':').slice(-2).join(':'));
    const originalPublished = tcp.filter((p) => p.published !== undefined).map((p) => `${p.published}:${p.target}`);
    if (published(regeneratedPublished) !== published(originalPublished)) {
      diff(s.name, 'ports', `published ${published(regeneratedPublished)} instead of ${published(originalPublished)}`);
    }
    const originalEdges = new Set([...Object.keys(s.dependsOn), ...s.links].map(nameOf));
    const regeneratedEdges = new Set(Object.keys(r.depends_on ?? {}));
    for (const missing of [...originalEdges].filter((t) => !regeneratedEdges.has(t))) {
      diff(s.name, 'depends_on', `no edge to ${missing}`);
    }
    for (const extra of [...regeneratedEdges].filter((t) => !originalEdges.has(t))) {
      if (!result.addedDependencies.some(([from, to]) => from === nameOf(s.name) && to === extra)) {
        out.push(`services.${s.name}.depends_on: an edge to ${extra} not in the original`);
      }
    }
    const hadHealth = s.healthcheck !== undefined && !s.healthcheck.disabled && s.healthcheck.test !== undefined;
    if (hadHealth !== (r.healthcheck !== undefined) && !(database && r.healthcheck !== undefined)) {
      diff(s.name, 'healthcheck', hadHealth ? 'no health check' : 'a health check the original does not have');
    }
  }
  return out;
}

/** The feature of a warning key: `services.web.deploy.placement` -> `deploy.placement`, `services.web.ports` -> `ports`. */
function featureOf(key: string): string {
  const m = /^services\.[^.]+(?:\.(.*))?$/.exec(key);
  if (!m) {
    return `top-level ${key.split('.')[0]}`;
  }
  if (m[1] === undefined) {
    return 'service name (renamed)';
  }
  const parts = m[1].replace(/\[\d+\]/g, '').split('.');
  return ['deploy', 'build', 'healthcheck', 'networks', 'depends_on'].includes(parts[0]) &&
    parts.length > 1 &&
    parts[0] !== 'depends_on' &&
    parts[0] !== 'networks'
    ? parts.slice(0, 2).join('.')
    : parts[0];
}
