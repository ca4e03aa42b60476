import { invalid } from './problems';

/** Readers of Compose values every normalizer shares: a list, an optional string, an optional count. */

export function listOf(value: unknown, key: string): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw invalid(key, value, 'a list');
  }
  return value;
}

export function optionalString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalid(key, value, 'a string');
  }
  return value;
}

export function optionalNumber(value: unknown, key: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw invalid(key, value, 'a whole number of 0 or more');
  }
  return n;
}
