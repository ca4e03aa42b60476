import { interpolate, interpolateTree, parseDotenv } from '../../../lib/import/interpolate';
import { ImportError, ImportWarning } from '../../../lib/import/problems';

const vars = { SET: 'value', EMPTY: '', PORT: '8080' };
const run = (text: string, warnings: ImportWarning[] = []) => interpolate(text, vars, 'services.web.image', warnings);

describe('interpolate', () => {
  test.each([
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['a-${SET}-b', 'a-value-b'],
    ['${UNSET:-fallback}', 'fallback'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${UNSET-fallback}', 'fallback'],
    ['${SET:-fallback}', 'value'],
    ['${SET:+other}', 'other'],
    ['${EMPTY:+other}', ''],
    ['${EMPTY+other}', 'other'],
    ['${UNSET+other}', ''],
    ['${UNSET:-${PORT}}', '8080'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['$$SET', '$SET'],
    ['price $$5', 'price $5'],
    ['$ 5', '$ 5'],
    ['${UNSET:-a:b/c}', 'a:b/c'],
  ])('%s gives %s', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  test('an unset variable without a default is empty, with a warning naming the key', () => {
    const warnings: ImportWarning[] = [];
    expect(run('x${UNSET}y', warnings)).toBe('xy');
    expect(warnings).toEqual([{ key: 'services.web.image', message: expect.stringMatching(/variable UNSET is not set/), kind: 'remark' }]);
  });

  test.each([
    ['${UNSET:?set it}', /services.web.image: required variable UNSET is not set: set it/],
    ['${EMPTY:?must not be empty}', /required variable EMPTY is empty: must not be empty/],
    ['${UNSET?}', /required variable UNSET is not set/],
    ['${SET', /unclosed/],
    ['${1BAD}', /invalid variable/],
    ['${SET:x}', /invalid modifier ':x'/],
  ])('fails when %s', (text, message) => {
    expect(() => run(text)).toThrow(ImportError);
    expect(() => run(text)).toThrow(message);
  });

  test('${VAR?err} on an empty variable keeps it (only unset is an error)', () => {
    expect(run('${EMPTY?err}')).toBe('');
  });

  test('interpolates the strings of a tree, not its keys, and names each key in warnings', () => {
    const warnings: ImportWarning[] = [];
    const tree = interpolateTree({ services: { web: { image: 'a:${SET}', ports: ['${MISSING}'], replicas: 2, $KEY: 'x' } } }, vars, '', warnings);
    expect(tree).toEqual({ services: { web: { image: 'a:value', ports: [''], replicas: 2, $KEY: 'x' } } });
    expect(warnings.map((w) => w.key)).toEqual(['services.web.ports[0]']);
  });
});

describe('parseDotenv', () => {
  test('reads KEY=value lines, export, quotes, comments and bare names', () => {
    const text = ['# comment', '', 'A=1', 'export B=two', "C='lit $X # not a comment'", 'D="line\\nbreak"', 'E=value # comment', 'F', 'G='].join('\n');
    expect(parseDotenv(text, '.env')).toEqual([
      ['A', '1'],
      ['B', 'two'],
      ['C', 'lit $X # not a comment'],
      ['D', 'line\nbreak'],
      ['E', 'value'],
      ['F', undefined],
      ['G', ''],
    ]);
  });

  test('fails when a line is not a variable, naming the file and line', () => {
    expect(() => parseDotenv('A=1\nnot a variable\n', 'app.env')).toThrow(/app.env:2: 'not a variable' is not a variable/);
  });
});

describe('the variables a value takes', () => {
  test('are reported by name; a default or a :+ replacement takes none', () => {
    const used: string[] = [];
    const text = interpolateTree(
      { a: '${SET}', b: '$PORT', c: '${UNSET:-${SET}}', d: '${EMPTY:-x}', e: '${SET:+other}', f: '${SET:?needed}' },
      vars,
      'services.web.environment',
      [],
      (name) => used.push(name),
    );
    expect(text).toEqual({ a: 'value', b: '8080', c: 'value', d: 'x', e: 'other', f: 'value' });
    expect(used).toEqual(['SET', 'PORT', 'SET', 'SET']);
  });
});
