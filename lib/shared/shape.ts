// The shape of what a caller passes: types and structure, checked at every public entry
// before any rule reads a value. TypeScript checks them at compile time, but JavaScript
// callers, TypeScript with `any`, and values read from JSON, YAML or the environment reach
// the library unchecked; without this, a `null` or a string where a list is expected ends
// in a TypeError from deep inside the library, or in output that Kubernetes refuses later.
//
// Each props interface has its shape next to it (`WEB_SERVICE_PROPS` beside
// `WebServiceProps`); `Fields<T>` makes the compiler require one entry per property, optional
// where the interface's is optional, so a new prop without a shape does not compile.
import { show } from './parse/show';
import type { Duration } from 'cdk8s';
import { callOf, hasBrand } from './brands';
import type { FactoryName } from './brands';

/** Checks one value; pushes `<at> <value> is invalid; allowed: ...` and returns false when it does not fit. */
export interface Shape {
  /** `warnings` receives what is suspicious but may be right (a prop name close to a known one). */
  (value: unknown, at: string, problems: string[], warnings?: string[]): boolean;
  /** What the shape accepts, for messages: `a string`, `an ImagePullPolicy: ...`. */
  readonly allowed?: string;
}

/** `check`, with what it accepts attached for messages. */
function withAllowed(allowed: string, check: (value: unknown, at: string, problems: string[], warnings?: string[]) => boolean): Shape {
  return Object.assign(check, { allowed });
}

const REQUIRED = Symbol('required');
const OPTIONAL = Symbol('optional');

/** A property that must be given. */
export interface RequiredField {
  readonly [REQUIRED]: true;
  readonly shape: Shape;
}

/** A property that may be left out (`undefined` is accepted). */
export interface OptionalField {
  readonly [OPTIONAL]: true;
  readonly shape: Shape;
}

/** One field per property of `T`, required or optional exactly as `T` declares it. */
export type Fields<T> = { readonly [K in keyof T]-?: undefined extends T[K] ? OptionalField : RequiredField };

export const required = (shape: Shape): RequiredField => ({ [REQUIRED]: true, shape });
export const optional = (shape: Shape): OptionalField => ({ [OPTIONAL]: true, shape });

/** `value` as the user wrote it, with what kind of value it is when that is not obvious. */
function described(value: unknown): string {
  if (value === null || value === undefined) {
    return String(value);
  }
  if (Array.isArray(value)) {
    return `${show(value)} (a list)`;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    const ctor = proto === null || proto === Object.prototype ? 'a plain object' : `an instance of ${proto.constructor?.name ?? 'a class'}`;
    return `${show(value)} (${ctor})`;
  }
  return show(value);
}

/** A shape that accepts what `test` accepts; `allowed` says what that is, for the message. */
export function shapeOf(allowed: string, test: (value: unknown) => boolean): Shape {
  return withAllowed(allowed, (value, at, problems) => {
    if (test(value)) {
      return true;
    }
    problems.push(`${at} ${described(value)} is invalid; allowed: ${allowed}`);
    return false;
  });
}

/** A string, described for messages as `allowed` (e.g. 'an image reference such as ...'). */
export function text(allowed: string): Shape {
  return shapeOf(allowed, (v) => typeof v === 'string');
}

export const str = shapeOf('a string', (v) => typeof v === 'string');
export const num = shapeOf('a finite number', (v) => typeof v === 'number' && Number.isFinite(v));
export const bool = shapeOf('true or false (a boolean, not a string)', (v) => typeof v === 'boolean');

/** One of the values of a TypeScript enum (or a union of string literals). */
export function oneOf(name: string, values: readonly string[]): Shape {
  const allowed = values.map((v) => `'${v}'`).join(', ');
  return shapeOf(`${name}: ${allowed}`, (v) => typeof v === 'string' && values.includes(v));
}

/** An instance recognized by `is` (a brand or a duck type), e.g. a `Cpu`. */
export function instance(allowed: string, is: (value: unknown) => boolean): Shape {
  return shapeOf(allowed, is);
}

/** A list whose every entry has `item`'s shape. */
export function listOf(item: Shape, allowed: string): Shape {
  return withAllowed(allowed, (value, at, problems, warnings) => {
    if (!Array.isArray(value)) {
      problems.push(`${at} ${described(value)} is invalid; allowed: ${allowed}`);
      return false;
    }
    let ok = true;
    // forEach skips the holes of a sparse list.
    value.forEach((entry, i) => {
      ok = item(entry, `${at}[${i}]`, problems, warnings) && ok;
    });
    return ok;
  });
}

