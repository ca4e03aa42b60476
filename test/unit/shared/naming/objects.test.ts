import {
  databaseNetworkName,
  databaseOfNetwork,
  derivedNames,
  extraWritableVolumeName,
  headlessServiceName,
  jobName,
  maxServiceNameLength,
  secretVolumeName,
  waitContainerName,
  writableVolumeName,
} from '../../../../lib/shared/naming/objects';

describe('object names', () => {
  test('a CronJob leaves 11 characters for its Jobs; other kinds may use 63', () => {
    expect(maxServiceNameLength('scheduled')).toBe(52);
    expect(maxServiceNameLength('web')).toBe(63);
  });

  test("a Database's derived names count its headless Service and its revision-hash label", () => {
    expect(derivedNames('web', 'api')).toEqual([]);
    expect(derivedNames('database', 'db')).toEqual([
      { what: 'the headless Service', shown: 'db-headless', length: 11, max: 63 },
      { what: "the StatefulSet's pod label controller-revision-hash", shown: 'db-<10-character hash>', length: 13, max: 63 },
    ]);
    expect(headlessServiceName('db')).toBe('db-headless');
  });

  test("a run-once Worker's Job is `<service>-<8 hex>` of its template, whatever the key order; the name leaves room for the hash", () => {
    const template = { spec: { containers: [{ name: 'main', image: 'a:1' }] }, metadata: { labels: { x: '1' } } };
    const reordered = { metadata: { labels: { x: '1' } }, spec: { containers: [{ image: 'a:1', name: 'main' }] } };
    expect(jobName('migrate', template)).toMatch(/^migrate-[0-9a-f]{8}$/);
    expect(jobName('migrate', reordered)).toBe(jobName('migrate', template));
    expect(jobName('migrate', { ...template, spec: { containers: [{ name: 'main', image: 'a:2' }] } })).not.toBe(jobName('migrate', template));
    expect(derivedNames('run-once', 'migrate')).toEqual([{ what: 'the Job', shown: 'migrate-<8-character template hash>', length: 16, max: 63 }]);
    expect(jobName('m'.repeat(54), template)).toHaveLength(63);
  });

  test.each([
    ['/var/run/postgresql', 'var-run-postgresql'],
    ['/tmp/', 'tmp'],
    ['/', 'root'],
    ['/Data/With Spaces', 'data-with-spaces'],
  ])('the writable volume of %p is %p', (path, name) => {
    expect(writableVolumeName(path)).toBe(name);
  });

  test('derived volume and container names stay within 63 characters and never end with a dash', () => {
    const long = 'x'.repeat(70);
    for (const name of [extraWritableVolumeName(long, '/tmp'), waitContainerName(long), secretVolumeName(long)]) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).not.toMatch(/-$/);
    }
    expect(secretVolumeName('tls.certs')).toBe('secret-tls-certs');
  });

  test('databaseOfNetwork inverts databaseNetworkName', () => {
    expect(databaseOfNetwork(databaseNetworkName('orders-db'))).toBe('orders-db');
    expect(databaseOfNetwork('frontend')).toBeUndefined();
  });
});
