import { checkImage } from '../../../../lib/concerns/container/image.props';

const SHA256 = 'a'.repeat(64);

describe('checkImage (the distribution reference grammar)', () => {
  test.each([
    'nginx',
    'nginx:1.25',
    'library/nginx:1.25-alpine',
    'registry.example.com/team/app',
    'ghcr.io/acme/api:1.4.2',
    `localhost:5000/a/b:1.0@sha256:${SHA256}`,
    `postgres@sha256:${SHA256}`,
    `quay.io/acme/api@sha512:${'0'.repeat(128)}`,
    'localhost/app:dev',
    '[::1]:5000/app:1',
    '10.0.0.5:5000/acme/api:1',
    'Registry.Example.com/acme/api:1',
    'acme/my_app__v2.x-y--z:1',
    `acme/api:${'t'.repeat(128)}`,
    'acme/api:_build.1-',
  ])('accepts %p', (image) => {
    expect(checkImage('image', image)).toBeUndefined();
  });

  test.each([
    [
      'https://ghcr.io/acme/api:1',
      /image 'https:\/\/ghcr.io\/acme\/api:1' starts with the URL scheme 'https:\/\/'; allowed: the reference without a scheme, e.g. 'ghcr.io\/acme\/api:1'/,
    ],
    ['docker://nginx:1.25', /starts with the URL scheme 'docker:\/\/'; allowed: the reference without a scheme, e.g. 'nginx:1.25'/],
    ['ghcr.io/Acme/api:1', /has upper case letters in its repository path 'Acme\/api'; allowed: a lower-case repository path, e.g. 'acme\/api'/],
    ['ghcr.io//acme/api:1', /has an empty component in its repository path '\/acme\/api'/],
    ['acme/api/:1', /has an empty component in its repository path 'acme\/api\/'/],
    ['acme/-api:1', /has the invalid repository path component '-api'; allowed: lower-case letters and digits/],
    ['acme/a..b:1', /has the invalid repository path component 'a..b'/],
    ['acme/a___b:1', /has the invalid repository path component 'a___b'/],
    [`acme/api:${'t'.repeat(129)}`, /has a tag of 129 characters; allowed: at most 128/],
    ['acme/api:.1', /has the invalid tag '.1'; allowed: letters, digits, '_', '.' and '-'/],
    ['acme/api:', /has the invalid tag ''/],
    [`acme/api@sha256:${'A'.repeat(64)}`, /has upper case letters in its sha256 digest; allowed: lower-case hex digits/],
    ['acme/api@sha256:abc', /has the sha256 digest 'abc' \(3 characters\); allowed: exactly 64 lower-case hex digits/],
    [`acme/api@sha512:${SHA256}`, /has the sha512 digest '.*' \(64 characters\); allowed: exactly 128 lower-case hex digits/],
    [
      `acme/api@md5:${'a'.repeat(32)}`,
      /has the digest 'md5:a+' of an unknown algorithm 'md5'; allowed: sha256:<64 hex digits>, sha384:<96 hex digits>, sha512:<128 hex digits>/,
    ],
    [`acme/api@${SHA256}`, /of an unknown algorithm 'a+'/],
    ['registry.example.com:http/acme/api', /has the invalid registry port 'http' \(in 'registry.example.com:http'\)/],
    ['-registry.example.com/acme/api', /has the invalid registry host '-registry.example.com'/],
    [`registry.example.com/${'a'.repeat(240)}`, /has a name of 261 characters \(registry and repository path\), at most 255 are allowed/],
    ['', /image '' is empty/],
    ['nginx :1', /image 'nginx :1' contains whitespace/],
    [42, /image 42 is invalid; allowed: an image reference/],
  ])('fails when the image is %p', (image, message) => {
    const problem = checkImage('image', image);
    expect(problem).toMatch(message);
    expect(problem).toMatch(/; allowed: /);
  });

  test('names the option it checks', () => {
    expect(checkImage('monitoring.prometheusImage', 'Prom/Prometheus')).toMatch(/^monitoring.prometheusImage 'Prom\/Prometheus' has upper case letters/);
  });
});