/**
 * An object that holds props: a plain object, an instance of the user's own class, or an
 * object from another realm (`vm`); not a list, Map, Set, Date, boxed primitive or function.
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Object]';
}

/** A map from string keys to values of `item`'s shape, e.g. `env` or labels. */
export function recordOf(item: Shape, allowed: string): Shape {
  return withAllowed(allowed, (value, at, problems, warnings) => {
    if (!isPlainObject(value)) {
      problems.push(`${at} ${described(value)} is invalid; allowed: ${allowed}`);
      return false;
    }
    let ok = true;
    for (const [key, entry] of Object.entries(value)) {
      ok = item(entry, `${at}.${key}`, problems, warnings) && ok;
    }
    return ok;
  });
}

/**
 * An object with these properties: a missing required one and a wrong type are problems. A
 * property the interface does not have is left alone (a construct's subclass may take props
 * of its own and pass them all up, the usual pattern with cdk8s constructs), except: one that
 * differs from a known one only in case (`imagePullpolicy`) is a problem, and one within two
 * edits of a known one (`replica`) is a warning, since it may be the subclass's own.
 */
export function objectOf<T>(fields: Fields<T>, what?: string): Shape {
  // Read once, not per check: every construct's props go through this.
  const known = Object.keys(fields);
  const allowed = describeObject(fields as Record<string, RequiredField | OptionalField>, what);
  const knownSet = new Set(known);
  const entries = Object.entries<RequiredField | OptionalField>(fields as never);
  return withAllowed(allowed, (value, at, problems, warnings) => {
    if (!isPlainObject(value)) {
      problems.push(`${at || 'props'} ${described(value)} is invalid; allowed: ${allowed}`);
      return false;
    }
    let ok = true;
    for (const [key, field] of entries) {
      const entry = value[key];
      if (entry === undefined) {
        if (REQUIRED in field) {
          problems.push(`${at ? `${at}.${key}` : key} is missing; allowed: ${field.shape.allowed ?? 'a value'} (required)`);
          ok = false;
        }
        continue;
      }
      ok = field.shape(entry, at ? `${at}.${key}` : key, problems, warnings) && ok;
    }
    for (const key of Object.keys(value)) {
      if (knownSet.has(key)) {
        continue;
      }
      const owner = at ? `${at} has` : 'props have';
      const sameLetters = known.find((k) => k.toLowerCase() === key.toLowerCase());
      const near = key.length > 3 ? known.find((k) => editDistance(k, key) <= 2) : undefined;
      if (sameLetters) {
        problems.push(`${owner} an unknown property '${key}'; allowed: '${sameLetters}' (names are case-sensitive)`);
        ok = false;
      } else if (near) {
        warnings?.push(`${owner} a property '${key}' that this library does not read; did you mean '${near}'? (ignored: a subclass's own prop is fine)`);
      }
    }
    return ok;
  });
}

/** The longest list of props a message spells out; past it, the required ones and a count. */
const LISTED_PROPS = 6;

/**
 * What an object shape accepts, derived from its fields so that it cannot drift from the
 * interface: `a port: an object with name and port`, or, for many props, `the props of a
 * WebService: an object with image (required) and 45 optional props`.
 */
function describeObject(fields: Record<string, RequiredField | OptionalField>, what: string | undefined): string {
  const keys = Object.keys(fields);
  const and = (list: string[]) => (list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list.join(''));
  let body: string;
  if (keys.length <= LISTED_PROPS) {
    body = `an object with ${and(keys)}`;
  } else {
    const requiredKeys = keys.filter((k) => REQUIRED in fields[k]);
    const optionalCount = keys.length - requiredKeys.length;
    body =
      requiredKeys.length > 0
        ? `an object with ${and(requiredKeys)} (required) and ${optionalCount} optional props`
        : `an object of ${optionalCount} optional props`;
  }
  return what ? `${what}: ${body}` : body;
}

/** A shape chosen lazily, for recursive or mutually referring shapes. */
export function lazy(shape: () => Shape): Shape {
  return withAllowed('a value', (value, at, problems, warnings) => shape()(value, at, problems, warnings));
}

