import { argv, normalizeService } from '../../../lib/import/normalize';
import { ImportError } from '../../../lib/import/problems';

describe('a service', () => {
  test('list and map environment, depends_on list and conditions, build string and object, expose', () => {
    const s = normalizeService('web', {
      build: { context: './web', dockerfile: 'Dockerfile.dev', args: ['A=1', 'B'], cache_from: ['x'] },
      expose: ['3000', 9229],
      environment: { N: 1, T: true, S: 'x' },
      depends_on: { db: { condition: 'service_healthy', restart: true }, migrate: { condition: 'service_completed_successfully' } },
    });
    expect(s.build).toEqual({ context: './web', dockerfile: 'Dockerfile.dev', target: undefined, args: { A: '1' } });
    expect(s.ports.map((p) => p.target)).toEqual([3000, 9229]);
    expect(s.environment).toEqual({ N: '1', T: 'true', S: 'x' });
    expect(s.dependsOn).toEqual({
      db: { condition: 'service_healthy', restart: true, required: undefined },
      migrate: { condition: 'service_completed_successfully', restart: undefined, required: undefined },
    });
    expect(s.unmapped).toEqual([['build.cache_from', expect.stringMatching(/no equivalent in BuildOptions/)]]);
    expect(normalizeService('w', { build: '.', depends_on: ['db'] })).toMatchObject({
      build: { context: '.' },
      dependsOn: { db: { condition: 'service_started' } },
    });
  });

  test.each([
    [{ test: ['CMD', 'curl', '-f', 'http://localhost'] }, ['curl', '-f', 'http://localhost'], false],
    [{ test: ['CMD-SHELL', 'pg_isready -U app'] }, ['sh', '-c', 'pg_isready -U app'], false],
    [{ test: 'wget -q -O- localhost || exit 1' }, ['sh', '-c', 'wget -q -O- localhost || exit 1'], false],
    [{ test: ['NONE'] }, undefined, true],
    [{ disable: true }, undefined, true],
  ])('healthcheck %j', (healthcheck, test, disabled) => {
    expect(normalizeService('web', { image: 'a:1', healthcheck }).healthcheck).toMatchObject({ test, disabled });
  });

  test('healthcheck timings in seconds, resources from deploy and the legacy keys', () => {
    const s = normalizeService('web', {
      image: 'a:1',
      healthcheck: { test: ['CMD', 'true'], interval: '1m30s', timeout: '500ms', start_period: '10s', retries: 3 },
      deploy: { replicas: 3, resources: { limits: { cpus: '0.5', memory: '1g' }, reservations: { memory: '256M' } }, placement: { constraints: [] } },
    });
    expect(s.healthcheck).toMatchObject({ interval: 90, timeout: 0.5, startPeriod: 10, retries: 3 });
    expect(s.resources).toEqual({ cpuLimit: 500, memoryLimit: 1024, memoryRequest: 256, cpuRequest: undefined });
    expect(s.replicas).toBe(3);
    expect(s.unmapped).toEqual([['deploy.placement', 'no equivalent prop']]);
    expect(normalizeService('w', { image: 'a:1', mem_limit: '64m', cpus: 1.5 }).resources).toMatchObject({ memoryLimit: 64, cpuLimit: 1500 });
  });

  test('keys without a prop are listed with the reason; x- extensions are ignored', () => {
    const s = normalizeService('web', { 'image': 'a:1', 'container_name': 'w', 'x-note': 1, 'frobnicate': true });
    expect(s.unmapped.map(([k]) => k)).toEqual(['container_name', 'frobnicate']);
    expect(s.unmapped[1][1]).toMatch(/does not know/);
  });

  test.each([
    [{}, /services.web.image: missing; allowed: a service needs an image or a build/],
    [{ image: 5 }, /services.web.image: 5 is invalid; allowed: a string/],
    [{ image: 'a:1', ports: '80:80' }, /services.web.ports: '80:80' is invalid; allowed: a list/],
    [{ image: 'a:1', depends_on: 'db' }, /services.web.depends_on: 'db' is invalid/],
    [{ image: 'a:1', depends_on: { db: { condition: 'service_ready' } } }, /depends_on.db.condition: 'service_ready' is invalid; allowed: service_started/],
    [{ image: 'a:1', healthcheck: { test: ['RUN', 'x'] } }, /healthcheck.test: \["RUN","x"\] is invalid/],
    [{ image: 'a:1', healthcheck: { test: 'x', interval: 'soon' } }, /healthcheck.interval: 'soon' is invalid; allowed: a duration/],
    [{ image: 'a:1', deploy: { resources: { limits: { memory: 'lots' } } } }, /limits.memory: 'lots' is invalid/],
    [{ image: 'a:1', environment: { A: { nested: 1 } } }, /environment.A: \{"nested":1\} is invalid/],
  ])('fails when %j', (service, message) => {
    expect(() => normalizeService('web', service as Record<string, unknown>)).toThrow(ImportError);
    expect(() => normalizeService('web', service as Record<string, unknown>)).toThrow(message);
  });
});

describe('values', () => {
  test('commands split like a shell: quotes and backslashes', () => {
    expect(argv(`sh -c 'echo "a b" && run' --flag="x y" a\\ b`, 'c')).toEqual(['sh', '-c', 'echo "a b" && run', '--flag=x y', 'a b']);
    expect(argv(['a', 1], 'c')).toEqual(['a', '1']);
    expect(() => argv('echo "open', 'services.web.command')).toThrow(
      /services.web.command: 'echo "open' is invalid; allowed: a command line with closed quotes/,
    );
  });
});
