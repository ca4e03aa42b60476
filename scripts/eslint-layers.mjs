// ESLint rule `layers/direction`: the import direction of lib/ (see docs/architecture.md).
//
//   constructs (+ entry points) -> props -> values -> model <- renderers (k8s, compose, diagram)
//   cli -> import (Compose file -> TypeScript source) -> props, values
//   output checks (validation/) -> util
//   every layer -> shared (lib/shared/: the naming contract by subject, and the parsers every
//                  side needs), which imports nothing of lib/ outside itself
//   constructs (App) -> synth (plan every file and warning, then write) -> renderers, props, checks
//
// Each file of lib/ belongs to one layer; it may import only from the layers listed for it.
// Imports are resolved relative to the importing file; package imports are not checked here.
//
// Rule `layers/no-cycle` (eslint-no-cycle.cjs): no import cycle among the files of lib/, not
// even through type-only imports; each import on a cycle is reported with the whole cycle.
import * as path from 'node:path';
import noCycle from './eslint-no-cycle.cjs';

/** [layer, does this lib-relative path belong to it, the layers (or files) it may import]. */
export const LAYERS = [
  ['entry', (p) => ['index.ts', 'jest.ts', 'validation/index.ts', 'cli.ts'].includes(p), ['*']],
  ['shared', (p) => p.startsWith('shared/'), ['shared']],
  ['util', (p) => /^_[^/]+\.ts$/.test(p) || p === 'errors.ts', ['util', 'shared']],
  ['model', (p) => p.startsWith('model/'), ['util', 'shared', 'model']],
  ['checks', (p) => p.startsWith('validation/'), ['util', 'shared', 'checks']],
  ['kubernetes', (p) => p.startsWith('k8s/'), ['util', 'shared', 'model', 'kubernetes']],
  ['compose', (p) => p.startsWith('compose/'), ['util', 'shared', 'model', 'compose']],
  ['diagram', (p) => p === 'diagram.ts', ['util', 'shared', 'model']],
  ['values', (p) => ['database-engine.ts', 'network-peer.ts', 'secrets-backend.ts'].includes(p), ['util', 'shared', 'model']],
  ['props', (p) => p.startsWith('props/'), ['util', 'shared', 'model', 'values', 'props']],
  ['import', (p) => p.startsWith('import/'), ['util', 'shared', 'props', 'values', 'import']],
  ['synth', (p) => p.startsWith('synth/'), ['util', 'shared', 'model', 'kubernetes', 'compose', 'diagram', 'checks', 'props', 'synth']],
  ['constructs', () => true, ['util', 'shared', 'model', 'values', 'props', 'kubernetes', 'compose', 'diagram', 'checks', 'synth', 'constructs']],
];

/** The layer of a path relative to lib/ (with its `.ts` extension). */
export function layerOf(rel) {
  return LAYERS.find(([, test]) => test(rel));
}

function relativeToLib(file, libDir) {
  const rel = path.relative(libDir, file).split(path.sep).join('/');
  return rel.startsWith('..') ? undefined : rel;
}

/** `./foo` from lib/x/y.ts -> `x/foo.ts`; a folder import -> its index.ts. */
function resolveImport(fromRel, spec) {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
  if (joined.endsWith('.ts') || joined.endsWith('.js')) {
    return joined.replace(/\.js$/, '.ts');
  }
  return ['validation', 'model', 'props', 'k8s', 'compose'].includes(joined) ? `${joined}/index.ts` : `${joined}.ts`;
}

const rule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'lib/ imports point one way: constructs -> props -> model -> renderers; output checks read only util and shared (the naming contract, the parsers)',
    },
    schema: [],
    messages: {
      upward: "{{from}} (layer '{{fromLayer}}') must not import {{to}} (layer '{{toLayer}}'); allowed: {{allowed}}. See docs/architecture.md.",
    },
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const libDir = path.join(context.cwd ?? process.cwd(), 'lib');
    const fromRel = relativeToLib(file, libDir);
    if (!fromRel) {
      return {};
    }
    const [fromLayer, , allowed] = layerOf(fromRel);
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.') || allowed.includes('*')) {
        return;
      }
      const toRel = resolveImport(fromRel, spec);
      const [toLayer] = layerOf(toRel);
      if (!allowed.includes(toLayer) && !allowed.includes(toRel)) {
        context.report({ node, messageId: 'upward', data: { from: `lib/${fromRel}`, fromLayer, to: `lib/${toRel}`, toLayer, allowed: allowed.join(', ') } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { 'direction': rule, 'no-cycle': noCycle.rule } };
