import { Duration } from 'cdk8s';
import { containerOf, find, synthChart } from '../../../support/synth';
import { AppChart, AppProtocol, HealthCheck, InImageClient, WebService } from '../../../../lib';
import { checkParity } from '../../../../lib/validation';

/** A web service with `healthCheck`, rendered in both targets. */
function withHealth(healthCheck: HealthCheck, ports = [{ name: 'http', port: 8080 }]) {
  const { objects, compose } = synthChart((app) => {
    const chart = new AppChart(app, 'shop');
    new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0', replicas: 1, ports, healthCheck });
    return chart;
  });
  const c = containerOf(find(objects, 'Deployment', 'api'));
  return { c, hc: compose.services.api.healthcheck, parity: checkParity(objects, compose) };
}

describe('health checks', () => {
  test('a large failureThreshold is accepted: the liveness probe tolerates 3 times as many, up to what Kubernetes stores', () => {
    const { c } = withHealth(HealthCheck.http('/healthz', { inImage: InImageClient.CURL, failureThreshold: 1_000_000_000 }));
    expect(c.readinessProbe.failureThreshold).toBe(1_000_000_000);
    expect(c.livenessProbe.failureThreshold).toBe(2147483647);
  });

  test('one wrong timing is one problem (the liveness probe, derived from it, is not reported again)', () => {
    let error: unknown;
    try {
      withHealth(HealthCheck.http('/healthz', { inImage: InImageClient.CURL, interval: Duration.millis(500) }));
    } catch (e) {
      error = e;
    }
    expect((error as { problems: string[] }).problems).toEqual([
      'healthCheck.interval Duration 500 millis is invalid; allowed: a Duration of whole seconds, from 1 s to 2147483647 s',
    ]);
  });

  test('gRPC: the kubelet gRPC probe on the port number, grpc_health_probe in Compose', () => {
    const { c, hc, parity } = withHealth(HealthCheck.grpc({ inImage: InImageClient.GRPC_HEALTH_PROBE, service: 'hipstershop.Cart' }), [
      { name: 'grpc', port: 7070, protocol: AppProtocol.GRPC } as never,
    ]);
    expect(c.readinessProbe).toEqual({
      grpc: { port: 7070, service: 'hipstershop.Cart' },
      periodSeconds: 10,
      timeoutSeconds: 3,
      failureThreshold: 3,
      successThreshold: 1,
    });
    expect(hc.test).toEqual(['CMD', 'grpc_health_probe', '-addr=127.0.0.1:7070', '-service=hipstershop.Cart']);
    expect(parity).toEqual([]);
  });

  test('HTTP headers go on the probe and into each in-image client', () => {
    const headers = { Cookie: 'shop_session-id=x-readiness-probe' };
    const curl = withHealth(HealthCheck.http('/_healthz', { inImage: InImageClient.CURL, headers }));
    expect(curl.c.readinessProbe.httpGet).toEqual({
      path: '/_healthz',
      port: 'http',
      httpHeaders: [{ name: 'Cookie', value: 'shop_session-id=x-readiness-probe' }],
    });
    expect(curl.hc.test).toEqual([
      'CMD',
      'curl',
      '-fsS',
      '-o',
      '/dev/null',
      '-H',
      'Cookie: shop_session-id=x-readiness-probe',
      'http://127.0.0.1:8080/_healthz',
    ]);
    expect(curl.parity).toEqual([]);
    const wget = withHealth(HealthCheck.http('/_healthz', { inImage: InImageClient.WGET, headers }));
    expect(wget.hc.test).toEqual([
      'CMD',
      'wget',
      '-q',
      '-O',
      '/dev/null',
      '--header',
      'Cookie: shop_session-id=x-readiness-probe',
      'http://127.0.0.1:8080/_healthz',
    ]);
    const node = withHealth(HealthCheck.http('/_healthz', { inImage: InImageClient.NODE, headers }));
    expect(node.hc.test[3]).toBe(
      `fetch('http://127.0.0.1:8080/_healthz', { headers: {"Cookie":"shop_session-id=x-readiness-probe"} }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
    );
    expect(node.parity).toEqual([]);
  });

  test('an initial delay goes on the first probe that runs; Compose lengthens its start period by it', () => {
    const withStartup = withHealth(HealthCheck.tcp({ initialDelay: Duration.seconds(15), startPeriod: Duration.seconds(20) }));
    expect(withStartup.c.startupProbe.initialDelaySeconds).toBe(15);
    expect(withStartup.c.readinessProbe.initialDelaySeconds).toBeUndefined();
    expect(withStartup.hc.start_period).toBe('35s');
    expect(withStartup.parity).toEqual([]);
    const without = withHealth(HealthCheck.tcp({ initialDelay: Duration.seconds(15), startPeriod: Duration.seconds(0) }));
    expect(without.c.startupProbe).toBeUndefined();
    expect(without.c.readinessProbe.initialDelaySeconds).toBe(15);
    expect(without.c.livenessProbe.initialDelaySeconds).toBe(15);
    expect(without.hc.start_period).toBe('15s');
    expect(without.parity).toEqual([]);
  });

  test('a timeout may exceed the interval, as Kubernetes and Compose allow (probes do not overlap)', () => {
    const { c, hc } = withHealth(HealthCheck.http('/ready', { inImage: InImageClient.CURL, interval: Duration.seconds(5), timeout: Duration.seconds(10) }));
    expect([c.readinessProbe.periodSeconds, c.readinessProbe.timeoutSeconds]).toEqual([5, 10]);
    expect([hc.interval, hc.timeout]).toEqual(['5s', '10s']);
  });

  test('the liveness probe can have its own timing, or be left out', () => {
    const tuned = withHealth(HealthCheck.tcp({ liveness: { interval: Duration.seconds(20), timeout: Duration.seconds(5), failureThreshold: 6 } }));
    expect(tuned.c.livenessProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 6 });
    expect(tuned.c.readinessProbe.periodSeconds).toBe(10);
    expect(tuned.parity).toEqual([]);
    const delayed = withHealth(
      HealthCheck.tcp({ initialDelay: Duration.seconds(30), startPeriod: Duration.seconds(0), liveness: { initialDelay: Duration.seconds(300) } }),
    );
    expect([delayed.c.readinessProbe.initialDelaySeconds, delayed.c.livenessProbe.initialDelaySeconds]).toEqual([30, 300]);
    const none = withHealth(HealthCheck.tcp({ livenessProbe: false }));
    expect(none.c.livenessProbe).toBeUndefined();
    expect(none.c.readinessProbe).toBeDefined();
  });

  test.each([
    [30, 10, 3],
    [10, 15, 3],
    [25, 10, 5],
    [60, 7, 1],
  ])('the startup probe never gives up before Compose would (start period %ss, interval %ss, retries %s)', (start, interval, retries) => {
    const { c, hc } = withHealth(HealthCheck.tcp({ startPeriod: Duration.seconds(start), interval: Duration.seconds(interval), failureThreshold: retries }));
    const composeTolerates = start + retries * interval;
    const kubernetesAllows = c.startupProbe.failureThreshold * c.startupProbe.periodSeconds;
    expect(kubernetesAllows).toBeGreaterThanOrEqual(composeTolerates);
    expect(kubernetesAllows).toBeLessThan(composeTolerates + interval);
    expect([hc.start_period, hc.retries, hc.interval]).toEqual([`${start}s`, retries, `${interval}s`]);
  });

  test('forProtocol: the port protocol chooses the kind of check', () => {
    const grpc = withHealth(HealthCheck.forProtocol({ inImage: InImageClient.GRPC_HEALTH_PROBE }), [
      { name: 'grpc', port: 7070, protocol: AppProtocol.GRPC } as never,
    ]);
    expect(grpc.c.readinessProbe.grpc).toEqual({ port: 7070 });
    const tcp = withHealth(HealthCheck.forProtocol({ inImage: InImageClient.NETCAT }), [{ name: 'redis', port: 6379, protocol: AppProtocol.TCP } as never]);
    expect(tcp.c.readinessProbe.tcpSocket).toEqual({ port: 'redis' });
    const http = withHealth(HealthCheck.forProtocol({ inImage: InImageClient.CURL, path: '/healthz' }));
    expect(http.c.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(http.hc.test).toEqual(['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://127.0.0.1:8080/healthz']);
    expect(withHealth(HealthCheck.forProtocol({ inImage: InImageClient.CURL })).c.readinessProbe.httpGet.path).toBe('/');
  });

  describe('fails when', () => {
    test('forProtocol picks gRPC but the client is an HTTP one', () => {
      expect(() =>
        withHealth(HealthCheck.forProtocol({ inImage: InImageClient.CURL }), [{ name: 'grpc', port: 7070, protocol: AppProtocol.GRPC } as never]),
      ).toThrow(/a grpc health check cannot run with in-image client 'curl'/);
    });
    test('forProtocol is given a path for a TCP port', () => {
      expect(() =>
        withHealth(HealthCheck.forProtocol({ inImage: InImageClient.NETCAT, path: '/x' }), [{ name: 'raw', port: 9000, protocol: AppProtocol.TCP } as never]),
      ).toThrow(/health check path '\/x' is set, but port 'raw' speaks tcp: only an HTTP check has a path/);
    });
    const attempt = (healthCheck: HealthCheck) => () => withHealth(healthCheck);
    test('a gRPC check is given an HTTP client', () => {
      expect(attempt(HealthCheck.grpc({ inImage: InImageClient.CURL }))).toThrow(
        /a grpc health check cannot run with in-image client 'curl'; allowed: InImageClient.GRPC_HEALTH_PROBE, InImageClient.command\(\[...\]\), InImageClient.NONE/,
      );
    });
    test('an HTTP check is given the gRPC client', () => {
      expect(attempt(HealthCheck.http('/', { inImage: InImageClient.GRPC_HEALTH_PROBE }))).toThrow(
        /a http health check cannot run with in-image client 'grpc_health_probe'/,
      );
    });
    test('a header name has a space', () => {
      expect(attempt(HealthCheck.http('/', { inImage: InImageClient.CURL, headers: { 'X Probe': '1' } }))).toThrow(
        /health check header name 'X Probe' is invalid/,
      );
    });
    test('a header value spans two lines', () => {
      expect(attempt(HealthCheck.http('/', { inImage: InImageClient.CURL, headers: { 'X-Probe': 'a\nb' } }))).toThrow(
        /health check header X-Probe has value 'a\nb'; allowed: a string on one line/,
      );
    });
    test('the initial delay is not a whole number of seconds', () => {
      expect(attempt(HealthCheck.tcp({ initialDelay: Duration.millis(1500) }))).toThrow(
        /healthCheck.initialDelay Duration .* is invalid; allowed: a Duration of whole seconds, from 0 s/,
      );
    });
    test('the interval is sub-second (a ValidationError, not a crash in cdk8s)', () => {
      expect(attempt(HealthCheck.tcp({ interval: Duration.millis(500) }))).toThrow(
        /healthCheck.interval Duration .* is invalid; allowed: a Duration of whole seconds, from 1 s/,
      );
    });
    test('liveness timing is given with livenessProbe: false', () => {
      expect(attempt(HealthCheck.tcp({ livenessProbe: false, liveness: { failureThreshold: 2 } }))).toThrow(
        /healthCheck.liveness is set but livenessProbe is false/,
      );
    });
  });
});
