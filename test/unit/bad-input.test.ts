import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration, YamlOutputType } from 'cdk8s';
import { synthApp } from '../support/synth';
import { ImportError, importCompose } from '../../lib/import/index';
import {
  App,
  AppChart,
  AppChartProps,
  Cpu,
  Database,
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
  ServiceType,
  ValidationError,
  Verb,
  WebService,
  Worker,
} from '../../lib';
import * as plus from 'cdk8s-plus-28';

/**
 * The bad-input catalogue: every row is a mistake a user can make, and the error it must
 * produce. Each error says what is wrong and the value; rows give the construct path the
 * message must name, and `allowed` rows also require the message to say what is allowed.
 */
interface Row {
  /** What is wrong. */
  readonly title: string;
  /** Builds the bad definition in a fresh chart. */
  readonly build: (chart: AppChart, app: App) => void;
  /** The message must match this (it includes the bad value). */
  readonly message: RegExp;
  /** The construct path the message names. */
  readonly path: string;
  /** Whether the message must also say what is allowed. */
  readonly allowed?: boolean;
  /** Chart props, for chart-level mistakes. */
  readonly chartProps?: AppChartProps;
}

const img = 'ghcr.io/acme/app:1.0.0';
const web = (chart: AppChart, props: Partial<ConstructorParameters<typeof WebService>[2]> = {}, id = 'Api') =>
  new WebService(chart, id, { name: id.toLowerCase(), image: img, ...props });
const pg = (chart: AppChart, id = 'Db', props: Partial<ConstructorParameters<typeof Database>[2]> = {}) =>
  new Database(chart, id, { name: id.toLowerCase(), engine: DatabaseEngine.postgres('16'), ...props });

