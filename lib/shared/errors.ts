import type { IConstruct } from 'constructs';
import { brand, BRAND, hasBrand } from './brands';
import { show } from './parse/show';

/**
 * The error every construct of this library throws for bad input.
 *
 * The message says what is wrong, the value received and what is allowed; the
 * construct path is appended so that the offending construct can be found in a
 * large application. When several props are wrong at once, `problems` lists each
 * one and the message shows all of them.
 */
export class ValidationError extends Error {
  /** Returns whether `x` is a ValidationError, also across copies of this package. */
  public static isValidationError(x: unknown): x is ValidationError {
    return hasBrand(x, BRAND.VALIDATION_ERROR);
  }

  /** The construct path of the construct whose input is wrong. */
  public readonly path: string;

  /** Each problem found, without the path. */
  public readonly problems: string[];

  constructor(problems: string | string[], scope: IConstruct) {
    // Tolerant of a caller's wrong arguments: the error about the input must not fail itself.
    const list =
      typeof problems === 'string' ? [problems] : Array.isArray(problems) ? problems.map((p) => (typeof p === 'string' ? p : show(p))) : [show(problems)];
    const path = (scope as IConstruct | undefined)?.node?.path || '<app>';
    const body = list.length === 1 ? list[0] : list.map((p) => `\n  - ${p}`).join('');
    super(`${body}${list.length === 1 ? ' ' : '\n  '}(at ${path})`);
    this.name = 'ValidationError';
    this.path = path;
    this.problems = list;
    brand(this, BRAND.VALIDATION_ERROR);
  }
}

/**
 * The error for problems found across constructs under `root`, each prefixed `[path] `
 * where it concerns one construct: at that construct when all concern the same one (its
 * path in `ValidationError.path`, the prefix dropped), else at `root`.
 */
export function problemsUnder(root: IConstruct, problems: string[]): ValidationError {
  const paths = new Set(problems.map((p) => /^\[([^\]]+)\] /.exec(p)?.[1]));
  const [only] = paths;
  const construct = paths.size === 1 && only !== undefined ? root.node.findAll().find((c) => c.node.path === only) : undefined;
  return construct
    ? new ValidationError(
        problems.map((p) => p.slice(only!.length + 3)),
        construct,
      )
    : new ValidationError(problems, root);
}

/**
 * Runs the validations of `scope` and every construct below it once, and throws them all
 * together as one ValidationError.
 */
export function validateConstructs(scope: IConstruct): void {
  const problems = scope.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`));
  if (problems.length > 0) {
    // A ValidationError like every other input problem: at the construct when one has problems.
    throw problemsUnder(scope, problems);
  }
}
