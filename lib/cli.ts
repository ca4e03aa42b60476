#!/usr/bin/env node
// The `cdk8s-compose` command. `cdk8s-compose import <compose file> [--out app.ts]` writes a
// TypeScript cdk8s app that defines the Compose file's services with this library's
// constructs; warnings for what it does not carry go to stderr.
import * as fs from 'fs';
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
    const result = importCompose(files[0], { env: process.env, label: files[0] });
    for (const w of result.warnings) {
      io.stderr(`${formatWarning(w)}\n`);
    }
    if (out === undefined) {
      io.stdout(result.source);
    } else {
      fs.writeFileSync(out, result.source);
      io.stderr(`wrote ${out}: ${Object.keys(result.kinds).length} services, ${result.warnings.length} warnings\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ImportError) {
      io.stderr(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function defaultIo() {
  return { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s) };
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
