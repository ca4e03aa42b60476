import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ImportError } from '../../../lib/import/problems';
import { merge, readProject } from '../../../lib/import/read';

/** Writes `files` into a fresh folder and returns the path of its compose.yaml. */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-read-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return path.join(dir, 'compose.yaml');
}

describe('readProject', () => {
  test('YAML anchors and merge keys, as Compose reads them', () => {
    const file = project({
      'compose.yaml': [
        'x-base: &base',
        '  image: app:1',
        '  environment: &env',
        '    A: "1"',
        'services:',
        '  web:',
        '    <<: *base',
        '    environment:',
        '      <<: *env',
        '      B: "2"',
      ].join('\n'),
    });
    expect(readProject(file, {}).services.web).toEqual({ image: 'app:1', environment: { A: '1', B: '2' } });
  });

  test('interpolates from the environment over .env; the project name is the folder unless `name` says', () => {
    const file = project({
      'compose.yaml': 'services:\n  web:\n    image: app:${TAG}\n    environment:\n      - LEVEL=${LEVEL:-info}\n',
      '.env': 'TAG=1.0\nLEVEL=debug\n',
    });
    const p = readProject(file, { TAG: '2.0' });
    expect(p.services.web).toEqual({ image: 'app:2.0', environment: { LEVEL: 'debug' } });
    expect(p.name).toBe(path.basename(path.dirname(file)));
    expect(readProject(project({ 'compose.yaml': 'name: shop\nservices:\n  a:\n    image: a:1\n' }), {}).name).toBe('shop');
  });

  test('a variable listed without a value takes the shell value, or is left out', () => {
    const file = project({ 'compose.yaml': 'services:\n  web:\n    image: a:1\n    environment:\n      - FROM_SHELL\n      - NOT_SET\n' });
    expect(readProject(file, { FROM_SHELL: 'yes' }).services.web.environment).toEqual({ FROM_SHELL: 'yes' });
  });

  test('extends in the same file and from another file: mappings merged, lists joined, command replaced, paths rebased', () => {
    const file = project({
      'compose.yaml': [
        'services:',
        '  base:',
        '    image: app:1',
        '    command: ["serve"]',
        '    ports: ["8080:80"]',
        '    environment: { A: "1", B: "1" }',
        '  web:',
        '    extends: base',
        '    command: ["serve", "--fast"]',
        '    ports: ["9090:90"]',
        '    environment: [B=2]',
        '  tool:',
        '    extends: { file: lib/common.yaml, service: tool }',
      ].join('\n'),
      'lib/common.yaml': 'services:\n  tool:\n    build: ./tool\n    env_file: tool.env\n',
      'lib/tool.env': 'TOOL=1\n',
    });
    const p = readProject(file, {});
    expect(p.services.web).toEqual({ image: 'app:1', command: ['serve', '--fast'], ports: ['8080:80', '9090:90'], environment: { A: '1', B: '2' } });
    expect(p.services.tool).toEqual({ build: './lib/tool', environment: { TOOL: '1' } });
  });

  test('env_file values come first, environment over them; an absent file is a warning', () => {
    const file = project({
      'compose.yaml': 'services:\n  web:\n    image: a:1\n    env_file: [app.env, missing.env]\n    environment: { A: over }\n',
      'app.env': 'A=file\nB=file\n',
    });
    const p = readProject(file, {});
    expect(p.services.web.environment).toEqual({ A: 'over', B: 'file' });
    expect(p.warnings).toEqual([{ key: 'services.web.env_file', message: expect.stringMatching(/missing.env is not here/), kind: 'not mapped' }]);
  });

  test('an optional env_file that is absent gives no warning', () => {
    const file = project({ 'compose.yaml': 'services:\n  web:\n    image: a:1\n    env_file: [{ path: local.env, required: false }]\n' });
    expect(readProject(file, {}).warnings).toEqual([]);
  });

  test.each([
    ['no services', 'volumes: {}\n', /services: missing; allowed: a mapping of at least one service/],
    ['services as a list', 'services: [web]\n', /services: a list \["web"\]; allowed: a mapping/],
    ['a service that is a string', 'services:\n  web: nginx\n', /services.web: 'nginx' is invalid; allowed: a mapping/],
    ['extends of an unknown service', 'services:\n  web:\n    extends: base\n', /services.web.extends: service 'base' is not defined in this file/],
    ['extends in a cycle', 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n', /extends: a cycle: a -> b -> a/],
    ['include', 'include: [other.yaml]\nservices:\n  a:\n    image: a:1\n', /the import does not support 'include'/],
    ['invalid YAML', 'services:\n  web:\n    image: [\n', /is not valid YAML/],
    ['environment as a string', 'services:\n  web:\n    image: a:1\n    environment: A=1\n', /services.web.environment: 'A=1' is invalid/],
  ])('fails when %s', (_title, text, message) => {
    const file = project({ 'compose.yaml': text });
    expect(() => readProject(file, {})).toThrow(ImportError);
    expect(() => readProject(file, {})).toThrow(message);
  });

  test('fails when the file does not exist', () => {
    expect(() => readProject('/nonexistent/compose.yaml', {})).toThrow(/the Compose file \/nonexistent\/compose.yaml does not exist/);
  });
});

describe('merge', () => {
  test('volumes merge by target; depends_on lists and mappings merge by service', () => {
    expect(
      merge({ volumes: ['a:/data', './src:/app'], depends_on: ['db'] }, { volumes: ['b:/data'], depends_on: { cache: { condition: 'service_healthy' } } }),
    ).toEqual({ volumes: ['b:/data', './src:/app'], depends_on: { db: null, cache: { condition: 'service_healthy' } } });
  });
});
