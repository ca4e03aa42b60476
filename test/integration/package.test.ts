import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';

/**
 * The published package as a user gets it: compile the library into a staging folder (never
 * into this working tree), `npm pack` it there, install the tarball into a new project (peer
 * dependencies from the npm cache), write a small TypeScript app against the installed types,
 * compile it, run `cdk8s synth` there, check both outputs, and run a jest test with the
 * matchers set up as the README says.
 */
const ROOT = path.join(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the packed package', () => {
  let work: string;
  let tarball: string;
  let files: string[];

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-compose-pack-'));
    // What `npm pack` in the repository does (prepack: npm run build), in a staging copy.
    const staging = path.join(work, 'staging');
    fs.mkdirSync(staging);
    for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'validation-plugin.js']) {
      fs.copyFileSync(path.join(ROOT, f), path.join(staging, f));
    }
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(staging, 'build')],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    const packed = JSON.parse(
      execFileSync(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
        cwd: staging,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
    tarball = path.join(work, packed[0].filename);
    files = packed[0].files.map((f: { path: string }) => f.path);
  }, 180_000);

  test('contains the compiled library, its types, the plugin entry and the docs, and nothing else', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'build/lib/index.js',
        'build/lib/index.d.ts',
        'build/lib/jest.js',
        'build/lib/validation/index.js',
        'build/lib/validation/index.d.ts',
        'validation-plugin.js',
        'README.md',
        'LICENSE',
        'package.json',
      ]),
    );
    expect(files.filter((f) => !/^(build\/lib\/.*\.(js|d\.ts)|validation-plugin\.js|README\.md|CHANGELOG\.md|LICENSE|package\.json)$/.test(f))).toEqual([]);
    expect(files.some((f) => f.startsWith('build/lib/render/kubernetes/') && f.endsWith('.js'))).toBe(true);
  });

  test('installs into a new project where a small app compiles against its types and synthesizes both outputs', () => {
    // GIVEN a new project with the tarball installed (the peers come along automatically)
    const project = path.join(work, 'user-app');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-app', private: true, version: '1.0.0' }));
    const install = spawnSync(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {
      cwd: project,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(install.status).toBe(0);
    // WHEN the user writes an app, compiles it with their TypeScript and runs cdk8s synth
    fs.writeFileSync(
      path.join(project, 'main.ts'),
      [
        "import { App, AppChart, Database, DatabaseEngine, HealthCheck, InImageClient, WebService } from 'cdk8s-compose';",
        '',
        'const app = new App();',
        "const chart = new AppChart(app, 'hello');",
        "const db = new Database(chart, 'Db', { name: 'db', engine: DatabaseEngine.postgres('16') });",
        "const api = new WebService(chart, 'Api', {",
        "  name: 'api',",
        "  image: 'ghcr.io/acme/api:1.0.0',",
        "  ports: [{ name: 'http', port: 8080, publish: 8080 }],",
        "  healthCheck: HealthCheck.http('/healthz', { inImage: InImageClient.CURL }),",
        '});',
        'api.connectTo(db);',
        'app.synth();',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: false, types: [] },
        files: ['main.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { cwd: project, encoding: 'utf8', timeout: 120_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    fs.writeFileSync(path.join(project, 'cdk8s.yaml'), 'language: typescript\napp: node main.js\n');
    const synth = spawnSync(path.join(ROOT, 'node_modules/.bin/cdk8s'), ['synth'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    });
    expect(synth.status).toBe(0);
    // THEN both outputs are there and describe the app
    const dist = path.join(project, 'dist');
    expect(fs.readdirSync(dist).sort()).toEqual([
      'hello.compose.yml',
      'hello.env.example',
      'hello.k8s.yaml',
      'hello.mmd',
      'hello.prerequisites.yml',
      'kustomization.yml',
    ]);
    const objects = yaml.loadAll(fs.readFileSync(path.join(dist, 'hello.k8s.yaml'), 'utf8')) as any[];
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(
      expect.arrayContaining(['Deployment/api', 'StatefulSet/db', 'Service/api', 'NetworkPolicy/api']),
    );
    const compose = yaml.load(fs.readFileSync(path.join(dist, 'hello.compose.yml'), 'utf8')) as any;
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'db']);
    expect(compose.services.api.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    // The jest matchers and the validation plugin are reachable through the package's exports.
    const resolve = (id: string) =>
      spawnSync(process.execPath, ['-e', `console.log(require.resolve(${JSON.stringify(id)}))`], { cwd: project, encoding: 'utf8' }).stdout.trim();
    expect(resolve('cdk8s-compose/jest')).toMatch(/build\/lib\/jest\.js$/);
    expect(resolve('cdk8s-compose/validation')).toMatch(/build\/lib\/validation\/index\.js$/);
    expect(resolve('cdk8s-compose/validation-plugin.js')).toMatch(/validation-plugin\.js$/);
  }, 600_000);

  test('the jest matchers work with the setup the README gives: setupFilesAfterEnv cdk8s-compose/jest', () => {
    // GIVEN the project above, with a jest configuration as documented and a test using the matchers
    const project = path.join(work, 'user-app');
    fs.writeFileSync(path.join(project, 'jest.config.js'), "module.exports = { testEnvironment: 'node', setupFilesAfterEnv: ['cdk8s-compose/jest'] };\n");
    fs.writeFileSync(
      path.join(project, 'app.test.js'),
      [
        "const { App, AppChart, WebService } = require('cdk8s-compose');",
        "test('the chart keeps parity', async () => {",
        "  const chart = new AppChart(new App({ outdir: require('os').tmpdir() }), 'hello');",
        "  new WebService(chart, 'Api', { name: 'api', image: 'ghcr.io/acme/api:1.0.0' });",
        '  await expect(chart).toHaveParity();',
        '});',
        '',
      ].join('\n'),
    );
    // WHEN jest runs there
    const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--ci', '--rootDir', project], {
      cwd: project,
      encoding: 'utf8',
      timeout: 120_000,
    });
    // THEN the matcher is registered and passes
    expect(run.stderr).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(run.status).toBe(0);
  }, 180_000);

  test('the installed bin imports a Compose file: `npx cdk8s-compose import compose.yaml --out app.ts` writes an app that compiles', () => {
    // GIVEN the project above and a Compose file of a web app and its database
    const project = path.join(work, 'user-app');
    fs.writeFileSync(
      path.join(project, 'compose.yaml'),
      [
        'services:',
        '  web:',
        '    image: ghcr.io/acme/web:1.0.0',
        '    ports: ["8080:8080"]',
        '    depends_on: [db]',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: dev-password',
        '',
      ].join('\n'),
    );
    // WHEN the user runs the command the package ships, as npx runs it (node_modules/.bin)
    const bin = path.join(project, 'node_modules', '.bin', 'cdk8s-compose');
    const imported = spawnSync(bin, ['import', 'compose.yaml', '--out', 'imported.ts'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(imported.status).toBe(0);
    // THEN the app it wrote uses the package and compiles against its installed types
    const app = fs.readFileSync(path.join(project, 'imported.ts'), 'utf8');
    expect(app).toContain("from 'cdk8s-compose'");
    expect(app).toMatch(/new Database\(/);
    fs.writeFileSync(
      path.join(project, 'tsconfig.imported.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, noEmit: true, types: [] }, files: ['imported.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.imported.json'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
  }, 180_000);
});
