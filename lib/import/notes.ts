import type { ImportWarning } from './problems';

/**
 * The one way the importer reports what it did not carry: each note is an `ImportWarning`
 * (printed on stderr by the CLI) and the same text as a `// compose:` comment in the generated
 * code, above the construct it concerns or in the file header. Nothing is written to one
 * without the other.
 */

/**
 * The comment of a warning: `compose: <key> not mapped: <why>` for what the code leaves out,
 * `compose: <key>: <remark>` for what it carries with a caveat. A service's keys are written
 * relative to the service (`ports`, `service` for the service itself).
 */
export function commentOf(w: ImportWarning): string {
  const relative = w.key.startsWith('services.') ? w.key.replace(/^services\.[^.]+\.?/, '') || 'service' : w.key;
  return `compose: ${relative}${w.kind === 'remark' ? ':' : ' not mapped:'} ${w.message}`;
}

/**
 * Records a warning and its comment. The same key and message are recorded once (e.g. each
 * port of a range).
 */
export function warn(warnings: ImportWarning[], comments: string[], key: string, message: string, remark = false): void {
  if (warnings.some((w) => w.key === key && w.message === message)) {
    return;
  }
  const w: ImportWarning = { key, message, kind: remark ? 'remark' : 'not mapped' };
  warnings.push(w);
  comments.push(commentOf(w));
}

/** How a mapping step reports a key: `skip` for what it leaves out, `remark` for what it carries with a caveat. */
export interface AppNotes {
  readonly skip: (key: string, why: string) => void;
  readonly remark: (key: string, why: string) => void;
}
