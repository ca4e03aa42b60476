import type { ImportWarning } from './problems';
import { ImportError, isMapping } from './problems';

/**
 * Compose's variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}` (unset or empty),
 * `${VAR-default}` (unset), `${VAR:?message}` and `${VAR?message}` (an error), `${VAR:+other}`
 * and `${VAR+other}` (a replacement when set), defaults that interpolate again
 * (`${A:-${B}}`), and `$$` for a literal `$`.
 * @see https://docs.docker.com/reference/compose-file/interpolation/
 */

/** The variables interpolation reads: the shell's environment over the project's `.env`. */
export type Variables = Readonly<Record<string, string | undefined>>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Called with each variable whose value a string takes (not a default, not a `:+` replacement). */
export type OnUse = (name: string) => void;

/**
 * Interpolates one string found at `key`. An unset variable without a default is an empty
 * string and a warning (as Compose does); `:?` and `?` on an unset variable are an ImportError.
 */
export function interpolate(text: string, vars: Variables, key: string, warnings: ImportWarning[], onUse?: OnUse): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) {
        throw new ImportError(`${key}: '${text}' has an unclosed '\${'; allowed: \${NAME}, \${NAME:-default}, or $$ for a literal '$'`);
      }
      out += substitute(text.slice(i + 2, end), vars, key, warnings, text, onUse);
      i = end + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1));
    if (name) {
      out += lookup(name[0], vars, key, warnings, onUse);
      i += 1 + name[0].length;
      continue;
    }
    // A lone `$` (before a space, a digit...) stays as written, as Compose keeps it.
    out += c;
    i++;
  }
  return out;
}

/** Interpolates every string of a parsed YAML value (keys stay as written, as in Compose). */
export function interpolateTree(value: unknown, vars: Variables, key: string, warnings: ImportWarning[], onUse?: OnUse): unknown {
  if (typeof value === 'string') {
    return interpolate(value, vars, key, warnings, onUse);
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => interpolateTree(v, vars, `${key}[${i}]`, warnings, onUse));
  }
  if (isMapping(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = interpolateTree(v, vars, key ? `${key}.${k}` : k, warnings, onUse);
    }
    return out;
  }
  return value;
}

/** The index of the `}` that closes a `${` whose body starts at `from`, counting nested `${...}`. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') {
      i++;
    } else if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}') {
      if (depth === 0) {
        return i;
      }
      depth--;
    }
  }
  return -1;
}

function substitute(body: string, vars: Variables, key: string, warnings: ImportWarning[], text: string, onUse?: OnUse): string {
  const name = NAME.exec(body)?.[0];
  if (!name) {
    throw new ImportError(`${key}: '${text}' has an invalid variable '\${${body}}'; allowed: a name of letters, digits and '_', not starting with a digit`);
  }
  const rest = body.slice(name.length);
  if (rest === '') {
    return lookup(name, vars, key, warnings, onUse);
  }
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
  if (!op) {
    throw new ImportError(
      `${key}: '${text}' has an invalid modifier '${rest}' in '\${${body}}'; allowed: :-, -, :?, ?, :+ or + after the name, e.g. \${${name}:-default}`,
    );
  }
  const argument = () => interpolate(rest.slice(op.length), vars, key, warnings, onUse);
  const value = vars[name];
  const emptyCounts = op.startsWith(':');
  const missing = value === undefined || (emptyCounts && value === '');
  switch (op) {
    case ':-':
    case '-':
      if (missing) {
        return argument();
      }
      onUse?.(name);
      return value!;
    case ':?':
    case '?': {
      if (missing) {
        const message = argument();
        throw new ImportError(`${key}: required variable ${name} is ${value === undefined ? 'not set' : 'empty'}${message ? `: ${message}` : ''}`);
      }
      onUse?.(name);
      return value!;
    }
    default:
      return missing ? '' : argument();
  }
}

function lookup(name: string, vars: Variables, key: string, warnings: ImportWarning[], onUse?: OnUse): string {
  const value = vars[name];
  if (value === undefined) {
    warnings.push({ key, message: `variable ${name} is not set; it reads as an empty string, as in Compose`, kind: 'remark' });
    return '';
  }
  onUse?.(name);
  return value;
}

/**
 * Reads a dotenv file as Compose does: `KEY=VALUE` lines, `export ` allowed, `#` comments,
 * single quotes literal, double quotes with `\n` escapes, and ` #` ending an unquoted value.
 * A line `KEY` without `=` gives undefined (env files then take the shell's value).
 */
export function parseDotenv(text: string, file: string): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      return;
    }
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!m) {
      throw new ImportError(`${file}:${index + 1}: '${raw}' is not a variable; allowed: NAME=value lines and # comments`);
    }
    const [, name, rawValue] = m;
    if (rawValue === undefined) {
      out.push([name, undefined]);
      return;
    }
    let value = rawValue;
    if (value.startsWith("'")) {
      const end = value.indexOf("'", 1);
      value = end > 0 ? value.slice(1, end) : value.slice(1);
    } else if (value.startsWith('"')) {
      const end = value.lastIndexOf('"');
      value = (end > 0 ? value.slice(1, end) : value.slice(1)).replace(/\\n/g, '\n').replace(/\\(["\\$])/g, '$1');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out.push([name, value]);
  });
  return out;
}
