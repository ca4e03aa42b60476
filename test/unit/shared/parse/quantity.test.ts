import { composeBytes, composeOrKubernetesBytes, cpuCores, cpuMillis, kubernetesBytes } from '../../../../lib/shared/parse/quantity';

describe('cpuMillis', () => {
  test.each([
    ['500m', 500],
    ['0.5', 500],
    ['2', 2000],
    [' 250m ', 250],
  ])('reads %p as %p millicores', (text, millis) => {
    expect(cpuMillis(text)).toBe(millis);
  });

  test.each(['', 'abc', '1.5m', '-1', '1e3', '0.5 cores'])('gives NaN for %p', (text) => {
    expect(cpuMillis(text)).toBeNaN();
  });
});

describe('cpuCores', () => {
  test('reads a Kubernetes quantity and a Compose cpus value alike: 500m is 0.5', () => {
    expect(cpuCores('500m')).toBe(0.5);
    expect(cpuCores('0.5')).toBe(0.5);
    expect(cpuCores('500m')).toBe(cpuCores('0.5'));
  });

  test('a number read from YAML is a number of cores', () => {
    expect(cpuCores(1.5)).toBe(1.5);
  });

  test('0.333 cores equals 333m exactly (computed from the text, not through millicores)', () => {
    expect(cpuCores('333m')).toBe(cpuCores('0.333'));
  });

  test.each(['', 'two', '1.5m', true, undefined])('gives NaN for %p', (value) => {
    expect(cpuCores(value)).toBeNaN();
  });
});

describe('kubernetesBytes', () => {
  test.each([
    ['1Gi', 2 ** 30],
    ['256Mi', 256 * 2 ** 20],
    ['500M', 500e6],
    ['1e9', 1e9],
    ['1Pi', 2 ** 50],
    ['1024', 1024],
  ])('reads %p as %p bytes', (text, bytes) => {
    expect(kubernetesBytes(text)).toBe(bytes);
  });

  test.each(['', '12XB', '1 Gi', '-5Mi', 'Mi', '256mb'])('gives NaN for %p', (text) => {
    expect(kubernetesBytes(text)).toBeNaN();
  });
});

describe('composeBytes', () => {
  test.each([
    ['256m', 256 * 2 ** 20],
    ['256M', 256 * 2 ** 20],
    ['1gb', 2 ** 30],
    ['10b', 10],
    ['2048', 2048],
    [' 512 mb ', 512 * 2 ** 20],
    [1024, 1024],
  ])('reads %p as %p bytes (Docker units are binary whatever their case)', (value, bytes) => {
    expect(composeBytes(value)).toBe(bytes);
  });

  test.each(['', 'lots', '1Gi', '1tb'])('gives NaN for %p', (text) => {
    expect(composeBytes(text)).toBeNaN();
  });
});

describe('composeOrKubernetesBytes', () => {
  test('reads a lower-case one-letter suffix as Docker binary: 256m is 256Mi', () => {
    expect(composeOrKubernetesBytes('256m')).toBe(kubernetesBytes('256Mi'));
    expect(composeOrKubernetesBytes('1g')).toBe(kubernetesBytes('1Gi'));
  });

  test('reads anything else as a Kubernetes quantity: 500M stays decimal', () => {
    expect(composeOrKubernetesBytes('500M')).toBe(500e6);
    expect(composeOrKubernetesBytes('1Gi')).toBe(2 ** 30);
  });
});
