import { callOf } from '../../../lib/shared/brands';
import {
  Cpu,
  DatabaseCredentials,
  DatabaseEngine,
  EnvValue,
  Grant,
  HealthCheck,
  InImageClient,
  IngressPeer,
  Memory,
  PodCount,
  SecretsBackend,
  WebService,
} from '../../../lib';
import { App, Chart } from 'cdk8s';
import { num, objectOf, optional, required, str } from '../../../lib/shared/shape';
import { FACTORY_ARGUMENTS } from '../../../lib/props/factories';

describe('the shapes of the value factories', () => {
  // One value from every factory whose call is recorded: the compiler checks the names
  // (FactoryName) and that FACTORY_ARGUMENTS has every one; this checks that each factory
  // records its own call, so that its arguments are checked at all.
  const values = [
    Cpu.millis(250),
    Cpu.cores(1),
    Cpu.parse('250m'),
    Memory.mebibytes(512),
    Memory.gibibytes(1),
    Memory.parse('1Gi'),
    PodCount.of(1),
    PodCount.percent(25),
    EnvValue.fromValue('x'),
    EnvValue.fromSecret('s', 'k'),
    EnvValue.concat(EnvValue.fromValue('a')),
    InImageClient.command(['/bin/check']),
    HealthCheck.http('/healthz', { inImage: InImageClient.CURL }),
    HealthCheck.tcp(),
    HealthCheck.grpc({ inImage: InImageClient.GRPC_HEALTH_PROBE }),
    HealthCheck.forProtocol({ inImage: InImageClient.CURL }),
    HealthCheck.command(['/bin/check']),
    DatabaseEngine.postgres('16'),
    DatabaseEngine.mysql('8.4'),
    DatabaseEngine.mongo('7'),
    DatabaseEngine.redis('7.4'),
    DatabaseCredentials.fromExistingSecret('db'),
    Grant.read(['configmaps']),
    Grant.readWrite(['leases']),
    Grant.of({ resources: ['pods'], verbs: [] }),
    SecretsBackend.existing(),
    SecretsBackend.externalSecrets({ storeName: 'vault' }),
    SecretsBackend.sealedSecrets({ encryptedData: {} }),
    IngressPeer.namespace('ingress-nginx'),
    IngressPeer.cidr('10.0.0.0/8'),
  ];

  test('every factory call is recorded under a name with argument shapes, and every shape belongs to a factory', () => {
    const recorded = values.map((v) => callOf(v)?.factory);
    expect(recorded.filter((name) => name === undefined || !(name in FACTORY_ARGUMENTS))).toEqual([]);
    expect([...new Set(recorded)].sort()).toEqual(Object.keys(FACTORY_ARGUMENTS).sort());
  });
});

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
