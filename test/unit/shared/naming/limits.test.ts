import { INT32_MAX, isCount, isPort, isPortName, publishedHostPorts } from '../../../../lib/shared/naming/limits';

describe('limits', () => {
  test.each([
    [1, true],
    [65535, true],
    [0, false],
    [65536, false],
    [80.5, false],
    ['80', false],
  ])('isPort(%p) is %p', (n, valid) => {
    expect(isPort(n)).toBe(valid);
  });

  test('isCount takes whole numbers from the minimum to INT32_MAX', () => {
    expect(isCount(0, 0)).toBe(true);
    expect(isCount(0, 1)).toBe(false);
    expect(isCount(INT32_MAX, 1)).toBe(true);
    expect(isCount(INT32_MAX + 1, 1)).toBe(false);
    expect(isCount(Number.NaN, 0)).toBe(false);
  });

  test.each([
    ['http', true],
    ['http-8080', true],
    ['a'.repeat(15), true],
    ['a'.repeat(16), false],
    ['8080', false],
    ['http--alt', false],
    ['Http', false],
    ['-http', false],
  ])('isPortName(%p) is %p (the IANA service-name rule the props layer and the importer share)', (name, valid) => {
    expect(isPortName(name)).toBe(valid);
  });

  test('published host ports count up per replica and never pass 65535', () => {
    expect(publishedHostPorts(8080, 3)).toEqual([8080, 8081, 8082]);
    expect(publishedHostPorts(65534, 5)).toEqual([65534, 65535]);
    expect(publishedHostPorts(8080, 0)).toEqual([8080]);
  });
});
