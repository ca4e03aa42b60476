import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// The README and docs/ are read by newcomers who copy their code: every ```ts block is
// type-checked against the library's source, and every relative link must lead somewhere.
//
// - A block imports from 'cdk8s-compose' (lib/index.ts) and 'cdk8s-compose/validation'
//   (lib/validation/index.ts), as a user's code does; './shop' is the shop example
//   (its chart class and environments).
// - Every block may use `app`, `chart`, `db` and `api` (an `App`, `AppChart`, `Database`,
//   `WebService`) without declaring them, unless it declares or imports them itself.
// - A block without any import also gets every export of 'cdk8s-compose', `Duration` and
//   `Size` from 'cdk8s' and `Construct` from 'constructs' (docs/contributing.md says so).
// - A deliberate fragment says so in its info string, ```ts nocheck, and is not checked.
// All blocks go into one Program, so the library is read once.

const ROOT = path.join(__dirname, '..', '..');
const BLOCKS = path.join(ROOT, 'docs-blocks');

/** README.md and every Markdown file under docs/ except the generated API pages. */
function markdownFiles(): string[] {
  const files = ['README.md'];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory() && rel !== 'docs/api') {
        walk(rel);
      } else if (entry.isFile() && entry.name.endsWith('.md')) {
        files.push(rel);
      }
    }
  };
  walk('docs');
  return files;
}

interface Block {
  readonly file: string;
  /** 1-based line of the block's first code line in the Markdown file. */
  readonly line: number;
  readonly code: string;
  readonly check: boolean;
}

interface Fence {
  readonly info: string;
  readonly start: number;
  readonly lines: string[];
}

/** Fenced blocks of a Markdown file, with their info string and first line (0-based). */
function fences(text: string): Fence[] {
  const out: Fence[] = [];
  const lines = text.split('\n');
  let open: { info: string; start: number; lines: string[]; indent: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)```(.*)$/.exec(lines[i]);
    if (open) {
      if (m && m[2].trim() === '') {
        out.push({ info: open.info, start: open.start, lines: open.lines });
        open = undefined;
      } else {
        open.lines.push(lines[i].startsWith(open.indent) ? lines[i].slice(open.indent.length) : lines[i]);
      }
    } else if (m) {
      open = { info: m[2].trim(), start: i + 1, lines: [], indent: m[1] };
    }
  }
  return out;
}

function tsBlocks(file: string): Block[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return fences(text)
    .filter((f) => /^(ts|typescript)(\s|$)/.test(f.info))
    .map((f) => ({ file, line: f.start + 1, code: f.lines.join('\n'), check: !/\bnocheck\b/.test(f.info) }));
}

/** Every name lib/index.ts exports, values and types alike. */
function publicNames(): string[] {
  const index = fs.readFileSync(path.join(ROOT, 'lib', 'index.ts'), 'utf8');
  const names: string[] = [];
  for (const m of index.matchAll(/export (?:type )?\{([^}]*)\}/g)) {
    names.push(
      ...m[1]
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    );
  }
  return names;
}

const DECLARED = [
  ['app', 'App'],
  ['chart', 'AppChart'],
  ['db', 'Database'],
  ['api', 'WebService'],
];

/** The prelude of a block: the names its code may use as given (see the top of this file). */
function prelude(code: string): string {
  const given = (name: string): boolean => new RegExp(`\\b(const|let|var|class|function)\\s+${name}\\b|^import\\b.*\\b${name}\\b`, 'm').test(code);
  const declared = DECLARED.filter(([name]) => !given(name));
  const lines = [
    `import type { ${DECLARED.map(([, type]) => `${type} as Given${type}`).join(', ')} } from 'cdk8s-compose';`,
    ...declared.map(([name, type]) => `declare const ${name}: Given${type};`),
  ];
  if (!/^\s*import\s/m.test(code)) {
    lines.push(
      `import { ${publicNames().join(', ')} } from 'cdk8s-compose';`,
      "import { Duration, Size } from 'cdk8s';",
      "import { Construct } from 'constructs';",
    );
  }
  return lines.join('\n') + '\n';
}

interface Source {
  readonly block: Block;
  readonly fileName: string;
  readonly text: string;
  /** Lines the prelude adds before the block's code. */
  readonly offset: number;
}

const files = markdownFiles();

function sources(): Source[] {
  const out: Source[] = [];
  for (const file of files) {
    for (const block of tsBlocks(file)) {
      if (!block.check) {
        continue;
      }
      const head = prelude(block.code);
      const name = `${file.replace(/[^A-Za-z0-9]+/g, '-')}-${block.line}.ts`;
      out.push({ block, fileName: path.join(BLOCKS, name), text: head + block.code + '\n', offset: head.split('\n').length - 1 });
    }
  }
  return out;
}

/** One Program over every checked block; the diagnostics of each, as `file:line: message`. */
function typeCheck(all: Source[]): Map<string, string[]> {
  const virtual = new Map<string, string>(all.map((s) => [s.fileName, s.text]));
  virtual.set(path.join(BLOCKS, 'shop.ts'), "export { ShopChart } from '../examples/shop/app';\nexport * from '../examples/shop/environments';\n");
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext, // top-level await, as a user's ES module has it
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    strict: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node', 'jest'],
    baseUrl: ROOT,
    paths: { 'cdk8s-compose': ['lib/index.ts'], 'cdk8s-compose/validation': ['lib/validation/index.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) => path.resolve(d) === BLOCKS || (directoryExists ? directoryExists(d) : fs.existsSync(d));
  host.readFile = (f) => virtual.get(path.resolve(f)) ?? readFile(f);
  host.fileExists = (f) => virtual.has(path.resolve(f)) || fileExists(f);
  host.getSourceFile = (f, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(f));
    return text === undefined ? getSourceFile(f, languageVersion, onError, shouldCreate) : ts.createSourceFile(f, text, languageVersion, true);
  };
  const program = ts.createProgram(
    all.map((s) => s.fileName),
    options,
    host,
  );
  const byFile = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const s of all) {
    const sf = program.getSourceFile(s.fileName);
    if (!sf) {
      byFile.get(s.block.file)?.push(`${s.block.file}:${s.block.line}: the block was not compiled`);
      continue;
    }
    for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
      const at = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line - s.offset;
      const where = at < 0 ? `${s.block.line} (the prelude)` : `${s.block.line + at}`;
      byFile.get(s.block.file)?.push(`${s.block.file}:${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
  }
  return byFile;
}

