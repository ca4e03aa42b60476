import { containerOf, find, synthChart } from '../../../support/synth';
import { AppChart, EnvValue, WebService } from '../../../../lib';
import { checkParity } from '../../../../lib/validation';

describe('development settings (Compose only)', () => {
  const out = () =>
    synthChart((app) => {
      const chart = new AppChart(app, 'shop');
      new WebService(chart, 'Api', {
        name: 'api',
        image: 'ghcr.io/acme/api:1.0.0',
        command: ['node'],
        args: ['server.js'],
        env: { LOG_LEVEL: EnvValue.fromValue('info') },
        dev: {
          command: ['npx', 'nodemon'],
          args: ['--inspect=0.0.0.0:9229', 'server.js'],
          env: { LOG_LEVEL: EnvValue.fromValue('debug'), NODE_ENV: EnvValue.fromValue('development') },
          ports: [{ name: 'debug', port: 9229 }],
          mounts: [
            { source: 'services/api/src', target: '/app/src' },
            { source: 'services/api/package.json', target: '/app/package.json', readOnly: true },
          ],
        },
      });
      return chart;
    });

  test('Compose runs the development command with its environment, debugger port and source mounts', () => {
    const api = out().compose.services.api;
    expect(api.entrypoint).toEqual(['npx', 'nodemon']);
    expect(api.command).toEqual(['--inspect=0.0.0.0:9229', 'server.js']);
    expect(api.environment).toEqual({ LOG_LEVEL: 'debug', NODE_ENV: 'development' });
    // Two replicas (the default): one host port each, as for published ports.
    expect(api.ports).toEqual(['127.0.0.1:9229-9230:9229']);
    expect(api.volumes).toEqual(['./services/api/package.json:/app/package.json:ro', './services/api/src:/app/src']);
    expect(api.labels['dev.cdk8s-compose.io/overrides']).toBe(
      // Sorted, whatever order the props were written in.
      'args,command,environment.LOG_LEVEL,environment.NODE_ENV,ports.9229,volumes./app/package.json,volumes./app/src',
    );
  });

  test('none of it reaches Kubernetes, and parity skips exactly what the label lists', () => {
    const { objects, compose } = out();
    const c = containerOf(find(objects, 'Deployment', 'api'));
    expect([c.command, c.args, c.env]).toEqual([['node'], ['server.js'], [{ name: 'LOG_LEVEL', value: 'info' }]]);
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(c.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(checkParity(objects, compose)).toEqual([]);
    // A difference the label does not list is still found.
    compose.services.api.environment.EXTRA = 'x';
    expect(checkParity(objects, compose).map((f) => f.path)).toEqual(['environment.EXTRA']);
  });

  test('a debugger port that another service publishes is refused, naming both', () => {
    expect(() =>
      synthChart((app) => {
        const chart = new AppChart(app, 'shop');
        new WebService(chart, 'Web', { name: 'web', image: 'w:1', ports: [{ name: 'http', port: 9229, publish: 9229 }], replicas: 1 });
        new WebService(chart, 'Api', { name: 'api', image: 'a:1', replicas: 1, dev: { ports: [{ name: 'debug', port: 9229 }] } });
        return chart;
      }),
    ).toThrow(/published host port 9229 is already published by 'web'.*\(at shop\/Api\)/);
  });

  test.each([
    [
      'a secret in the development environment',
      { env: { TOKEN: EnvValue.fromSecret('api', 'token') } },
      /dev.env TOKEN reads a secret; allowed: plain development values/,
    ],
    [
      'an absolute mount source',
      { mounts: [{ source: '/home/me/api', target: '/app' }] },
      /dev.mounts source '\/home\/me\/api' is invalid; allowed: a path inside the project root/,
    ],
    [
      'a mount source outside the project',
      { mounts: [{ source: 'api/../../secrets', target: '/app' }] },
      /dev.mounts source 'api\/..\/..\/secrets' is invalid/,
    ],
    ['a mount source with a colon', { mounts: [{ source: 'a:b', target: '/app' }] }, /dev.mounts source 'a:b' is invalid; allowed: .*without ':'/],
    [
      'a relative mount target',
      { mounts: [{ source: 'api', target: 'app' }] },
      /dev.mounts target 'app' is invalid; allowed: an absolute path in the container/,
    ],
    [
      'a debugger port out of range',
      { ports: [{ name: 'debug', port: 70000 }] },
      /dev.ports .* is invalid; allowed: \{ name, port, publish\? \} with ports from 1 to 65535/,
    ],
  ])('fails when %s', (_title, dev, message) => {
    expect(() => synthChart((app) => new WebService(new AppChart(app, 'shop'), 'Api', { name: 'api', image: 'a:1', dev }).node.scope as AppChart)).toThrow(
      message,
    );
  });
});
