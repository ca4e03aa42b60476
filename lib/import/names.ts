/**
 * The generated code's names of a Compose service: a camelCase variable and a PascalCase
 * construct id, each unique in the file and never a word TypeScript or the generated imports
 * reserve.
 */

const RESERVED = new Set(
  (
    'app chart break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof ' +
    'new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await ' +
    'arguments eval undefined Duration App AppChart Database WebService Worker EnvValue HealthCheck Cpu Memory'
  ).split(' '),
);

export function camel(name: string): string {
  const c = name.replace(/-([a-z0-9])/g, (_m, ch: string) => ch.toUpperCase());
  return /^[0-9]/.test(c) ? `s${c}` : c;
}

export function pascal(name: string): string {
  const c = camel(name);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

export function unique(candidate: string, used: Set<string>): string {
  let name = RESERVED.has(candidate) ? `${candidate}Service` : candidate;
  for (let i = 2; used.has(name); i++) {
    name = `${candidate}${i}`;
  }
  used.add(name);
  return name;
}
