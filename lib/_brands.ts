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
} as const;

/** Whether `x` carries `brand`. */
export function hasBrand(x: unknown, brand: symbol): boolean {
  return typeof x === 'object' && x !== null && brand in x;
}

/** Marks `x` with `brand` (a non-enumerable property). */
export function brand(x: object, b: symbol): void {
  Object.defineProperty(x, b, { value: true });
}
