// ESLint rule `layers/direction`: the import direction of lib/ (see docs/architecture.md).
//
//   constructs (+ entry points) -> props -> values -> model <- renderers (kubernetes, compose, diagram)
//   synth -> renderers, props, checks;  cli -> import (Compose file -> TypeScript source) -> props, values
//   shared (naming contract, parsers, YAML, errors) <- everyone, the output checks included
//
// A file's layer is its folder (lib/props/, lib/render/kubernetes/...), or, inside a concern's
// home lib/concerns/<concern>/, its role: the file is named `<role>.ts` or `<topic>.<role>.ts`
// (props, model, value, kubernetes, compose, parity, import). A file may import only from the
// layers listed for it. Imports are resolved relative to the importing file; package imports
// are not checked here.
//
// Rule `layers/no-cycle` (eslint-no-cycle.cjs): no import cycle among the files of lib/, not
// even through type-only imports or re-exports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import noCycle from './eslint-no-cycle.cjs';

/** The layer of each role a file of a concern's home can have. */
export const ROLES = { props: 'props', model: 'model', value: 'values', kubernetes: 'kubernetes', compose: 'compose', parity: 'checks', import: 'import' };

const CONCERN_FILE = /^concerns\/[^/]+\/(?:[^/]+\.)?([a-z]+)\.ts$/;

/** The role of a file of a concern's home (`concerns/health/compose.ts` -> compose), or undefined. */
export function roleOf(rel) {
  const m = CONCERN_FILE.exec(rel);
  return m ? m[1] : undefined;
}

const inConcern = (layer) => (p) => ROLES[roleOf(p)] === layer;
const under =
  (...folders) =>
  (p) =>
    folders.some((f) => p.startsWith(f));

/** [layer, does this lib-relative path belong to it, the layers (or files) it may import]. */
export const LAYERS = [
  ['entry', (p) => ['index.ts', 'jest.ts', 'validation/index.ts', 'cli.ts'].includes(p), ['*']],
  ['shared', under('shared/'), ['shared']],
  ['model', (p) => under('model/')(p) || inConcern('model')(p), ['shared', 'model']],
  ['checks', (p) => under('validation/')(p) || inConcern('checks')(p), ['shared', 'checks']],
  ['kubernetes', (p) => under('render/kubernetes/')(p) || inConcern('kubernetes')(p), ['shared', 'model', 'kubernetes']],
  ['compose', (p) => under('render/compose/')(p) || inConcern('compose')(p), ['shared', 'model', 'compose']],
  ['diagram', (p) => p === 'render/diagram.ts', ['shared', 'model']],
  ['values', inConcern('values'), ['shared', 'model', 'values']],
  ['props', (p) => under('props/')(p) || inConcern('props')(p), ['shared', 'model', 'values', 'props']],
  ['import', (p) => under('import/')(p) || inConcern('import')(p), ['shared', 'props', 'values', 'import']],
  ['synth', under('synth/'), ['shared', 'model', 'props', 'kubernetes', 'compose', 'diagram', 'checks', 'synth']],
  ['constructs', (p) => !p.includes('/'), ['shared', 'model', 'values', 'props', 'kubernetes', 'compose', 'diagram', 'checks', 'synth', 'constructs']],
];

/** The layer of a path relative to lib/ (with its `.ts` extension), or undefined: a file in no layer. */
export function layerOf(rel) {
  return LAYERS.find(([, test]) => test(rel));
}

function relativeToLib(file, libDir) {
  const rel = path.relative(libDir, file).split(path.sep).join('/');
  return rel.startsWith('..') ? undefined : rel;
}

/** `./foo` from lib/x/y.ts -> `x/foo.ts`; a folder import -> its index.ts. */
export function resolveImport(libDir, fromRel, spec) {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
  if (joined.endsWith('.ts') || joined.endsWith('.js')) {
    return joined.replace(/\.js$/, '.ts');
  }
  return fs.existsSync(path.join(libDir, `${joined}.ts`)) || !fs.existsSync(path.join(libDir, joined, 'index.ts')) ? `${joined}.ts` : `${joined}/index.ts`;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'lib/ imports point one way: constructs -> props -> model -> renderers; output checks read only lib/shared/' },
    schema: [],
    messages: {
      upward: "{{from}} (layer '{{fromLayer}}') must not import {{to}} (layer '{{toLayer}}'); allowed: {{allowed}}. See docs/architecture.md.",
      noLayer:
        "{{from}} belongs to no layer: a file of a concern's home is named <role>.ts or <topic>.<role>.ts, with a role of {{roles}}. See docs/architecture.md.",
    },
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const libDir = path.join(context.cwd ?? process.cwd(), 'lib');
    const fromRel = relativeToLib(file, libDir);
    if (!fromRel) {
      return {};
    }
    const layer = layerOf(fromRel);
    if (!layer) {
      return {
        Program(node) {
          context.report({ node, messageId: 'noLayer', data: { from: `lib/${fromRel}`, roles: Object.keys(ROLES).join(', ') } });
        },
      };
    }
    const [fromLayer, , allowed] = layer;
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.') || allowed.includes('*')) {
        return;
      }
      const toRel = resolveImport(libDir, fromRel, spec);
      const [toLayer] = layerOf(toRel) ?? ['none'];
      if (!allowed.includes(toLayer) && !allowed.includes(toRel)) {
        context.report({ node, messageId: 'upward', data: { from: `lib/${fromRel}`, fromLayer, to: `lib/${toRel}`, toLayer, allowed: allowed.join(', ') } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { 'direction': rule, 'no-cycle': noCycle.rule } };
