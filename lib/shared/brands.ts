/**
 * The brand symbols by which this library recognizes its own objects, also across copies
 * of the package (`instanceof` fails when two copies are installed). Private.
 */
export const BRAND = {
  APP: Symbol.for('cdk8s-compose.App'),
  APP_CHART: Symbol.for('cdk8s-compose.AppChart'),
  WORKLOAD: Symbol.for('cdk8s-compose.Workload'),
  WEB_SERVICE: Symbol.for('cdk8s-compose.WebService'),
  WORKER: Symbol.for('cdk8s-compose.Worker'),
  DATABASE: Symbol.for('cdk8s-compose.Database'),
  ENV_VALUE: Symbol.for('cdk8s-compose.EnvValue'),
  INGRESS_PEER: Symbol.for('cdk8s-compose.IngressPeer'),
  VALIDATION_ERROR: Symbol.for('cdk8s-compose.ValidationError'),
  CPU: Symbol.for('cdk8s-compose.Cpu'),
  MEMORY: Symbol.for('cdk8s-compose.Memory'),
  POD_COUNT: Symbol.for('cdk8s-compose.PodCount'),
  HEALTH_CHECK: Symbol.for('cdk8s-compose.HealthCheck'),
  IN_IMAGE_CLIENT: Symbol.for('cdk8s-compose.InImageClient'),
  DATABASE_ENGINE: Symbol.for('cdk8s-compose.DatabaseEngine'),
  DATABASE_CREDENTIALS: Symbol.for('cdk8s-compose.DatabaseCredentials'),
  GRANT: Symbol.for('cdk8s-compose.Grant'),
  SECRETS_BACKEND: Symbol.for('cdk8s-compose.SecretsBackend'),
} as const;

/**
 * Every public factory whose call is recorded: the compiler checks each name where a value is
 * made (`brandCall`, `recordCall`) and where its argument shapes are declared
 * (`FactoryArguments`), so the two cannot drift apart.
 */
export type FactoryName =
  | 'Cpu.millis'
  | 'Cpu.cores'
  | 'Cpu.parse'
  | 'Memory.mebibytes'
  | 'Memory.gibibytes'
  | 'Memory.parse'
  | 'PodCount.of'
  | 'PodCount.percent'
  | 'EnvValue.fromValue'
  | 'EnvValue.fromSecret'
  | 'EnvValue.concat'
  | 'InImageClient.command'
  | 'HealthCheck.http'
  | 'HealthCheck.tcp'
  | 'HealthCheck.grpc'
  | 'HealthCheck.forProtocol'
  | 'HealthCheck.command'
  | 'DatabaseEngine.postgres'
  | 'DatabaseEngine.mysql'
  | 'DatabaseEngine.mongo'
  | 'DatabaseEngine.redis'
  | 'DatabaseCredentials.fromExistingSecret'
  | 'Grant.read'
  | 'Grant.readWrite'
  | 'Grant.of'
  | 'SecretsBackend.existing'
  | 'SecretsBackend.externalSecrets'
  | 'SecretsBackend.sealedSecrets'
  | 'IngressPeer.namespace'
  | 'IngressPeer.cidr';

/** Where a value's factory call is recorded (see {@link recordCall}). */
const CALL = Symbol.for('cdk8s-compose.factoryCall');

/** A factory call as the user wrote it: `Cpu.parse` and its arguments. */
export interface FactoryCall {
  readonly factory: FactoryName;
  readonly args: readonly unknown[];
}

/**
 * Marks `x` with `brand` and records the factory call that made it. Factories never throw
 * (they have no construct path to name); the props layer checks the recorded arguments
 * when a construct receives the value, and reports them with the construct's path.
 */
export function brandCall(x: object, b: symbol, factory: FactoryName, args: readonly unknown[]): void {
  brand(x, b);
  recordCall(x, factory, args);
}

/** Records the factory call that made `x` (see {@link brandCall}). */
export function recordCall(x: object, factory: FactoryName, args: readonly unknown[]): void {
  Object.defineProperty(x, CALL, { value: { factory, args } });
}

/** The factory call recorded on `x`, if any. */
export function callOf(x: unknown): FactoryCall | undefined {
  return typeof x === 'object' && x !== null ? (x as Record<symbol, FactoryCall | undefined>)[CALL] : undefined;
}

/** Whether `x` carries `brand`. */
export function hasBrand(x: unknown, brand: symbol): boolean {
  return typeof x === 'object' && x !== null && brand in x;
}

/** Marks `x` with `brand` (a non-enumerable property). */
export function brand(x: object, b: symbol): void {
  Object.defineProperty(x, b, { value: true });
}
