import * as fc from 'fast-check';
import * as yaml from 'js-yaml';
import { dumpYaml } from '../../../lib/shared/yaml';
import { synthChart } from '../../support/synth';
import { AppChart, EnvValue, WebService } from '../../../lib';
import { BlogChart } from '../../../examples/blog/app';
import { ShopChart } from '../../../examples/shop/app';
import { DEV } from '../../../examples/shop/environments';

/** What the emitter must equal byte for byte. */
const reference = (doc: unknown) => yaml.dump(doc, { sortKeys: true, lineWidth: -1, noRefs: true });

describe('dumpYaml', () => {
  test('writes exactly what js-yaml writes for every example document', () => {
    for (const build of [(app: any) => new ShopChart(app, 'shop', { settings: DEV }), (app: any) => new BlogChart(app, 'blog')]) {
      const { objects, compose } = synthChart(build);
      for (const doc of [...objects, compose]) {
        expect(dumpYaml(doc)).toBe(reference(doc));
      }
    }
  });

  test.each([
    ['nested sequences', { a: [[1, 2], [], [[{ b: 1 }]], { c: [] }] }],
    ['YAML 1.1 look-alikes', { y: 'yes', n: 'no', on: 'ON', oct: '0755', exp: '1e3', time: '12:30', date: '2026-11-21', tilde: '~', nul: 'null' }],
    ['quoting', { 'a b': 'x: y', '#k': '#c', 'q': "it's", 'dq': 'tab\there', 'lead': ' space', 'colon': 'a:b', 'star': '*x', 'amp': '&y', 'empty': '' }],
    ['numbers', { i: 5, neg: -3, f: 0.5, big: 1e21, tiny: 1e-7, nan: NaN, inf: -Infinity, max: Number.MAX_SAFE_INTEGER + 2 }],
    ['multi-line strings', { a: { b: 'line 1\nline 2\n', c: ['x\ny'] } }],
    ['undefined and null', { a: undefined, b: null, c: [null, undefined, 1], d: { e: undefined } }],
    ['unicode', { ключ: 'значение', emoji: '😀', ctrl: '\u0007bell', bom: '\ufeffx' }],
    ['top-level scalars and lists', ['a', [], {}, { k: 'v' }]],
    ['a string that looks like a cache key of a number', { a: 1.5, b: '\u0000n1.5', c: -0, d: 0 }],
    [
      'mappings of more keys than the insertion sort takes',
      { small: { c: 1, a: 2, b: 3 }, large: Object.fromEntries([...Array(40).keys()].reverse().map((i) => [`k${(i * 7) % 40}`, i])) },
    ],
  ])('matches js-yaml on %s', (_title, doc) => {
    expect(dumpYaml(doc)).toBe(reference(doc));
  });

  test('matches js-yaml on 2000 random JSON documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (doc) => {
        expect(dumpYaml(doc)).toBe(reference(doc));
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  test('matches js-yaml on 5000 random words, mostly of the characters its plain-word shortcut accepts', () => {
    // The shortcut writes such words without asking js-yaml: booleans, nulls, numbers and
    // indicators must still come out as js-yaml writes them.
    // Mostly the characters it accepts, then any printable ASCII and a few others: a wider
    // shortcut must still be caught.
    const printable = [...Array(95).keys()].map((i) => String.fromCharCode(32 + i)).concat(['é', 'ß', '\u00a0', '\u2028', '😀']);
    const word = fc.oneof(
      fc.stringOf(fc.constantFrom(...'aAyYnNoOfFtTeEuUlLsSrRxX019._/-:'.split('')), { minLength: 1, maxLength: 6 }),
      fc.stringOf(fc.constantFrom(...printable), { minLength: 1, maxLength: 6 }),
      fc.constantFrom('yes', 'No', 'ON', 'off', 'True', 'FALSE', 'null', 'Null', 'y', 'n', 'nan', 'inf', 'e1', 'x0', 'a-', 'a.', 'a/b', 'l.1'),
    );
    fc.assert(
      fc.property(word, (w) => {
        expect(dumpYaml({ [w]: w, list: [w] })).toBe(reference({ [w]: w, list: [w] }));
      }),
      { numRuns: 5000, seed: 11 },
    );
  });

  test('matches js-yaml on 2000 random documents with any unicode text', () => {
    const text = fc.fullUnicodeString({ maxLength: 12 });
    const doc = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(text, tie('node'), { maxKeys: 4 }),
    })).map;
    fc.assert(
      fc.property(doc, (d) => {
        expect(dumpYaml(d)).toBe(reference(d));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('dumpYaml of a Compose file', () => {
  test('YAML output quotes values a YAML 1.1 reader would turn into booleans or numbers', () => {
    const { chart } = synthChart((app) => {
      const c = new AppChart(app, 'shop');
      new WebService(c, 'Api', {
        name: 'api',
        image: 'a:1',
        env: { A: EnvValue.fromValue('yes'), B: EnvValue.fromValue('0755'), C: EnvValue.fromValue('on'), D: EnvValue.fromValue('1e3') },
      });
      return c;
    });
    const text: string = dumpYaml(chart.toCompose());
    expect(text).toContain("A: 'yes'");
    expect(text).toContain("B: '0755'");
    expect(text).toContain("C: 'on'");
    expect(text).toContain("D: '1e3'");
  });
});
