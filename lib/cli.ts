#!/usr/bin/env node
// The `cdk8s-compose` command. `cdk8s-compose import <compose file> [--out app.ts]` writes a
// TypeScript cdk8s app that defines the Compose file's services with this library's
// constructs; warnings for what it does not carry go to stderr.
import * as fs from 'fs';
import * as path from 'path';
import { formatWarning, ImportError, importCompose } from './import/index';

const USAGE = `Usage: cdk8s-compose import <compose file> [--out app.ts]

Writes a TypeScript cdk8s app (new App() ... app.synth()) that defines the services of a
Compose file with cdk8s-compose's constructs (WebService, Worker, Database), to standard
output or to the --out file. Variables are interpolated from the environment and the .env
next to the Compose file. Each Compose key the app does not carry is a comment in the code
and a warning on standard error.

Exit codes: 0 written (warnings on stderr), 1 invalid or unsupported Compose file, 2 usage.`;

/** Runs the command with `argv` (without node and the script); returns the exit code. */
export function main(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void } = defaultIo()): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [command, ...rest] = argv;
  if (command !== 'import') {
    io.stderr(`${command === undefined ? 'no command given' : `unknown command '${command}'`}\n\n${USAGE}\n`);
    return 2;
  }
  let out: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--out' || rest[i] === '-o') {
      out = rest[++i];
      if (out === undefined) {
        io.stderr(`--out needs a file name\n\n${USAGE}\n`);
        return 2;
      }
    } else if (rest[i].startsWith('--out=')) {
      out = rest[i].slice('--out='.length);
    } else if (rest[i].startsWith('-')) {
      io.stderr(`unknown option '${rest[i]}'\n\n${USAGE}\n`);
      return 2;
    } else {
      files.push(rest[i]);
    }
  }
  if (files.length !== 1) {
    io.stderr(`${files.length === 0 ? 'no Compose file given' : `one Compose file expected, got ${files.length}`}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    // The header names the Compose file as the committed code can: relative to the app file.
    const label =
      out === undefined
        ? path.basename(files[0])
        : path
            .relative(path.dirname(path.resolve(out)), path.resolve(files[0]))
            .split(path.sep)
            .join('/');
    const result = importCompose(files[0], { env: process.env, label });
    for (const w of result.warnings) {
      io.stderr(`${formatWarning(w)}\n`);
    }
    if (out === undefined) {
      io.stdout(result.source);
    } else {
      writeOutput(out, result.source);
      io.stderr(`wrote ${out}: ${Object.keys(result.kinds).length} services, ${result.warnings.length} warnings\n`);
    }
    return 0;
  } catch (e) {
    // Any failure is a message, never a stack trace: an ImportError says what is wrong with the
    // Compose file; anything else (a bug) says what happened.
    io.stderr(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** Writes the generated app; a failure names the file. */
function writeOutput(file: string, source: string): void {
  try {
    fs.writeFileSync(file, source);
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : message;
    throw new ImportError(`cannot write ${file}: ${why}`);
  }
}

function defaultIo() {
  return { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s) };
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
