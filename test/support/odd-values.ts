/**
 * Values a JavaScript caller (or TypeScript with `any`, or a value read from JSON, YAML or
 * the environment) can pass where the types say otherwise: the robustness test puts each
 * of them in every slot of every public entry's arguments.
 */
export function oddValues(original: unknown): Array<[string, unknown]> {
  const values: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-1', -1],
    ['0', 0],
    ['1.5', 1.5],
    ['2**40', 2 ** 40],
    ["''", ''],
    ["' '", ' '],
    ["'x'", 'x'],
    ["'80'", '80'],
    ["'false'", 'false'],
    ['true', true],
    ['false', false],
    ['[]', []],
    ['[null]', [null]],
    ['{}', {}],
    ['{ a: 1 }', { a: 1 }],
    ['a function', () => 1],
    ['a symbol', Symbol('s')],
    ['a bigint', BigInt(1)],
    ['Object.create(null)', Object.create(null)],
    ['a Date', new Date(0)],
    ["'é'.repeat(300)", 'é'.repeat(300)],
  ];
  if (typeof original === 'object' && original !== null && Object.getPrototypeOf(original) !== Object.prototype && !Array.isArray(original)) {
    // A class instance copied into a plain object (e.g. from JSON, or a second copy of cdk8s).
    values.push(['a plain copy of the instance', { ...original }]);
  }
  if (typeof original === 'number') {
    values.push(['the number as a string', String(original)]);
  }
  if (typeof original === 'string') {
    values.push(['the string with a trailing space', `${original} `], ['the string upper-cased', original.toUpperCase()]);
  }
  if (Array.isArray(original) && original.length > 0) {
    values.push(['the first entry alone', original[0]], ['the list with a null entry', [...original, null]]);
  }
  return values;
}