const CATALOGUE: Row[] = [
  // cdk8s-plus-28 exports classes of the same names; both are often imported in one chart.
  {
    title: "cdk8s-plus-28's EnvValue instead of this library's",
    build: (c) => web(c, { env: { MODE: plus.EnvValue.fromValue('x') as any } }),
    message:
      /env.MODE is not this library's EnvValue \(this EnvValue comes from another library, probably cdk8s-plus-28: import EnvValue from 'cdk8s-compose'\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: "cdk8s-plus-28's Cpu instead of this library's",
    build: (c) => web(c, { resources: { cpuLimit: plus.Cpu.millis(500) as any } }),
    message: /resources.cpuLimit is not this library's Cpu \(this Cpu comes from another library, probably cdk8s-plus-28: import Cpu from 'cdk8s-compose'\)/,
    path: 'shop/Api',
    allowed: true,
  },
  // Names
  {
    title: 'a service name with upper case and underscore',
    build: (c) => web(c, { name: 'My_Api' }),
    message: /service name 'My_Api' is not a DNS-1123 label/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a construct id that is not a valid default name',
    build: (c) => new WebService(c, 'Api Server', { image: img }),
    message: /service name 'Api Server' is not a DNS-1123 label.*set `name`/,
    path: 'shop/Api Server',
    allowed: true,
  },
  {
    title: 'a service name of 64 characters',
    build: (c) => web(c, { name: 'a'.repeat(64) }),
    message: /'a{64}' is 64 characters long; at most 63 are allowed/,
    path: 'shop/Api',
  },
  {
    title: 'a CronJob name of 53 characters',
    build: (c) => new Worker(c, 'Job', { name: 'j'.repeat(53), image: img, schedule: '@daily' }),
    message: /is 53 characters long; at most 52 are allowed/,
    path: 'shop/Job',
  },
  {
    title: 'two services with the same name',
    build: (c) => {
      web(c, { name: 'api' }, 'A');
      web(c, { name: 'api' }, 'B');
    },
    message: /service name 'api' is already used by another workload/,
    path: 'shop/B',
  },
  {
    title: 'a service name ending with a dash',
    build: (c) => web(c, { name: 'api-' }),
    message: /service name 'api-' is not a DNS-1123 label/,
    path: 'shop/Api',
    allowed: true,
  },
  // Ports
  {
    title: 'port 0',
    build: (c) => web(c, { ports: [{ name: 'http', port: 0 }] }),
    message: /port 0 \(http\) is out of range; allowed: a whole number from 1 to 65535/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a Service port out of range',
    build: (c) => web(c, { ports: [{ name: 'http', port: 8080, servicePort: 0 }] }),
    message: /servicePort 0 \(http\) is out of range; allowed: a whole number from 1 to 65535/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'two ports on the same Service port',
    build: (c) =>
      web(c, {
        ports: [
          { name: 'http', port: 8080, servicePort: 80 },
          { name: 'alt', port: 80 },
        ],
      }),
    message: /service port 80 \(alt\) is used twice; each Service port must be unique/,
    path: 'shop/Api',
  },
  {
    title: 'a node port on a ClusterIP Service',
    build: (c) => web(c, { ports: [{ name: 'http', port: 8080, nodePort: 30080 }] }),
    message: /nodePort 30080 \(http\) needs serviceType NODE_PORT or LOAD_BALANCER; the Service is ClusterIP/,
    path: 'shop/Api',
  },
  {
    title: 'a node port outside the node port range',
    build: (c) => web(c, { serviceType: ServiceType.NODE_PORT, ports: [{ name: 'http', port: 8080, nodePort: 8080 }] }),
    message: /nodePort 8080 \(http\) is out of range; allowed: a whole number from 30000 to 32767/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an unknown service type (JavaScript callers)',
    build: (c) => web(c, { serviceType: 'ExternalName' as any }),
    message: /serviceType 'ExternalName' is invalid; allowed: a ServiceType: 'ClusterIP', 'NodePort', 'LoadBalancer'/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an unknown port protocol (JavaScript callers)',
    build: (c) => web(c, { ports: [{ name: 'dns', port: 5353, protocol: 'udp' as any }] }),
    message: /ports\[0\].protocol 'udp' is invalid; allowed: an AppProtocol: 'http', 'h2c', 'grpc', 'tcp'/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a publish address that is a host name',
    build: (c) => web(c, { ports: [{ name: 'http', port: 8080, publish: 8080, publishAddress: 'localhost' }] }),
    message: /publishAddress 'localhost' \(http\) is not an IP address; allowed: an IPv4 or IPv6 address/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'connectTo with both envPrefix and env',
    build: (c) => {
      const api = web(c);
      web(c, {}, 'Web').connectTo(api, { envPrefix: 'API', env: { API_ADDR: api.connection.address } });
    },
    message: /envPrefix 'API' and env are both set; env names every variable itself/,
    path: 'shop/Web',
  },
  {
    title: 'connectTo env with a plain string value',
    build: (c) => {
      const api = web(c);
      web(c, {}, 'Web').connectTo(api, { env: { API_ADDR: 'api:8080' as any } });
    },
    message: /connectTo\(\) options.env.API_ADDR 'api:8080' is invalid; allowed: an EnvValue \(write EnvValue.fromValue\('api:8080'\)\)/,
    path: 'shop/Web',
    allowed: true,
  },
  {
    title: 'port 65536',
    build: (c) => web(c, { ports: [{ name: 'http', port: 65536 }] }),
    message: /port 65536 \(http\) is out of range/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a fractional port',
    build: (c) => web(c, { ports: [{ name: 'http', port: 80.5 }] }),
    message: /port 80.5 \(http\) is out of range/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'the same port twice',
    build: (c) =>
      web(c, {
        ports: [
          { name: 'http', port: 80 },
          { name: 'alt', port: 80 },
        ],
      }),
    message: /port 80 is declared twice/,
    path: 'shop/Api',
  },
  {
    title: 'the same port name twice',
    build: (c) =>
      web(c, {
        ports: [
          { name: 'http', port: 80 },
          { name: 'http', port: 81 },
        ],
      }),
    message: /port name 'http' is used twice/,
    path: 'shop/Api',
  },
  {
    title: 'a port name longer than 15 characters',
    build: (c) => web(c, { ports: [{ name: 'a-very-long-port-name', port: 80 }] }),
    message: /port name 'a-very-long-port-name' is 21 characters long; at most 15/,
    path: 'shop/Api',
  },
  {
    title: 'a published host port out of range',
    build: (c) => web(c, { ports: [{ name: 'http', port: 80, publish: 70000 }] }),
    message: /published host port 70000 \(http\) is out of range/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'two services publishing the same host port',
    build: (c) => {
      web(c, { replicas: 1, ports: [{ name: 'http', port: 80, publish: 8080 }] }, 'A');
      web(c, { replicas: 1, ports: [{ name: 'http', port: 81, publish: 8080 }] }, 'B');
    },
    message: /published host port 8080 is already published by 'a'/,
    path: 'shop/B',
  },
  {
    title: 'host port ranges of replicas that overlap',
    build: (c) => {
      web(c, { replicas: 3, ports: [{ name: 'http', port: 80, publish: 8080 }] }, 'A');
      web(c, { replicas: 1, ports: [{ name: 'http', port: 81, publish: 8082 }] }, 'B');
    },
    message: /published host port 8082 is already published by 'a'/,
    path: 'shop/B',
  },
  // Replicas and autoscaling
  {
    title: 'negative replicas',
    build: (c) => web(c, { replicas: -1 }),
    message: /replicas -1 is invalid; allowed: a whole number from 0 to 2147483647/,
    path: 'shop/Api',
    allowed: true,
  },
  { title: 'fractional replicas', build: (c) => web(c, { replicas: 2.5 }), message: /replicas 2.5 is invalid/, path: 'shop/Api', allowed: true },
  {
    title: 'autoscaling min greater than max',
    build: (c) => web(c, { autoscaling: { minReplicas: 5, maxReplicas: 2 } }),
    message: /autoscaling.minReplicas 5 is greater than autoscaling.maxReplicas 2; min must not exceed max/,
    path: 'shop/Api',
  },
  {
    title: 'autoscaling with zero minimum',
    build: (c) => web(c, { autoscaling: { minReplicas: 0, maxReplicas: 2 } }),
    message: /autoscaling.minReplicas 0 is invalid; allowed: a whole number from 1 to 2147483647/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a CPU target of 150%',
    build: (c) => web(c, { autoscaling: { minReplicas: 1, maxReplicas: 2, cpuTargetPercent: 150 } }),
    message: /autoscaling.cpuTargetPercent 150 is invalid; allowed: a whole number from 1 to 100/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'replicas on a run-once job',
    build: (c) => new Worker(c, 'Job', { name: 'job', image: img, runOnce: true, replicas: 2 }),
    message: /replicas 2 is only allowed for continuous workers/,
    path: 'shop/Job',
  },
  // Resources and storage
  {
    title: 'a CPU quantity that does not parse',
    build: (c) => web(c, { resources: { cpuLimit: Cpu.parse('two cores') } }),
    message: /resources.cpuLimit 'two cores' is not a valid CPU quantity; allowed:/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a memory quantity that does not parse',
    build: (c) => web(c, { resources: { memoryRequest: Memory.parse('512MB') } }),
    message: /resources.memoryRequest '512MB' is not a valid memory quantity; allowed:/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a request above its limit',
    build: (c) => web(c, { resources: { memoryRequest: Memory.gibibytes(2), memoryLimit: Memory.gibibytes(1) } }),
    message: /resources.memoryRequest 2Gi is larger than resources.memoryLimit 1Gi/,
    path: 'shop/Api',
  },
  {
    title: 'a storage size that does not parse',
    build: (c) => pg(c, 'Db', { storage: Memory.parse('10 GB') }),
    message: /storage '10 GB' is not a valid memory quantity/,
    path: 'shop/Db',
    allowed: true,
  },
  {
    title: 'a storage size below 1Mi',
    build: (c) => pg(c, 'Db', { storage: Memory.parse('100Ki') }),
    message: /storage '100Ki' is not a valid memory quantity; allowed: a whole number of bytes of at least 1Mi/,
    path: 'shop/Db',
    allowed: true,
  },
  // Schedules
  {
    title: 'a cron schedule with four fields',
    build: (c) => new Worker(c, 'Job', { name: 'job', image: img, schedule: '0 3 * *' }),
    message: /schedule '0 3 \* \*' has 4 fields; allowed: five fields/,
    path: 'shop/Job',
    allowed: true,
  },
  {
    title: 'a cron hour of 25',
    build: (c) => new Worker(c, 'Job', { name: 'job', image: img, schedule: '0 25 * * *' }),
    message: /25 in field 2 is out of range 0-23/,
    path: 'shop/Job',
    allowed: true,
  },
  {
    title: 'a worker both scheduled and run once',
    build: (c) => new Worker(c, 'Job', { name: 'job', image: img, schedule: '@daily', runOnce: true }),
    message: /schedule and runOnce are both set/,
    path: 'shop/Job',
  },
  // Images
  { title: 'an empty image', build: (c) => web(c, { image: '' }), message: /image '' is empty; allowed: an image reference/, path: 'shop/Api', allowed: true },
  {
    title: 'an image with whitespace',
    build: (c) => web(c, { image: 'nginx :1.25' }),
    message: /image 'nginx :1.25' contains whitespace; allowed:/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an image with upper case',
    build: (c) => web(c, { image: 'Acme/Api:1' }),
    message: /image 'Acme\/Api:1' has upper case letters in its repository path 'Acme\/Api'; allowed: a lower-case repository path/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an engine version that is not an image tag',
    build: (c) => new Database(c, 'Db', { name: 'db', engine: DatabaseEngine.mysql('-eight') }),
    message: /mysql version '-eight' is not an image tag; allowed: a tag of the 'mysql' image such as '16', '16.4-alpine' or 'alpine'/,
    path: 'shop/Db',
    allowed: true,
  },
  // Connections
  {
    title: 'connectTo itself',
    build: (c) => {
      const a = web(c);
      a.connectTo(a);
    },
    message: /'api' cannot depend on or connect to itself/,
    path: 'shop/Api',
  },
  {
    title: 'a dependency cycle A -> B -> A',
    build: (c) => {
      const a = web(c, {}, 'A');
      const b = web(c, {}, 'B');
      a.connectTo(b);
      b.connectTo(a);
    },
    message: /would create a dependency cycle: b -> a -> b/,
    path: 'shop/B',
  },
  {
    title: 'a cycle through a run-once job',
    build: (c) => {
      const j = new Worker(c, 'Job', { name: 'job', image: img, runOnce: true });
      const a = web(c);
      a.dependsOn(j);
      j.connectTo(a);
    },
    message: /would create a dependency cycle: job -> api -> job/,
    path: 'shop/Job',
  },
  {
    // A compile error in TypeScript (a Worker is not IConnectable); JavaScript callers get this.
    title: 'connecting to a continuous worker',
    build: (c) => {
      const w = new Worker(c, 'W', { name: 'w', image: img });
      web(c).connectTo(w as any);
    },
    message: /cannot connect to 'w': it is a continuous worker and listens on no port; use dependsOn\(\)/,
    path: 'shop/Api',
  },
  {
    title: 'depending on a scheduled job',
    build: (c) => {
      const w = new Worker(c, 'W', { name: 'w', image: img, schedule: '@daily' });
      web(c).dependsOn(w);
    },
    message: /cannot depend on 'w': it is a scheduled job/,
    path: 'shop/Api',
  },
  {
    title: 'an invalid env prefix',
    build: (c) => web(c).connectTo(pg(c), { envPrefix: 'db' }),
    message: /envPrefix 'db' is invalid; allowed: upper-case letters/,
    path: 'shop/Api',
    allowed: true,
  },
  // Ingress
  {
    title: 'an ingress host that is not a host name',
    build: (c) => web(c, { ingress: { host: 'shop example com' } }),
    message: /ingress.host 'shop example com' is not a valid host name; allowed:/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'TLS without a host',
    build: (c) => web(c, { ingress: { host: '', tlsSecretName: 'tls' } }),
    message: /ingress.host '' is not a valid host name/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an ingress path without a leading slash',
    build: (c) => web(c, { ingress: { host: 'a.example.com', path: 'api' } }),
    message: /ingress.path 'api' must start with '\/'/,
    path: 'shop/Api',
  },
  // Health checks
  {
    title: 'a health check on a port that is not declared',
    build: (c) => web(c, { healthCheck: HealthCheck.http('/healthz', { port: 'admin', inImage: InImageClient.CURL }) }),
    message: /health check port 'admin' is not one of the declared ports \(http\)/,
    path: 'shop/Api',
  },
  {
    title: 'a health check path without a slash',
    build: (c) => web(c, { healthCheck: HealthCheck.http('healthz', { inImage: InImageClient.CURL }) }),
    message: /health check path 'healthz' must start with '\/'/,
    path: 'shop/Api',
  },
  {
    title: 'an empty health check command',
    build: (c) => new Worker(c, 'W', { name: 'w', image: img, healthCheck: HealthCheck.command([]) }),
    message: /healthCheck command \[\] is invalid; allowed: a non-empty argv list/,
    path: 'shop/W',
    allowed: true,
  },
  {
    title: 'a timeout of zero',
    build: (c) => web(c, { healthCheck: HealthCheck.tcp({ timeout: Duration.seconds(0) }) }),
    message: /healthCheck.timeout Duration .* is invalid; allowed: a Duration of whole seconds, from 1 s/,
    path: 'shop/Api',
    allowed: true,
  },
  // Environment and secrets
  {
    title: 'an env var name starting with a digit',
    build: (c) => web(c, { env: { '9LIVES': EnvValue.fromValue('x') } }),
    message: /environment variable name '9LIVES' is invalid; allowed: letters, digits and '_'/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'the same env var with two values',
    build: (c) => {
      const a = web(c, { env: { MODE: EnvValue.fromValue('a') } });
      a.addEnv('MODE', EnvValue.fromValue('b'));
    },
    message: /environment variable MODE is already set to 'a'; cannot set it to 'b'/,
    path: 'shop/Api',
  },
  {
    title: 'an invalid credentials secret name',
    build: (c) => pg(c, 'Db', { credentials: DatabaseCredentials.fromExistingSecret('Bad_Name') }),
    message: /credentials secret name 'Bad_Name' is not a DNS-1123 subdomain/,
    path: 'shop/Db',
    allowed: true,
  },
  {
    title: 'a secret key without a sealed value',
    chartProps: { secrets: SecretsBackend.sealedSecrets({ encryptedData: { 'db-credentials': {} } }) },
    build: (c) => pg(c),
    message: /no encrypted value for db-credentials\/password/,
    path: 'shop',
  },
  {
    title: 'an invalid urlEncodedKey',
    build: (c) => pg(c, 'Db', { credentials: DatabaseCredentials.fromExistingSecret('db-credentials', 'password', { urlEncodedKey: 'password url' }) }),
    message: /credentials urlEncodedKey 'password url' \(of Secret 'db-credentials'\) is invalid; allowed: a key of letters, digits/,
    path: 'shop/Db',
    allowed: true,
  },
  {
    title: 'one urlEncodedKey for two password keys of a Secret',
    build: (c) => {
      const credentials = (key: string) => DatabaseCredentials.fromExistingSecret('shared', key, { urlEncodedKey: 'url-password' });
      const a = pg(c, 'A', { credentials: credentials('a') });
      const b = pg(c, 'B', { credentials: credentials('b') });
      const api = web(c);
      api.connectTo(a);
      api.connectTo(b);
    },
    message: /secret key shared\/url-password is the URL-encoded form of two keys \(a and b\); allowed: one urlEncodedKey per password key/,
    path: 'shop/Api',
  },
  {
    title: 'a URL-encoded password key without a sealed value',
    chartProps: { secrets: SecretsBackend.sealedSecrets({ encryptedData: { 'db-credentials': { password: 'AgA1' } } }) },
    build: (c) =>
      web(c).connectTo(
        pg(c, 'Db', { credentials: DatabaseCredentials.fromExistingSecret('db-credentials', 'password', { urlEncodedKey: 'password-urlencoded' }) }),
      ),
    message: /no encrypted value for db-credentials\/password-urlencoded/,
    path: 'shop',
  },
  // Wrong types (JavaScript callers, runners that do not type-check): a ValidationError, never a TypeError
  {
    title: 'an image that is not a string',
    build: (c) => web(c, { image: undefined as unknown as string }),
    message: /image is missing; allowed: an image reference such as 'ghcr.io\/acme\/api:1.2.0' \(required\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a port without a name',
    build: (c) => web(c, { ports: [{ port: 80 } as never] }),
    message: /ports\[0\].name is missing; allowed: a string \(required\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a CPU given as a number',
    build: (c) => web(c, { resources: { cpuRequest: 100 as never } }),
    message: /resources.cpuRequest 100 is invalid; allowed: a Cpu/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a database without an engine',
    build: (c) => new Database(c, 'Db', { name: 'db', engine: undefined as never }),
    message: /engine is missing; allowed: a DatabaseEngine \(DatabaseEngine.postgres/,
    path: 'shop/Db',
    allowed: true,
  },
  {
    title: 'an ingress without a host',
    build: (c) => web(c, { ingress: { host: undefined as never } }),
    message: /ingress.host is missing; allowed: a host name such as 'shop.example.com' \(required\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a command given as a string',
    build: (c) => web(c, { command: 'node' as never }),
    message: /command 'node' is invalid; allowed: a list of strings/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a schedule given as a number',
    build: (c) => new Worker(c, 'Job', { name: 'job', image: img, schedule: 5 as never }),
    message: /schedule 5 is invalid; allowed: a cron expression such as '0 3 \* \* \*'/,
    path: 'shop/Job',
    allowed: true,
  },
  {
    title: 'an HTTP health check without a path',
    build: (c) => web(c, { healthCheck: HealthCheck.http(undefined as never, { inImage: InImageClient.CURL }) }),
    message: /healthCheck \(argument 1 of HealthCheck.http\(\)\) undefined is invalid; allowed: a string/,
    path: 'shop/Api',
  },
  // Names Kubernetes would refuse at apply time
  {
    title: 'a port name with two dashes in a row',
    build: (c) => web(c, { ports: [{ name: 'my--http', port: 80 }] }),
    message: /port name 'my--http' is invalid; allowed: at least one letter and no '--'/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a Secret name with upper case',
    build: (c) => web(c, { env: { TOKEN: EnvValue.fromSecret('My_Secret', 'token') } }),
    message: /environment variable TOKEN: secret name 'My_Secret' is not a DNS-1123 label/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a Secret name with an empty label (two dots in a row), which Kubernetes refuses',
    build: (c) => web(c, { env: { TOKEN: EnvValue.fromSecret('api..tokens', 'token') } }),
    message: /environment variable TOKEN: secret name 'api\.\.tokens' is not a DNS-1123 label.*\(a DNS subdomain: dots are allowed too\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a Secret key with a slash',
    build: (c) => web(c, { env: { TOKEN: EnvValue.fromSecret('api', 'a/b') } }),
    message: /secret key 'a\/b' \(of Secret 'api'\) is invalid; allowed: letters, digits, '-', '_' and '.'/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'two secret keys that map to the same variable',
    build: (c) => web(c, { env: { A: EnvValue.fromSecret('a-b', 'c'), B: EnvValue.fromSecret('a', 'b-c') } }),
    message: /secret key a\/b-c and secret key a-b\/c both map to the variable A_B_C/,
    path: 'shop/Api',
  },
  {
    title: 'writable paths that share a volume name',
    build: (c) => web(c, { security: { writablePaths: ['/var-run', '/var/run'] } }),
    message: /security.writablePaths entries '\/var-run' and '\/var\/run' would share the volume name 'var-run'/,
    path: 'shop/Api',
    allowed: true,
  },
  // Security and rollout
  {
    title: 'a negative user id',
    build: (c) => web(c, { security: { runAsUser: -1 } }),
    message: /security.runAsUser -1 is invalid; allowed: a whole number from 0 \(root\) to 2147483647/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a capability written with its CAP_ prefix',
    build: (c) => web(c, { security: { addCapabilities: ['CAP_NET_BIND_SERVICE'] } }),
    message:
      /security.addCapabilities entry 'CAP_NET_BIND_SERVICE' is not a Linux capability \(write 'NET_BIND_SERVICE'\); allowed: names from capabilities\(7\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a capability that does not exist',
    build: (c) => web(c, { security: { addCapabilities: ['NET_BIND'] } }),
    message: /security.addCapabilities entry 'NET_BIND' is not a Linux capability; allowed/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a rollout that cannot progress',
    build: (c) => web(c, { rollingUpdate: { maxSurge: PodCount.of(0), maxUnavailable: PodCount.percent(0) } }),
    message: /both 0; a rollout could never make progress/,
    path: 'shop/Api',
  },
  // RBAC grants
  {
    title: 'a grant with a wildcard resource',
    build: (c) => web(c, { serviceAccount: { grants: [Grant.read(['*'])] } }),
    message: /serviceAccount 'api' grant 1 has resource '\*', a wildcard; allowed: resources named one by one \(least privilege/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a grant with a wildcard verb',
    build: (c) => web(c, { serviceAccount: { grants: [Grant.of({ resources: ['pods'], verbs: ['*' as Verb] })] } }),
    message: /grant 1 has verb '\*', a wildcard; allowed: verbs named one by one, from get, list, watch/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a grant with a verb that does not exist',
    build: (c) => web(c, { serviceAccount: { grants: [Grant.of({ resources: ['pods'], verbs: ['read' as Verb] })] } }),
    message: /grant 1 has verb 'read'; allowed: get, list, watch, create, update, patch, delete, deletecollection/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a grant of a cluster-scoped resource',
    build: (c) => web(c, { serviceAccount: { grants: [Grant.read(['nodes'])] } }),
    message: /grant 1 has resource 'nodes' \(the core group\), which is cluster-scoped; allowed: namespaced resources .*ClusterRoles are not rendered/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a grant with an API group that is not a DNS subdomain',
    build: (c) => web(c, { serviceAccount: { grants: [Grant.read(['widgets'], { apiGroup: 'Example.com/v1' })] } }),
    message: /grant 1 has apiGroup 'Example.com\/v1'; allowed: '' \(the core group\) or a lower-case DNS subdomain/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a grant with no resources',
    build: (c) => web(c, { serviceAccount: { grants: [Grant.read([])] } }),
    message: /grant 1 has resources \[\]; allowed: a non-empty list of resources/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a grant naming a Kind instead of a resource',
    build: (c) => web(c, { serviceAccount: { grants: [Grant.read(['ConfigMap'])] } }),
    message: /grant 1 has resource 'ConfigMap'; allowed: a resource as in the API path, plural and lower-case/,
    path: 'shop/Api',
    allowed: true,
  },
  // Chart-level
  {
    title: 'an override for a service that does not exist',
    chartProps: { overrides: { apii: { replicas: 1 } } },
    build: (c) => web(c),
    message: /overrides has an entry for service 'apii', which is not defined in this chart; services: api/,
    path: 'shop',
  },
  {
    title: 'an override with an invalid image',
    chartProps: { overrides: { api: { image: 'bad image' } } },
    build: (c) => web(c),
    message: /chart override: image 'bad image' contains whitespace/,
    path: 'shop/Api',
  },
  {
    title: 'an override publishing an undeclared port',
    chartProps: { overrides: { api: { publish: { admin: 9000 } } } },
    build: (c) => web(c),
    message: /override publish names port 'admin', which 'api' does not declare; ports: http/,
    path: 'shop/Api',
  },
  {
    title: 'a metrics port the WebService does not declare',
    build: (c) => web(c, { metrics: { port: 9100 } }),
    message: /metrics.port 9100 is not a declared port; declared: http 8080/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a metrics path that does not start with /',
    build: (c) => web(c, { metrics: { port: 8080, path: 'metrics' } }),
    message: /metrics.path 'metrics' is invalid/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a metrics interval of a fraction of a second',
    build: (c) => new Worker(c, 'Jobs', { name: 'jobs', image: img, metrics: { port: 9464, interval: Duration.millis(500) } }),
    message: /metrics.interval .*500.* is invalid/,
    path: 'shop/Jobs',
    allowed: true,
  },
  {
    title: 'metrics on a run-once job',
    build: (c) => new Worker(c, 'Migrate', { name: 'migrate', image: img, runOnce: true, metrics: { port: 9464 } }),
    message: /metrics is only allowed for continuous workers; a run-once job/,
    path: 'shop/Migrate',
  },
  {
    title: 'a workload named prometheus next to a workload with metrics',
    build: (c) => {
      web(c, { metrics: { port: 8080 } });
      new WebService(c, 'Prometheus', { name: 'prometheus', image: 'prom/prometheus:v2.54.1' });
    },
    message: /service name 'prometheus' is taken: the Compose file runs Prometheus under the 'observability' profile because 'api' declares metrics/,
    path: 'shop/Prometheus',
    allowed: true,
  },
  {
    title: "a workload publishing Prometheus' host port next to a workload with metrics",
    build: (c) => {
      web(c, { metrics: { port: 8080 } });
      web(c, { replicas: 1, ports: [{ name: 'http', port: 3000, publish: 9090 }] }, 'Grafana');
    },
    message: /published host port 9090 is Prometheus' host port/,
    path: 'shop/Grafana',
    allowed: true,
  },
  {
    title: 'a workload named grafana next to a workload with metrics, with monitoring.grafana',
    chartProps: { monitoring: { grafana: true } },
    build: (c) => {
      web(c, { metrics: { port: 8080 } });
      new WebService(c, 'Grafana', { name: 'grafana', image: 'grafana/grafana:11.2.0' });
    },
    message:
      /service name 'grafana' is taken: the Compose file runs Prometheus under the 'observability' profile because 'api' declares metrics and chart 'shop' sets monitoring.grafana/,
    path: 'shop/Grafana',
    allowed: true,
  },
  {
    title: "a workload publishing Grafana's host port next to a workload with metrics, with monitoring.grafana",
    chartProps: { monitoring: { grafana: true } },
    build: (c) => {
      web(c, { metrics: { port: 8080 } });
      web(c, { replicas: 1, ports: [{ name: 'http', port: 3000, publish: 3000 }] }, 'Dashboards');
    },
    message: /published host port 3000 is Grafana's host port/,
    path: 'shop/Dashboards',
    allowed: true,
  },
  {
    title: 'a Grafana host port out of range',
    chartProps: { monitoring: { grafanaHostPort: 70000 } },
    build: () => undefined,
    message: /monitoring.grafanaHostPort 70000 is out of range; allowed: a whole number from 1 to 65535/,
    path: 'shop',
    allowed: true,
  },
  {
    title: "a Grafana host port that is Prometheus' host port",
    chartProps: { monitoring: { grafana: true, grafanaHostPort: 9090 } },
    build: () => undefined,
    message: /monitoring.grafanaHostPort 9090 is also monitoring.prometheusHostPort; allowed: another host port than Prometheus'/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'a Grafana image with whitespace',
    chartProps: { monitoring: { grafanaImage: 'grafana grafana' } },
    build: () => undefined,
    message: /monitoring.grafanaImage 'grafana grafana' contains whitespace/,
    path: 'shop',
  },
  {
    title: 'a monitoring namespace that is not a DNS label',
    chartProps: { monitoring: { namespace: 'Monitoring' } },
    build: () => undefined,
    message: /monitoring.namespace 'Monitoring' is not a DNS-1123 label/,
    path: 'shop',
  },
  {
    title: 'an unknown monitoring mode',
    chartProps: { monitoring: { mode: 'scrape' as any } },
    build: () => undefined,
    message: /monitoring.mode 'scrape' is invalid; allowed: a MonitoringMode: 'service-monitor', 'annotations'/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'a namespace that is not a DNS label',
    chartProps: { namespace: 'Shop' },
    build: () => undefined,
    message: /namespace 'Shop' is not a DNS-1123 label/,
    path: 'shop',
  },
  {
    title: 'a Redis eviction policy that is not one of Redis’s (a JavaScript caller)',
    build: (c) => pg(c, 'Cache', { engine: DatabaseEngine.redis('7.2', { evictionPolicy: 'lru' as any }) }),
    message: /engine \(argument 2 of DatabaseEngine.redis\(\)\).evictionPolicy 'lru' is invalid; allowed: a RedisEvictionPolicy: 'noeviction', 'allkeys-lru'/,
    path: 'shop/Cache',
    allowed: true,
  },
  {
    title: 'a NaN replica count, shown as NaN (not JSON null)',
    build: (c) => web(c, { replicas: NaN }),
    message: /replicas NaN is invalid/,
    path: 'shop/Api',
  },
  {
    title: 'one service publishing the same host port for two ports',
    build: (c) =>
      web(c, {
        ports: [
          { name: 'http', port: 8080, publish: 18080 },
          { name: 'admin', port: 9090, publish: 18080 },
        ],
      }),
    message: /published host port 18080 \(admin\) is published twice by this service/,
    path: 'shop/Api',
  },
  {
    title: 'an in-image command client with an empty command',
    build: (c) => web(c, { healthCheck: HealthCheck.http('/healthz', { inImage: InImageClient.command([]) }) }),
    message: /in-image client command \[\] is invalid; allowed: a non-empty argv list/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an ingress peer CIDR with host bits set',
    chartProps: { ingressFrom: [IngressPeer.cidr('10.0.0.1/16')] },
    build: () => undefined,
    message: /ingressFrom cidr '10.0.0.1\/16' has bits set after the \/16 prefix; .* \(did you mean '10.0.0.0\/16'\?\)/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'an ingress peer that is not a CIDR',
    chartProps: { ingressFrom: [IngressPeer.cidr('10.0.0.0')] },
    build: () => undefined,
    message: /ingressFrom cidr '10.0.0.0' is not a CIDR/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'an ingress peer exception outside its CIDR',
    chartProps: { ingressFrom: [IngressPeer.cidr('10.0.0.0/16', { except: ['10.1.0.0/24'] })] },
    build: () => undefined,
    message: /ingressFrom cidr except '10.1.0.0\/24' is not inside '10.0.0.0\/16'/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'an ingress peer namespace that is not a DNS label',
    chartProps: { ingressFrom: [IngressPeer.namespace('Ingress_Nginx')] },
    build: () => undefined,
    message: /ingressFrom namespace 'Ingress_Nginx' is not a DNS-1123 label/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'an empty ingressFrom (it would admit nobody: an unreachable site)',
    chartProps: { ingressFrom: [] },
    build: () => undefined,
    message: /ingressFrom \[\] is invalid; allowed: a non-empty list of IngressPeer values/,
    path: 'shop',
  },
  {
    title: 'ingressControllerNamespace and ingressFrom both set',
    chartProps: { ingressControllerNamespace: 'traefik', ingressFrom: [IngressPeer.anywhere()] },
    build: () => undefined,
    message: /ingressControllerNamespace 'traefik' and ingressFrom are both set; allowed: one of them/,
    path: 'shop',
  },
  {
    title: 'a chart ingressClassName that is not a name',
    chartProps: { ingressClassName: 'Nginx Public' },
    build: () => undefined,
    message: /ingressClassName 'Nginx Public' is not a DNS-1123 subdomain/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'flux options without a path (a JavaScript caller)',
    chartProps: { flux: {} as any },
    build: () => undefined,
    message: /flux.path is missing; allowed: the output folder's path in the repository/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'a Flux source kind a Kustomization cannot read',
    chartProps: { flux: { path: './dist', sourceRef: { kind: 'HelmRepository' as any, name: 'charts' } } },
    build: () => undefined,
    message: /flux.sourceRef.kind 'HelmRepository' is invalid; allowed: a source kind: 'GitRepository', 'OCIRepository', 'Bucket'/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'a database startup timeout given as a number of seconds (a JavaScript caller)',
    build: (c) => pg(c, 'Db', { startupTimeout: 300 as any }),
    message: /startupTimeout 300 is invalid; allowed: a Duration/,
    path: 'shop/Db',
    allowed: true,
  },
  {
    title: 'a null egress destination (a JavaScript caller)',
    build: (c) => web(c, { allowEgressTo: [null as any] }),
    message: /allowEgressTo\[0\] null is invalid; allowed: an object with cidr, except and ports/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an API server address that is not a CIDR',
    chartProps: { apiServer: [{ cidr: 'kubernetes.default.svc' }] },
    build: () => undefined,
    message: /apiServer cidr 'kubernetes.default.svc' is not a CIDR/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'a NodeLocal DNS address that is not an IP address',
    chartProps: { nodeLocalDns: ['node-local-dns.kube-system'] },
    build: () => undefined,
    message: /nodeLocalDns 'node-local-dns.kube-system' is not an IP address/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'an egress destination that is a host name, not a CIDR',
    build: (c) => web(c, { allowEgressTo: [{ cidr: 'proxy.internal' }] }),
    message: /allowEgressTo cidr 'proxy.internal' is not a CIDR/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an egress destination port out of range',
    build: (c) => web(c, { allowEgressTo: [{ cidr: '10.0.5.10/32', ports: [70000] }] }),
    message: /allowEgressTo port 70000 is out of range; allowed: a whole number from 1 to 65535/,
    path: 'shop/Api',
  },
  // JavaScript callers (and TypeScript with `any`, values read from JSON/YAML/env): issue 14.
  {
    title: 'null props (a JavaScript caller)',
    build: (c) => new WebService(c, 'Api', null as never),
    message: /props null is invalid; allowed: the props of a WebService/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a construct id that is not a string',
    build: (c) => new WebService(c, 42 as never, { image: img }),
    message: /construct id 42 is invalid; allowed: a non-empty string/,
    path: 'shop/42',
    allowed: true,
  },
  {
    title: "a boolean given as a string ('false' would open egress)",
    build: (c) => web(c, { allowExternalEgress: 'false' as never }),
    message: /allowExternalEgress 'false' is invalid; allowed: true or false \(a boolean, not a string\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a number where a string is expected',
    build: (c) => web(c, { image: 5 as never }),
    message: /image 5 is invalid; allowed: an image reference/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a string where a number is expected',
    build: (c) => web(c, { replicas: '3' as never }),
    message: /replicas '3' is invalid; allowed: a finite number/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a plain object where a Cpu is expected (read from JSON)',
    build: (c) => web(c, { resources: { cpuLimit: { millis: 250 } as never } }),
    message: /resources.cpuLimit \{"millis":250\} \(a plain object\) is invalid; allowed: a Cpu \(Cpu.millis\(250\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a plain object where a Duration is expected',
    build: (c) => web(c, { terminationGracePeriod: { seconds: 30 } as never }),
    message: /terminationGracePeriod \{"seconds":30\} \(a plain object\) is invalid; allowed: a Duration/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a plain object where a HealthCheck is expected',
    build: (c) => web(c, { healthCheck: { path: '/healthz' } as never }),
    message: /healthCheck \{"path":"\/healthz"\} \(a plain object\) is invalid; allowed: a HealthCheck/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a plain object where a PodCount is expected',
    build: (c) => web(c, { rollingUpdate: { maxSurge: 1 as never } }),
    message: /rollingUpdate.maxSurge 1 is invalid; allowed: a PodCount \(PodCount.of\(1\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a list with a null entry',
    build: (c) => web(c, { ports: [{ name: 'http', port: 8080 }, null as never] }),
    message: /ports\[1\] null is invalid; allowed: a port: an object with name and port/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a list where one value is expected, and the reverse',
    build: (c) => web(c, { command: 'npm start' as never, podLabels: ['team=a'] as never }),
    message:
      /podLabels \["team=a"\] \(a list\) is invalid; allowed: an object of string values[\s\S]*command 'npm start' is invalid; allowed: a list of strings/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a factory called with undefined (Cpu.parse)',
    build: (c) => web(c, { resources: { cpuLimit: Cpu.parse(undefined as never) } }),
    message: /resources.cpuLimit \(argument 1 of Cpu.parse\(\)\) undefined is invalid; allowed: a string/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a factory called with null options (HealthCheck.http)',
    build: (c) => web(c, { healthCheck: HealthCheck.http('/healthz', null as never) }),
    message: /healthCheck \(argument 2 of HealthCheck.http\(\)\) null is invalid; allowed: health check options/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'EnvValue.concat with a string part',
    build: (c) => web(c, { env: { URL: EnvValue.concat(EnvValue.fromValue('http://'), 'api' as never) } }),
    message: /env.URL \(argument 1 of EnvValue.concat\(\)\)\[1\] 'api' is invalid; allowed: an EnvValue \(write EnvValue.fromValue\('api'\)\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a sub-second Duration for a health check interval',
    build: (c) => web(c, { healthCheck: HealthCheck.http('/healthz', { inImage: InImageClient.CURL, interval: Duration.millis(500) }) }),
    message: /healthCheck.interval Duration .* is invalid; allowed: a Duration of whole seconds/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a prop name in the wrong case',
    build: (c) => web(c, { imagePullpolicy: 'Always' } as never),
    message: /props have an unknown property 'imagePullpolicy'; allowed: 'imagePullPolicy' \(names are case-sensitive\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a CPU quantity too large to print as a number',
    build: (c) => web(c, { resources: { cpuLimit: Cpu.millis(1e21) } }),
    message: /resources.cpuLimit '1e\+21m' is not a valid CPU quantity; allowed: .* \(at most 9007199254740991 millicores\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'replicas beyond what Kubernetes stores (int32)',
    build: (c) => web(c, { replicas: 2 ** 31 }),
    message: /replicas 2147483648 is invalid; allowed: a whole number from 0 to 2147483647/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a user id beyond 32 bits',
    build: (c) => web(c, { security: { runAsUser: 2 ** 40 } }),
    message: /security.runAsUser 1099511627776 is invalid; allowed: a whole number from 0 \(root\) to 2147483647/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a published port whose per-replica range passes 65535',
    build: (c) => web(c, { replicas: 3, ports: [{ name: 'http', port: 8080, publish: 65534 }] }),
    message: /port 'http' publishes host ports 65534-65536 for 3 replicas, past 65535; allowed: a lower publish port or fewer replicas/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'connectTo() with something that is not a workload',
    build: (c) => web(c).connectTo('db' as never),
    message: /connectTo\(\) needs a WebService or Database of this library; received 'db'/,
    path: 'shop/Api',
  },
  {
    title: 'dependsOn() with a service name instead of the construct',
    build: (c) => web(c).dependsOn('migrate' as never),
    message: /dependsOn\(\) needs a WebService, Worker or Database of this library; received 'migrate'/,
    path: 'shop/Api',
  },
  {
    title: 'addEnv() with a plain string value',
    build: (c) => web(c).addEnv('MODE', 'fast' as never),
    message: /addEnv\(\) value of 'MODE' 'fast' is invalid; allowed: an EnvValue \(write EnvValue.fromValue\('fast'\)\)/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'connectTo() options that are not an object',
    build: (c) => web(c).connectTo(pg(c), 'DB_' as never),
    message: /connectTo\(\) options 'DB_' is invalid; allowed: an object with env and envPrefix/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'App props that are not an object',
    build: () => new App('dist' as never),
    message: /props 'dist' is invalid; allowed: the props of an App/,
    path: '<app>',
    allowed: true,
  },
  {
    title: 'AppChart props with a wrong type',
    build: (_c, app) => new AppChart(app, 'other', { networkPolicies: 'yes' as never }),
    message: /networkPolicies 'yes' is invalid; allowed: true or false/,
    path: 'other',
    allowed: true,
  },
  {
    title: 'an App output type the App does not write',
    build: () => new App({ yamlOutputType: YamlOutputType.FILE_PER_APP }),
    message: /yamlOutputType FILE_PER_APP is not supported; allowed: YamlOutputType.FILE_PER_CHART/,
    path: '<app>',
    allowed: true,
  },
  // Clashes across charts and apps, with or without Compose.
  {
    title: 'the same service in two charts of one app, neither writing Compose',
    build: (c, app) => {
      web(c);
      web(new AppChart(app, 'shop-eu', { appName: 'shop', namespace: 'shop', compose: false }), { image: 'ghcr.io/acme/app:2.0.0' });
    },
    chartProps: { compose: false },
    message: /charts 'shop' and 'shop-eu' both define Deployment.apps shop\/api with different content; in one namespace each object must come from one chart/,
    path: '<app>',
  },
  {
    title: 'two apps in one namespace that define the same objects',
    build: (c, app) => {
      web(c);
      web(new AppChart(app, 'billing', { namespace: 'shop' }), { name: 'api' }, 'Billing');
    },
    message: /charts 'shop' and 'billing' both define .* shop\/api with different content/,
    path: '<app>',
  },
  {
    title: 'a Database engine given as a string',
    build: (c) => pg(c, 'Db', { engine: 'postgres' as never }),
    message: /engine 'postgres' is invalid; allowed: a DatabaseEngine \(DatabaseEngine.postgres\('16'\)/,
    path: 'shop/Db',
    allowed: true,
  },
  // Image references (the distribution reference grammar)
  {
    title: 'an image with a URL scheme',
    build: (c) => web(c, { image: 'https://ghcr.io/acme/api:1.0.0' }),
    message:
      /image 'https:\/\/ghcr.io\/acme\/api:1.0.0' starts with the URL scheme 'https:\/\/'; allowed: the reference without a scheme, e.g. 'ghcr.io\/acme\/api:1.0.0'/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an image with upper case after its registry',
    build: (c) => web(c, { image: 'ghcr.io/Acme/api:1.0.0' }),
    message:
      /image 'ghcr.io\/Acme\/api:1.0.0' has upper case letters in its repository path 'Acme\/api'; allowed: a lower-case repository path, e.g. 'acme\/api'/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an image with a double slash',
    build: (c) => web(c, { image: 'ghcr.io/acme//api:1.0.0' }),
    message: /image 'ghcr.io\/acme\/\/api:1.0.0' has an empty component in its repository path 'acme\/\/api'/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an image tag of 129 characters',
    build: (c) => web(c, { image: `ghcr.io/acme/api:${'v'.repeat(129)}` }),
    message: /image 'ghcr.io\/acme\/api:v{129}' has a tag of 129 characters; allowed: at most 128/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an image digest in upper-case hex',
    build: (c) => web(c, { image: `ghcr.io/acme/api@sha256:${'AB'.repeat(32)}` }),
    message: /image 'ghcr.io\/acme\/api@sha256:(AB){32}' has upper case letters in its sha256 digest; allowed: lower-case hex digits/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an image digest of the wrong length',
    build: (c) => pg(c, 'Db', { image: 'postgres:16@sha256:abc123' }),
    message: /image 'postgres:16@sha256:abc123' has the sha256 digest 'abc123' \(6 characters\); allowed: exactly 64 lower-case hex digits/,
    path: 'shop/Db',
    allowed: true,
  },
  {
    title: 'a sidecar image with an invalid tag',
    build: (c) => web(c, { sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:-v1' }] }),
    message: /sidecar 'proxy' image 'envoyproxy\/envoy:-v1' has the invalid tag '-v1'; allowed: letters, digits/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a wait image with a scheme',
    build: (c) => web(c, { waitForConnections: true, waitImage: 'docker://busybox:1.36' }),
    message: /waitImage 'docker:\/\/busybox:1.36' starts with the URL scheme 'docker:\/\/'/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'a Prometheus image with a digest of an unknown algorithm',
    chartProps: { monitoring: { prometheusImage: `prom/prometheus@md5:${'0'.repeat(32)}` } },
    build: () => undefined,
    message:
      /monitoring.prometheusImage 'prom\/prometheus@md5:0{32}' has the digest 'md5:0{32}' of an unknown algorithm 'md5'; allowed: sha256:<64 hex digits>/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'an override image with an invalid registry port',
    chartProps: { overrides: { api: { image: 'localhost:five/api:1' } } },
    build: (c) => web(c),
    message: /chart override: image 'localhost:five\/api:1' has the invalid registry port 'five' \(in 'localhost:five'\)/,
    path: 'shop/Api',
    allowed: true,
  },
  // Names Kubernetes derives from the service name
  {
    title: 'a WebService name starting with a digit (its Service needs a DNS-1035 label)',
    build: (c) => web(c, { name: '3d-api' }),
    message:
      /service name '3d-api' starts with a digit, and the Kubernetes Service '3d-api' must be a DNS-1035 label; allowed: a name that starts with a lower-case letter/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: "a Database name of 53 characters (the StatefulSet's controller-revision-hash label)",
    build: (c) => pg(c, 'Db', { name: 'd'.repeat(53) }),
    message:
      /service name 'd{53}' makes the StatefulSet's pod label controller-revision-hash 'd{53}-<10-character hash>' 64 characters long, at most 63 are allowed; allowed: a service name of at most 52 characters/,
    path: 'shop/Db',
    allowed: true,
  },
  {
    title: 'a run-once Worker name of 55 characters (its Job is `<name>-<8-character template hash>`)',
    build: (c) => new Worker(c, 'Migrate', { name: 'm'.repeat(55), image: img, runOnce: true }),
    message:
      /service name 'm{55}' makes the Job 'm{55}-<8-character template hash>' 64 characters long, at most 63 are allowed; allowed: a service name of at most 54 characters/,
    path: 'shop/Migrate',
    allowed: true,
  },
  {
    title: 'a CronJob name of 60 characters names the Jobs it leaves room for',
    build: (c) => new Worker(c, 'Job', { name: 'j'.repeat(60), image: img, schedule: '@daily' }),
    message: /is 60 characters long; at most 52 are allowed \(the CronJob names its Jobs '<name>-<scheduled time>'/,
    path: 'shop/Job',
  },
  {
    title: "an init container named like the library's wait-for containers",
    build: (c) => web(c, { initContainers: [{ name: 'wait-for-db', command: ['sh', '-c', 'sleep 5'] }] }),
    message:
      /init container name 'wait-for-db' starts with 'wait-for-', the prefix of the init containers waitForConnections adds .*; allowed: a name without that prefix/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'two secret files whose Secrets differ only in dots and dashes (one pod volume name)',
    build: (c) =>
      web(c, {
        secretFiles: [
          { path: '/tmp/a.crt', secretName: 'tls.example.com', key: 'tls.crt' },
          { path: '/tmp/b.crt', secretName: 'tls-example-com', key: 'tls.crt' },
        ],
      }),
    message:
      /secretFiles Secret 'tls.example.com' and secretFiles Secret 'tls-example-com' would both be the pod volume 'secret-tls-example-com'; allowed: paths, container or Secret names that give distinct volume names/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: "a writable path whose volume name is an init container's",
    build: (c) => web(c, { security: { writablePaths: ['/migrate/tmp'] }, initContainers: [{ name: 'migrate' }] }),
    message: /security.writablePaths '\/migrate\/tmp' and the writable path '\/tmp' of container 'migrate' would both be the pod volume 'migrate-tmp'/,
    path: 'shop/Api',
    allowed: true,
  },
  // Labels, storage classes and Ingress hosts
  {
    title: 'a chart label value of 64 characters',
    chartProps: { labels: { team: 't'.repeat(64) } },
    build: () => undefined,
    message: /labels team has value 't{64}'; allowed: at most 63 letters/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'a chart label key this library sets',
    chartProps: { labels: { 'app.kubernetes.io/part-of': 'platform' } },
    build: () => undefined,
    message: /labels sets 'app.kubernetes.io\/part-of', which this library sets itself; allowed: other label keys/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'a storageClassName with upper case',
    build: (c) => pg(c, 'Db', { storageClassName: 'Fast_SSD' }),
    message: /storageClassName 'Fast_SSD' is not a DNS-1123 subdomain; allowed:/,
    path: 'shop/Db',
    allowed: true,
  },
  {
    title: 'an Ingress host that is an IP address',
    build: (c) => web(c, { ingress: { host: '203.0.113.10', className: 'nginx' } }),
    message: /ingress.host '203.0.113.10' is an IP address, and Kubernetes accepts only DNS names as Ingress hosts; allowed: a DNS name/,
    path: 'shop/Api',
    allowed: true,
  },
  {
    title: 'an Ingress host with a wildcard after the first label',
    build: (c) => web(c, { ingress: { host: 'shop.*.example.com', className: 'nginx' } }),
    message:
      /ingress.host 'shop.\*.example.com' has a wildcard that is not its whole first label; allowed: '\*' only as the first label, e.g. '\*.example.com'/,
    path: 'shop/Api',
    allowed: true,
  },
  // Secrets backends
  {
    title: 'an ExternalSecrets store name with upper case',
    chartProps: { secrets: SecretsBackend.externalSecrets({ storeName: 'Vault' }) },
    build: () => undefined,
    message: /externalSecrets storeName 'Vault' is not a DNS-1123 subdomain; allowed:/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'an ExternalSecrets store kind that does not exist (a JavaScript caller)',
    chartProps: { secrets: SecretsBackend.externalSecrets({ storeName: 'vault', storeKind: 'ClusterStore' as any }) },
    build: () => undefined,
    message:
      /secrets \(argument 1 of SecretsBackend.externalSecrets\(\)\).storeKind 'ClusterStore' is invalid; allowed: a store kind: 'SecretStore', 'ClusterSecretStore'/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'an ExternalSecrets refresh interval that is not a Go duration',
    chartProps: { secrets: SecretsBackend.externalSecrets({ storeName: 'vault', refreshInterval: '1 hour' }) },
    build: () => undefined,
    message: /externalSecrets refreshInterval '1 hour' is not a Go duration; allowed: numbers with units ns, us, ms, s, m, h, e.g. '1h'/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'a negative ExternalSecrets refresh interval',
    chartProps: { secrets: SecretsBackend.externalSecrets({ storeName: 'vault', refreshInterval: '-5m' }) },
    build: () => undefined,
    message: /externalSecrets refreshInterval '-5m' is not a Go duration \(a negative interval\)/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'an ExternalSecret API version of another group',
    chartProps: { secrets: SecretsBackend.externalSecrets({ storeName: 'vault', apiVersion: 'v1' }) },
    build: () => undefined,
    message: /externalSecrets apiVersion 'v1' is invalid; allowed: 'external-secrets.io\/v1' or 'external-secrets.io\/v1beta1'/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'an ExternalSecrets remote key prefix that is not a string (a JavaScript caller)',
    chartProps: { secrets: SecretsBackend.externalSecrets({ storeName: 'vault', remoteKeyPrefix: 7 as any }) },
    build: () => undefined,
    message: /secrets \(argument 1 of SecretsBackend.externalSecrets\(\)\).remoteKeyPrefix 7 is invalid; allowed: a string/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'a sealed Secret name with an underscore',
    chartProps: { secrets: SecretsBackend.sealedSecrets({ encryptedData: { db_credentials: { password: 'AgA1' } } }) },
    build: () => undefined,
    message: /sealedSecrets encryptedData Secret name 'db_credentials' is not a DNS-1123 subdomain; allowed:/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'a sealed Secret key with a slash',
    chartProps: { secrets: SecretsBackend.sealedSecrets({ encryptedData: { 'db-credentials': { 'pass/word': 'AgA1' } } }) },
    build: () => undefined,
    message: /sealedSecrets encryptedData key 'pass\/word' \(of Secret 'db-credentials'\) is invalid; allowed: at most 253 letters, digits/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'a sealed value that is not a ciphertext (and is never printed)',
    chartProps: { secrets: SecretsBackend.sealedSecrets({ encryptedData: { 'db-credentials': { password: 'hunter2!' } } }) },
    build: () => undefined,
    message:
      /^(?!.*hunter2).*sealedSecrets encryptedData db-credentials\/password is not a ciphertext \(not base64; the value is not shown, it may be a plain secret\); allowed: the base64 output of 'kubeseal --raw'/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'an empty sealed value',
    chartProps: { secrets: SecretsBackend.sealedSecrets({ encryptedData: { 'db-credentials': { password: '' } } }) },
    build: () => undefined,
    message: /sealedSecrets encryptedData db-credentials\/password is not a ciphertext \(empty;/,
    path: 'shop',
    allowed: true,
  },
  {
    title: 'sealed encryptedData that is not an object (a JavaScript caller)',
    chartProps: { secrets: SecretsBackend.sealedSecrets({ encryptedData: 'AgA1' as any }) },
    build: () => undefined,
    message:
      /secrets \(argument 1 of SecretsBackend.sealedSecrets\(\)\).encryptedData 'AgA1' is invalid; allowed: \{ \[secretName\]: \{ \[key\]: '<kubeseal --raw output>' \} \}/,
    path: 'shop',
    allowed: true,
  },
];

describe('bad input catalogue', () => {
  test('has at least 40 entries', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(40);
  });

  test.each(CATALOGUE.map((r) => [r.title, r] as const))('fails when %s', (_title, row) => {
    let error: unknown;
    try {
      synthApp((app) => {
        const chart = new AppChart(app, 'shop', row.chartProps);
        row.build(chart, app);
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(row.message);
    // Every mistake is a ValidationError (never a TypeError from inside), naming the construct.
    expect(ValidationError.isValidationError(error)).toBe(true);
    expect((error as ValidationError).path).toBe(row.path);
    expect(message).toContain(`(at ${row.path})`);
    if (row.allowed) {
      expect(message).toMatch(/allowed/);
    }
  });
});

/**
 * The import's bad-input catalogue: Compose files `cdk8s-compose import` refuses. Each
 * message names the Compose key and the value as written (and what is allowed, where a
 * grammar applies); the CLI prints it and exits with 1.
 */
interface ImportRow {
  readonly title: string;
  readonly compose: string;
  readonly message: RegExp;
  readonly allowed?: boolean;
  /** Prepares the folder of the Compose file (files it names). */
  readonly setup?: (dir: string) => void;
}

const IMPORT_CATALOGUE: ImportRow[] = [
  {
    title: 'a key of the wrong type (ports as a string)',
    compose: 'services:\n  web:\n    image: a:1\n    ports: "80:80"\n',
    message: /services\.web\.ports: '80:80' is invalid/,
    allowed: true,
  },
  {
    title: 'a port that is not a number',
    compose: 'services:\n  web:\n    image: a:1\n    ports: ["http:80"]\n',
    message: /services\.web\.ports\[0\]: 'http:80' is invalid/,
    allowed: true,
  },
  {
    title: 'depends_on an unknown service',
    compose: 'services:\n  web:\n    image: a:1\n    depends_on: [dbb]\n  db:\n    image: postgres:16\n',
    message: /services\.web\.depends_on: 'dbb' is not a service of this file; allowed: db, web/,
    allowed: true,
  },
  {
    title: 'a depends_on condition that does not exist',
    compose: 'services:\n  web:\n    image: a:1\n    depends_on:\n      db: { condition: service_ready }\n  db:\n    image: postgres:16\n',
    message: /services\.web\.depends_on\.db\.condition: 'service_ready' is invalid/,
    allowed: true,
  },
  {
    title: 'a required variable (${VAR:?message}) that is not set',
    compose: 'services:\n  web:\n    image: acme/web:${TAG:?set TAG to the release}\n',
    message: /services\.web\.image: required variable TAG is not set: set TAG to the release/,
  },
  {
    title: 'a service with neither image nor build',
    compose: 'services:\n  web:\n    ports: ["80:80"]\n',
    message: /services\.web\.image: missing/,
    allowed: true,
  },
  {
    title: 'a secret not declared at the top level',
    compose: 'services:\n  web:\n    image: a:1\n    secrets: [api_key]\n',
    message: /services\.web\.secrets: 'api_key' is not declared under the top-level secrets/,
    allowed: true,
  },
  {
    title: 'a network not declared at the top level',
    compose: 'services:\n  web:\n    image: a:1\n    networks: [front]\n',
    message: /services\.web\.networks: 'front' is not declared under the top-level networks/,
    allowed: true,
  },
  {
    title: 'an image reference Compose could not pull (a variable left empty)',
    compose: 'services:\n  web:\n    image: ${REGISTRY}/web:1\n',
    message: /services\.web\.image: image '\/web:1' has an empty component in its repository path/,
    allowed: true,
  },
  {
    title: 'the .env next to the Compose file is a folder',
    compose: 'services:\n  web:\n    image: a:1\n',
    setup: (dir) => fs.mkdirSync(path.join(dir, '.env')),
    message: /the \.env file .*\.env is a folder, not a file/,
  },
  {
    title: 'an env_file is a folder',
    compose: 'services:\n  web:\n    image: a:1\n    env_file: ./web.env\n',
    setup: (dir) => fs.mkdirSync(path.join(dir, 'web.env')),
    message: /services\.web\.env_file: \.\/web\.env \(.*web\.env\) is a folder, not a file/,
  },
  {
    title: 'an extends.file is a folder',
    compose: 'services:\n  web:\n    extends: { file: ./base, service: web }\n',
    setup: (dir) => fs.mkdirSync(path.join(dir, 'base')),
    message: /extends\.file .*base is a folder, not a file/,
  },
  {
    title: 'include, which the import does not support',
    compose: 'include: [other.yaml]\nservices:\n  web:\n    image: a:1\n',
    message: /include: \["other.yaml"\]: the import does not support 'include'/,
  },
];

describe('import bad input catalogue', () => {
  test.each(IMPORT_CATALOGUE.map((r) => [r.title, r] as const))('fails when %s', (_title, row) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-import-bad-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), row.compose);
    row.setup?.(dir);
    let error: unknown;
    try {
      importCompose(path.join(dir, 'compose.yaml'), { env: {} });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(row.message);
    if (row.allowed) {
      expect((error as Error).message).toMatch(/allowed/);
    }
  });
});
