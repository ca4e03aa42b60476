import { argv, duration, mebibytes, normalizePort, normalizeService, normalizeVolume } from '../../../lib/import/normalize';
import { ImportError } from '../../../lib/import/problems';

describe('ports', () => {
  test.each([
    [80, [{ target: 80, ephemeral: true, protocol: 'tcp' }]],
    ['8080:80', [{ target: 80, published: 8080, ephemeral: false, protocol: 'tcp' }]],
    ['127.0.0.1:8080:80', [{ target: 80, published: 8080, hostIp: '127.0.0.1', ephemeral: false, protocol: 'tcp' }]],
    ['[::1]:8080:80', [{ target: 80, published: 8080, hostIp: '::1', ephemeral: false, protocol: 'tcp' }]],
    ['5353:53/udp', [{ target: 53, published: 5353, ephemeral: false, protocol: 'udp' }]],
    [
      '8000-8001:9000-9001',
      [
        { target: 9000, published: 8000, ephemeral: false, protocol: 'tcp' },
        { target: 9001, published: 8001, ephemeral: false, protocol: 'tcp' },
      ],
    ],
    ['8000-8010:80', [{ target: 80, ephemeral: true, protocol: 'tcp' }]],
    [
      { target: 80, published: '8080', host_ip: '0.0.0.0', name: 'web' },
      [{ target: 80, published: 8080, hostIp: '0.0.0.0', name: 'web', ephemeral: false, protocol: 'tcp' }],
    ],
    [{ target: 443 }, [{ target: 443, ephemeral: false, protocol: 'tcp' }]],
    [{ target: 50051, published: 50051, app_protocol: 'grpc' }, [{ target: 50051, published: 50051, appProtocol: 'grpc', ephemeral: false, protocol: 'tcp' }]],
  ])('%j', (value, expected) => {
    expect(normalizePort(value, 'services.web.ports[0]')).toEqual(expected.map((e) => expect.objectContaining(e)));
  });

  test.each([
    ['8080:80:70:60', /services.web.ports\[0\]: '8080:80:70:60' is invalid; allowed: '\[host_ip:\]\[host:\]container/],
    ['http', /'http' is invalid; allowed: ports from 1 to 65535/],
    ['70000:80', /'70000:80' is invalid; allowed: ports from 1 to 65535/],
    [{ published: 80 }, /services.web.ports\[0\].target: undefined is invalid/],
    [true, /true is invalid/],
  ])('fails when a port is %j', (value, message) => {
    expect(() => normalizePort(value, 'services.web.ports[0]')).toThrow(ImportError);
    expect(() => normalizePort(value, 'services.web.ports[0]')).toThrow(message);
  });
});

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
  test('volumes: short bind, named, anonymous, long syntax', () => {
    expect(normalizeVolume('./src:/app:ro', 'v')).toMatchObject({ type: 'bind', source: './src', target: '/app', readOnly: true });
    expect(normalizeVolume('data:/data', 'v')).toMatchObject({ type: 'volume', source: 'data', target: '/data', readOnly: false });
    expect(normalizeVolume('/cache', 'v')).toMatchObject({ type: 'volume', target: '/cache' });
    expect(normalizeVolume({ type: 'tmpfs', target: '/run' }, 'v')).toMatchObject({ type: 'tmpfs', target: '/run' });
  });

  test('commands split like a shell: quotes and backslashes', () => {
    expect(argv(`sh -c 'echo "a b" && run' --flag="x y" a\\ b`, 'c')).toEqual(['sh', '-c', 'echo "a b" && run', '--flag=x y', 'a b']);
    expect(argv(['a', 1], 'c')).toEqual(['a', '1']);
    expect(() => argv('echo "open', 'services.web.command')).toThrow(
      /services.web.command: 'echo "open' is invalid; allowed: a command line with closed quotes/,
    );
  });

  test('durations and sizes', () => {
    expect(duration('1h2m3s', 'd')).toBe(3723);
    expect(duration(30, 'd')).toBe(30);
    // Go durations as Compose reads them: a fraction without a leading digit, an explicit sign.
    expect(duration('.5s', 'd')).toBe(0.5);
    expect(duration('+1m', 'd')).toBe(60);
    expect(mebibytes('512m', 'm')).toBe(512);
    expect(mebibytes('2gb', 'm')).toBe(2048);
    expect(mebibytes(1048577, 'm')).toBe(2);
  });

  test('fails when a duration is negative (Compose reads it, no timing can be)', () => {
    expect(() => duration('-5s', 'services.web.healthcheck.interval')).toThrow(/services.web.healthcheck.interval: '-5s' is invalid; allowed: a duration/);
  });
});