/** Checks `value` against `shape` at the top level (`at` empty: property names alone). */
export function checkShape(shape: Shape, value: unknown, at: string, problems: string[], warnings?: string[]): boolean {
  return shape(value, at, problems, warnings);
}

/** Levenshtein distance, for "did you mean" hints on short property names. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) {
    return 3;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The id a construct is created with: `id` when it is a string cdk8s accepts, else a stand-in
 * (the value as written) so that the construct exists to name the problem in its path.
 */
export function usableId(id: unknown): string {
  return typeof id === 'string' && id !== '' ? id : show(id);
}

/** Problems with a construct id (cdk8s needs a non-empty string). */
export function checkId(id: unknown, problems: string[]): void {
  if (typeof id !== 'string' || id === '') {
    problems.push(`construct id ${described(id)} is invalid; allowed: a non-empty string, e.g. 'api'`);
  }
}

/** Checks the arguments of a public method: each `[shape, value, name]`; returns the problems. */
export function checkArguments(...args: Array<[Shape, unknown, string]>): string[] {
  const problems: string[] = [];
  for (const [shape, value, name] of args) {
    shape(value, name, problems);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Values made by the library's factories: recognized by their brand, then the factory's
// recorded arguments are checked against the argument shapes of the class's factories.

/** The shape of one argument of a value factory. */
export interface Argument {
  readonly shape: Shape;
  readonly optional?: boolean;
}
export const arg = (shape: Shape): Argument => ({ shape });
export const optionalArg = (shape: Shape): Argument => ({ shape, optional: true });

/** The argument shapes of some factories, by name (each class declares its own, next to its shape). */
export type FactoryArguments<F extends FactoryName> = { readonly [K in F]: readonly Argument[] };

/**
 * A hint when a value is another library's class of the same name: cdk8s-plus-28 also exports
 * `Cpu`, `EnvValue`, `ImagePullPolicy` and `Workload`, and both may be imported in one chart.
 */
export function sameNameHint(value: unknown, className: string): string {
  const name = (value as { constructor?: { name?: unknown } } | undefined)?.constructor?.name;
  return name === className ? ` (this ${className} comes from another library, probably cdk8s-plus-28: import ${className} from 'cdk8s-compose')` : '';
}

/** A value of one of the library's classes, made by one of its `factories` (`examples` shows them in messages). */
export function made(className: string, brand: symbol, examples: string, factories: Partial<FactoryArguments<FactoryName>>): Shape {
  const is = shapeOf(`${/^[AEIOU]/.test(className) ? 'an' : 'a'} ${className} (${examples})`, (v) => hasBrand(v, brand));
  return withAllowed(is.allowed!, (value, at, problems, warnings) => {
    if (!hasBrand(value, brand)) {
      const hint = sameNameHint(value, className);
      if (hint) {
        problems.push(`${at} is not this library's ${className}${hint}; allowed: ${is.allowed}`);
        return false;
      }
    }
    if (!is(value, at, problems)) {
      return false;
    }
    const call = callOf(value);
    const shapes = call && factories[call.factory];
    if (!call || !shapes) {
      return true;
    }
    let ok = true;
    for (let i = 0; i < shapes.length; i++) {
      const arg = call.args[i];
      if (arg !== undefined || !shapes[i].optional) {
        ok = shapes[i].shape(arg, `${at} (argument ${i + 1} of ${call.factory}())`, problems, warnings) && ok;
      }
    }
    return ok;
  });
}

// ---------------------------------------------------------------------------------------
// Building blocks shared by the shapes of every concern.

export const strings = listOf(str, 'a list of strings');
export const numbers = listOf(num, 'a list of numbers');
export const stringMap = recordOf(str, 'an object of string values, e.g. { team: "payments" }');
export const enumOf = (name: string, e: Record<string, string>): Shape => oneOf(name, Object.values(e));
export const obj = <T>(fields: Fields<T>, what?: string): Shape => objectOf<T>(fields, what);
export const IMAGE = text("an image reference such as 'ghcr.io/acme/api:1.2.0'");

/** cdk8s's Duration: recognized by its methods (a second copy of cdk8s has its own class). */
export const DURATION = instance("a Duration (Duration.seconds(10), Duration.minutes(5) from 'cdk8s')", (v) => {
  const d = v as Partial<Duration> | null;
  return typeof d === 'object' && d !== null && typeof d.toSeconds === 'function' && typeof d.toMilliseconds === 'function';
});
