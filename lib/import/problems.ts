import { show } from '../shared/parse/show';

/**
 * What the importer reports. An `ImportError` stops the import (an invalid Compose file, or a
 * feature it cannot import at all); an `ImportWarning` names a Compose key whose setting the
 * generated code does not carry, and why (the code has the same text as a comment).
 */

/** A Compose file that is invalid, or that the importer cannot import at all. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** A Compose setting kept out of the generated code. */
export interface ImportWarning {
  /** The Compose key, e.g. `services.web.cap_add`. */
  readonly key: string;
  /** Why it is kept out, or what the reader should do. */
  readonly message: string;
  /**
   * `not mapped`: the setting is not in the generated code. `remark`: it is, with a caveat (a
   * file absent where the import ran, an image without a tag, a renamed service, a variable
   * that was not set).
   */
  readonly kind: 'not mapped' | 'remark';
}

/** `services.web.ports[0]: '80:80:80' is invalid; allowed: ...`. */
export function invalid(key: string, value: unknown, allowed: string): ImportError {
  return new ImportError(`${key}: ${show(value)} is invalid; allowed: ${allowed}`);
}

/** The type of a YAML value as a reader would name it. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

/** Whether `value` is a YAML mapping. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
