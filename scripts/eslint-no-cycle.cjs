// ESLint rule `layers/no-cycle` (registered by eslint-layers.mjs): no import cycle among the
// files of lib/, type-only imports included (`import type` ties two modules together as much
// for a reader as a value import does, and a type cycle becomes a value cycle the day one
// side needs a value).
//
// The import graph of lib/ is read once per lint run (cached per lib folder: TypeScript's
// `preProcessFile` lists a file's imports without parsing it), except the linted file's own
// imports, which come from its syntax tree. An import closes a cycle when the imported file
// leads back to the importing one; the shortest such cycle is reported, whole, at every
// import on it. Relative imports only: `./x` is `x.ts` or `x/index.ts`.
//
// CommonJS rather than an ES module like its neighbour, so that the unit tests (Jest, which
// runs CommonJS) can load the rule itself.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

/** lib folder -> (lib-relative file -> the lib-relative files it imports). */
const graphs = new Map();

/** The `.ts` files under `dir` (declaration files aside), relative to `root`, with `/`. */
function tsFiles(root, dir = root) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return tsFiles(root, full);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path.relative(root, full).split(path.sep).join('/')] : [];
  });
}

/** The lib-relative file a relative import names (`./x` -> `x.ts` or `x/index.ts`); undefined outside lib/ or unknown. */
function resolve(fromRel, spec, files) {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
  const candidates = [joined.replace(/\.js$/, '.ts'), `${joined}.ts`, `${joined}/index.ts`];
  return candidates.find((c) => files.has(c));
}

/** The import graph of the lib folder `libDir`: each file's relative imports, resolved. Built once per folder. */
function importGraph(libDir) {
  let graph = graphs.get(libDir);
  if (!graph) {
    const files = new Set(tsFiles(libDir));
    graph = { files, edges: new Map() };
    for (const file of files) {
      const source = fs.readFileSync(path.join(libDir, file), 'utf8');
      const specs = ts.preProcessFile(source, true, false).importedFiles.map((f) => f.fileName);
      graph.edges.set(file, importsOf(file, specs, files));
    }
    graphs.set(libDir, graph);
  }
  return graph;
}

/** The files that `specs` (import specifiers of `fromRel`) name in lib/, in order, without repeats. */
function importsOf(fromRel, specs, files) {
  const out = [];
  for (const spec of specs) {
    const to = spec.startsWith('.') ? resolve(fromRel, spec, files) : undefined;
    if (to !== undefined && !out.includes(to)) {
      out.push(to);
    }
  }
  return out;
}

/** The shortest path of imports from `start` to `goal` (both included), or undefined. */
function pathOf(graph, start, goal) {
  const cameFrom = new Map([[start, undefined]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    if (file === goal) {
      const found = [];
      for (let f = goal; f !== undefined; f = cameFrom.get(f)) {
        found.unshift(f);
      }
      return found;
    }
    for (const next of graph.edges.get(file) ?? []) {
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** The cycle `fromRel -> toRel -> ... -> fromRel` that the import of `toRel` closes, or undefined. */
function cycleOf(graph, fromRel, toRel) {
  const back = pathOf(graph, toRel, fromRel);
  return back && [fromRel, ...back];
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'no import cycle among the files of lib/, type-only imports included' },
    schema: [],
    messages: {
      cycle: 'this import closes an import cycle: {{cycle}}. Imports point one way: move what both sides need into a module below them (docs/architecture.md).',
    },
  },
  create(context) {
    const libDir = path.join(context.cwd ?? process.cwd(), 'lib');
    const fromRel = path
      .relative(libDir, context.filename ?? context.getFilename())
      .split(path.sep)
      .join('/');
    if (fromRel.startsWith('..') || path.isAbsolute(fromRel)) {
      return {};
    }
    const graph = importGraph(libDir);
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) {
        return;
      }
      const toRel = resolve(fromRel, spec, graph.files);
      const cycle = toRel && cycleOf(graph, fromRel, toRel);
      if (cycle) {
        context.report({ node, messageId: 'cycle', data: { cycle: cycle.map((f) => `lib/${f}`).join(' -> ') } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

module.exports = { rule, importGraph, cycleOf };
