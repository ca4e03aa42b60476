import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Linter, Rule } from 'eslint';
import * as tseslint from 'typescript-eslint';

// The lint rule `layers/no-cycle` (scripts/eslint-no-cycle.cjs), run by ESLint's Linter on a
// tiny lib/ written to a temporary folder, and its import graph on the real lib/.

// A CommonJS module (Jest cannot load the ES module eslint-layers.mjs that registers it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const noCycle = require('../../../scripts/eslint-no-cycle.cjs') as {
  rule: Rule.RuleModule;
  importGraph(libDir: string): { files: Set<string>; edges: Map<string, string[]> };
  cycleOf(graph: { edges: Map<string, string[]> }, from: string, to: string): string[] | undefined;
};

/** A project folder with `files` (paths relative to it) written. */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'no-cycle-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** The messages of `layers/no-cycle` on one file of the project. */
function lint(root: string, file: string): string[] {
  const linter = new Linter({ cwd: root });
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { layers: { rules: { 'no-cycle': noCycle.rule } } },
      rules: { 'layers/no-cycle': 'error' },
    },
  ];
  const file_ = path.join(root, file);
  return linter.verify(fs.readFileSync(file_, 'utf8'), config, file_).map((m) => m.message);
}

describe('layers/no-cycle', () => {
  // GIVEN a -> b (type only) -> c/index (re-export) -> a, and d -> a outside the cycle
  const root = project({
    'lib/a.ts': "import { b } from './b';\nimport * as path from 'path';\nexport const a = b + path.sep;\n",
    'lib/b.ts': "import type { C } from './c';\nexport const b: C = 'b';\n",
    'lib/c/index.ts': "export { a as c0 } from '../a';\nexport type C = string;\n",
    'lib/d.ts': "import { a } from './a';\nexport const d = a;\n",
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('fails on an import that closes a cycle, naming the whole cycle (type-only imports and re-exports included)', () => {
    // WHEN / THEN
    expect(lint(root, 'lib/a.ts')).toEqual([expect.stringContaining('closes an import cycle: lib/a.ts -> lib/b.ts -> lib/c/index.ts -> lib/a.ts.')]);
    expect(lint(root, 'lib/b.ts')).toEqual([expect.stringContaining('lib/b.ts -> lib/c/index.ts -> lib/a.ts -> lib/b.ts')]);
    expect(lint(root, 'lib/c/index.ts')).toEqual([expect.stringContaining('lib/c/index.ts -> lib/a.ts -> lib/b.ts -> lib/c/index.ts')]);
  });

  test('passes an import outside any cycle', () => {
    expect(lint(root, 'lib/d.ts')).toEqual([]);
  });

  test('the real lib/ has no import cycle', () => {
    // GIVEN
    const graph = noCycle.importGraph(path.join(__dirname, '../../../lib'));
    // THEN every import of every file leads nowhere back
    const cycles = [...graph.edges].flatMap(([from, tos]) => tos.map((to) => noCycle.cycleOf(graph, from, to)).filter((c) => c !== undefined));
    expect(graph.files.size).toBeGreaterThan(50);
    expect(cycles).toEqual([]);
  });
});
