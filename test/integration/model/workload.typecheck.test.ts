import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// Issue 22's reproduction of the model builder losing data, run through the TypeScript
// compiler with two files edited in memory: a new field on WebModel, set by the props layer
// (lib/props/web-service.ts), must not compile until the builder copies it; before, it
// compiled and was undefined at render. (Integration lane: each type check takes seconds.)

const ROOT = path.join(__dirname, '../../..');
const WORKLOAD = path.join(ROOT, 'lib/model/workload.ts');
const WEB_SERVICE = path.join(ROOT, 'lib/props/web-service.ts');

/** `text` with `insert` added after `anchor`, which must occur exactly once. */
function insertAfter(text: string, anchor: string, insert: string): string {
  const parts = text.split(anchor);
  expect(parts).toHaveLength(2);
  return `${parts[0]}${anchor}${insert}${parts[1]}`;
}

/** The type errors of lib/props/web-service.ts and what it imports, with some files replaced: [file, message]. */
function typeErrors(replaced: Map<string, string>): Array<[string, string]> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const options = { ...config!.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const read = host.readFile;
  host.readFile = (file) => replaced.get(path.resolve(file)) ?? read(file);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (file, language, ...rest) => {
    const text = replaced.get(path.resolve(file));
    return text === undefined ? getSourceFile(file, language, ...rest) : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram([WEB_SERVICE], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => [path.relative(ROOT, d.file?.fileName ?? ''), ts.flattenDiagnosticMessageText(d.messageText, '\n')] as [string, string]);
}

/** WebModel with `field` added, and the props layer setting it. */
function withNewWebField(field: string): Map<string, string> {
  return new Map([
    [WORKLOAD, insertAfter(fs.readFileSync(WORKLOAD, 'utf8'), "  readonly kind: 'web';\n", `  readonly ${field};\n`)],
    [WEB_SERVICE, insertAfter(fs.readFileSync(WEB_SERVICE, 'utf8'), "    kind: 'web',\n", "    foo: 'set by the props',\n")],
  ]);
}

describe('the model builders, type-checked with a new field', () => {
  test('the files as they are compile (so the failures below are the edits)', () => {
    expect(typeErrors(new Map())).toEqual([]);
  });

  test.each(['foo: string', 'foo?: string'])('fails when WebModel gains `%s`, set by the props layer, that the builders do not place', (field) => {
    // WHEN
    const errors = typeErrors(withNewWebField(field));
    // THEN the builders refuse it, and nothing else is wrong
    expect(errors.length).toBeGreaterThan(0);
    for (const [file, message] of errors) {
      expect(file).toBe('lib/model/workload.ts');
      expect(message).toMatch(/Property 'foo' is missing/);
    }
  });
});
