import { App, Chart } from 'cdk8s';
import { WebService } from '../../../lib';
import { num, objectOf, optional, required, str } from '../../../lib/shared/shape';

describe('what an object shape accepts is derived from its fields', () => {
  test('a short object lists its props in order; a long one its required props and a count', () => {
    // GIVEN
    const short = objectOf<{ name: string; port: number }>({ name: required(str), port: required(num) }, 'a port');
    const long = objectOf<Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g', number | undefined> & { id: string }>(
      { id: required(str), a: optional(num), b: optional(num), c: optional(num), d: optional(num), e: optional(num), f: optional(num), g: optional(num) },
      'the props of a Thing',
    );
    // THEN
    expect(short.allowed).toBe('a port: an object with name and port');
    expect(long.allowed).toBe('the props of a Thing: an object with id (required) and 7 optional props');
  });

  test('fails when a WebService gets a string for its ingress, naming every IngressOptions prop', () => {
    const chart = new Chart(new App(), 'chart');
    expect(() => new WebService(chart, 'api', { image: 'nginx:1.27', ingress: 'shop.example.com' as never })).toThrow(
      /ingress 'shop.example.com' is invalid; allowed: an object with host, path, tlsSecretName, className and annotations/,
    );
  });

  test('fails when a WebService gets no props object, saying what its props are', () => {
    const chart = new Chart(new App(), 'chart');
    expect(() => new WebService(chart, 'api', 42 as never)).toThrow(
      /allowed: the props of a WebService: an object with image \(required\) and \d+ optional props/,
    );
  });
});
