import { isTcpPort, normalizePort } from '../../../../lib/concerns/ports/import';
import { ImportError } from '../../../../lib/import/problems';

describe('isTcpPort', () => {
  test('message brokers and caches are TCP ports, web ports are not', () => {
    expect([5672, 11211, 6379].map(isTcpPort)).toEqual([true, true, true]);
    expect([80, 3000, 8080, 9000].map(isTcpPort)).toEqual([false, false, false, false]);
  });
});

describe('normalizePort', () => {
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