/** GitHub's anchors of a Markdown file's headings. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const inCode = new Set<number>();
  for (const f of fences(text)) {
    for (let i = f.start - 1; i <= f.start + f.lines.length; i++) {
      inCode.add(i);
    }
  }
  text.split('\n').forEach((line, i) => {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m || inCode.has(i)) {
      return;
    }
    const slug = m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  });
  return out;
}

/** Relative links of a Markdown file (outside code) that lead to no file or no heading. */
function brokenLinks(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const lines = text.split('\n');
  const inCode = new Set<number>();
  for (const f of fences(text)) {
    for (let i = f.start - 1; i <= f.start + f.lines.length; i++) {
      inCode.add(i);
    }
  }
  const broken: string[] = [];
  lines.forEach((line, i) => {
    if (inCode.has(i)) {
      return;
    }
    const prose = line.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        continue;
      }
      const [ref, anchor] = target.split('#');
      const resolved = ref === '' ? path.join(ROOT, file) : path.join(ROOT, path.dirname(file), decodeURIComponent(ref));
      if (!fs.existsSync(resolved)) {
        broken.push(`${file}:${i + 1}: ${target}: no file ${path.relative(ROOT, resolved)}`);
      } else if (anchor !== undefined) {
        if (!resolved.endsWith('.md')) {
          broken.push(`${file}:${i + 1}: ${target}: an anchor into a file that is not Markdown`);
        } else if (!anchors(fs.readFileSync(resolved, 'utf8')).has(anchor)) {
          broken.push(`${file}:${i + 1}: ${target}: no heading #${anchor} in ${path.relative(ROOT, resolved)}`);
        }
      }
    }
  });
  return broken;
}

describe('the TypeScript blocks of the README and docs/', () => {
  let diagnostics: Map<string, string[]>;
  beforeAll(() => {
    diagnostics = typeCheck(sources());
  });

  test.each(files)('%s: every ```ts block type-checks against lib/', (file) => {
    expect(diagnostics.get(file)).toEqual([]);
  });

  test('deliberate fragments (```ts nocheck) are rare', () => {
    const blocks = files.flatMap(tsBlocks);
    const unchecked = blocks.filter((b) => !b.check).map((b) => `${b.file}:${b.line}`);
    expect(blocks.length).toBeGreaterThan(20);
    expect(unchecked.length).toBeLessThanOrEqual(Math.ceil(blocks.length / 10));
  });
});

describe('the relative links of the README and docs/', () => {
  test.each(files)('%s: every relative link leads to a file and heading', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });
});
