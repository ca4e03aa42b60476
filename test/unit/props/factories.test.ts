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
} from '../../../lib';
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
