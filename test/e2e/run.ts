// End-to-end test of cdk8s-compose: synthesizes the demo (examples/demo/app.ts) and runs
// what the library generated, for real, on this machine.
//
//   node --import tsx test/e2e/run.ts
//
// Compose side: the generated demo.compose.yml under Debian's Docker engine and
// docker-compose 1.29 (health-gated start order, read-only roots, tmpfs, non-root users,
// named volumes, networks), then the demo app's behaviour through the published port,
// the database and the cache, and a database restart. Kubernetes side: the generated
// Deployment of `web` under `podman kube play` (its security context for real).
//
// Nothing is pulled: the images are built FROM scratch out of this machine's files
// (test/e2e/images.ts). The only changes to the generated output go through the
// library's own `overrides` chart prop (local image names, pull policy Never, a free
// host port); the YAML is never edited.
//
// Everything lives in <repo>/.work/e2e (git-ignored), wiped at start: dockerd's data,
// exec root, socket and pidfile; podman's storage, config and run dirs; the images'
// root filesystems; the synthesized files. Everything started here is stopped here
// (finally + signal handlers), by pid. See /work/shared/RUNTIME.md for the recipes.
import { ChildProcess, spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { DemoChart } from '../../examples/demo/app';
import { App, ImagePullPolicy } from '../../lib';
import { buildApp, buildPostgres, buildRedis, changeFlags, ImageSpec } from './images';
import { Checks, CommandError, freePort, http, poll, portInUse, run, RunResult, Steps, tail, write } from './support';

const REPO = path.resolve(__dirname, '../..');
const WORK = path.join(REPO, '.work', 'e2e');
const OUT = path.join(WORK, 'out'); // synthesized files
const SRC = path.join(WORK, 'src'); // the project root as a developer's clone has it: the demo's source with node_modules
const DEMO_SRC = path.join(SRC, 'examples/demo/app');
const DOCKER_DIR = path.join(WORK, 'docker');
const DOCKER_SOCK = path.join(DOCKER_DIR, 'docker.sock');
const DOCKER_PIDFILE = path.join(DOCKER_DIR, 'docker.pid');
const PODMAN_DIR = path.join(WORK, 'podman');
const PROJECT = 'e2e'; // docker-compose project name

/** Local image names; the chart's `overrides` point the workloads at them. */
const IMAGES = {
  app: 'localhost/cdk8s-compose-e2e/demo-app:e2e',
  /** The Node.js base image the demo's Dockerfile builds FROM (NODE_IMAGE): no registry here. */
  nodeBase: 'localhost/cdk8s-compose-e2e/node-base:e2e',
  postgres: 'localhost/cdk8s-compose-e2e/postgres:15',
  redis: 'localhost/cdk8s-compose-e2e/redis:7.0',
};

/** Debian packages, each with a probe that says whether it is already installed. */
const PACKAGES: [pkg: string, probe: string][] = [
  ['docker.io', 'command -v dockerd'],
  ['docker-compose', 'command -v docker-compose'],
  ['postgresql-15', 'command -v /usr/lib/postgresql/15/bin/postgres'],
  ['redis-server', 'command -v redis-server'],
  ['redis-tools', 'command -v redis-cli'],
  ['busybox-static', 'command -v busybox'],
  ['podman', 'command -v podman'],
  ['runc', 'command -v runc'],
  ['catatonit', 'command -v catatonit || command -v /usr/libexec/podman/catatonit'],
  ['netavark', 'command -v /usr/lib/podman/netavark'],
  ['aardvark-dns', 'command -v /usr/lib/podman/aardvark-dns'],
  ['iptables', 'command -v iptables'],
];

const STEPS = [
  'install packages, wipe work dir',
  'start dockerd',
  'build images',
  'synthesize the demo',
  'docker-compose build',
  'docker-compose up',
  'check the running app',
  'edit the source, profile service',
  'restart the database',
  'kubernetes side (podman kube play)',
  'tear down',
];

// dockerd and iptables live in /usr/sbin.
process.env.PATH = `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin`;
// Debian's docker CLI matches Debian's dockerd; a newer CLI elsewhere on PATH also works.
const DOCKER = fs.existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

const checks = new Checks();
const steps = new Steps(STEPS);

// ---------------------------------------------------------------------------------
// Docker

let dockerd: ChildProcess | undefined;

function docker(args: string[], timeoutS = 60, allowFail = false): RunResult {
  return run([DOCKER, ...args], { timeoutS, allowFail });
}

/** Reads a pid file; undefined when missing. */
function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process is alive (a zombie is not: our own dead child stays one until reaped). */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** SIGTERM, wait up to `graceS`, then SIGKILL. */
function stopPid(pid: number, graceS: number): void {
  if (!alive(pid)) {
    return;
  }
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceS * 1000;
  while (alive(pid) && Date.now() < deadline) {
    run(['sleep', '0.2'], { timeoutS: 5 });
  }
  if (alive(pid)) {
    console.log(`[e2e] pid ${pid} ignored SIGTERM for ${graceS} s: SIGKILL`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

/** dockerd with everything of its own under DOCKER_DIR (RUNTIME.md: "really run it"). */
async function startDockerd(): Promise<void> {
  const config = {
    'data-root': path.join(DOCKER_DIR, 'data'),
    'exec-root': path.join(DOCKER_DIR, 'exec'),
    'pidfile': DOCKER_PIDFILE,
    'hosts': [`unix://${DOCKER_SOCK}`],
    // The sandbox cannot raise rlimits (RUNTIME.md): give containers limits within
    // what this machine allows instead of dockerd's own.
    'default-ulimits': {
      nofile: { Name: 'nofile', Soft: 20000, Hard: 20000 },
      nproc: { Name: 'nproc', Soft: 4096, Hard: 4096 },
    },
  };
  const configFile = path.join(DOCKER_DIR, 'daemon.json');
  write(configFile, JSON.stringify(config, null, 2));
  const log = fs.openSync(path.join(DOCKER_DIR, 'dockerd.log'), 'a');
  dockerd = spawn('dockerd', ['--config-file', configFile], { detached: true, stdio: ['ignore', log, log] });
  dockerd.unref();
  fs.closeSync(log);
  process.env.DOCKER_HOST = `unix://${DOCKER_SOCK}`;
  // The docker CLI's config (and podman's, which reads DOCKER_CONFIG for registry auth
  // and fails when the directory has no config.json): not ~/.docker.
  process.env.DOCKER_CONFIG = path.join(DOCKER_DIR, 'client');
  write(path.join(process.env.DOCKER_CONFIG, 'config.json'), '{}\n');
  try {
    await poll('docker info', 60, () => {
      if (dockerd?.exitCode !== null || !alive(dockerd.pid!)) {
        throw new Error('dockerd exited');
      }
      return docker(['info', '--format', '{{.ServerVersion}} {{.Driver}}'], 10, true).status === 0;
    });
  } catch (e) {
    console.log(tail(fs.readFileSync(path.join(DOCKER_DIR, 'dockerd.log'), 'utf8'), 40));
    throw e;
  }
  console.log(
    `  dockerd ${docker(['info', '--format', '{{.ServerVersion}}, storage {{.Driver}}, cgroup v{{.CgroupVersion}}']).stdout.trim()} on ${DOCKER_SOCK}`,
  );
}

function stopDockerd(): void {
  const pid = readPid(DOCKER_PIDFILE) ?? dockerd?.pid;
  if (pid !== undefined && alive(pid)) {
    stopPid(pid, 30);
    console.log(`  dockerd (pid ${pid}) stopped`);
  }
}

// ---------------------------------------------------------------------------------
// Compose

let composeFile = '';
let composeStarted = false;

function compose(args: string[], timeoutS = 60, allowFail = false): RunResult {
  return run(['docker-compose', '-p', PROJECT, '-f', composeFile, ...args], { timeoutS, allowFail });
}

/** Container id of a Compose service (first replica). */
function containerOf(service: string): string {
  const id = compose(['ps', '-q', service]).stdout.trim().split('\n')[0];
  if (!id) {
    throw new Error(`no container for service ${service}`);
  }
  return id;
}

/** `docker inspect -f FORMAT` of a container. */
function inspect(id: string, format: string): string {
  return docker(['inspect', '-f', format, id], 20).stdout.trim();
}

/** psql in the db container, unaligned tuples only (over its local socket, as the healthcheck does). */
function psql(sql: string): string {
  return docker(['exec', containerOf('db'), 'psql', '-U', 'demo', '-d', 'demo', '-v', 'ON_ERROR_STOP=1', '-tAc', sql], 30).stdout.trim();
}

/** Resolves `${VAR:?...}` / `${VAR}` references of a Compose value from the env file. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::?[?-][^}]*)?\}/g, (_, name: string) => env[name] ?? '');
}

// ---------------------------------------------------------------------------------
// Podman

let podmanEnv: Record<string, string> | undefined;
let kubeFile = '';

function podman(args: string[], timeoutS = 60, allowFail = false): RunResult {
  return run(['podman', ...args], { timeoutS, allowFail, env: podmanEnv });
}

/**
 * Podman configured entirely under PODMAN_DIR: runc (Debian's crun fails on this
 * machine's hybrid cgroups), the sandbox's rlimits, cgroupfs and file events (no
 * systemd), k8s-file logs (no journald), no registries to search (never pull).
 */
function configurePodman(): void {
  const d = PODMAN_DIR;
  write(
    path.join(d, 'containers.conf'),
    [
      '[containers]',
      'default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]',
      'log_driver = "k8s-file"',
      '',
      '[engine]',
      'runtime = "runc"',
      'cgroup_manager = "cgroupfs"',
      'events_logger = "file"',
      `events_logfile_path = "${d}/events.log"`,
      `tmp_dir = "${d}/tmp"`,
      `volume_path = "${d}/volumes"`,
      `static_dir = "${d}/static"`,
      '',
      '[network]',
      'network_backend = "netavark"',
      `network_config_dir = "${d}/networks"`,
      '',
    ].join('\n'),
  );
  write(path.join(d, 'storage.conf'), ['[storage]', 'driver = "overlay"', `graphroot = "${d}/storage"`, `runroot = "${d}/run"`, ''].join('\n'));
  write(path.join(d, 'registries.conf'), ['unqualified-search-registries = []', 'short-name-mode = "permissive"', ''].join('\n'));
  podmanEnv = {
    CONTAINERS_CONF: path.join(d, 'containers.conf'),
    CONTAINERS_STORAGE_CONF: path.join(d, 'storage.conf'),
    CONTAINERS_REGISTRIES_CONF: path.join(d, 'registries.conf'),
  };
}

// ---------------------------------------------------------------------------------
// Cleanup: runs once, synchronously (also from exit and signal handlers).

let cleanedUp = false;

/** Mount points under the work dir (left by dockerd/podman after a crash), deepest first. */
function mountsUnderWork(): string[] {
  return fs
    .readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((m): m is string => !!m && (m === WORK || m.startsWith(WORK + '/')))
    .sort((a, b) => b.length - a.length);
}

/** What dockerd and podman start (/proc/PID/comm is cut at 15 characters). */
const RUNTIME_COMMANDS = new Set([
  'dockerd',
  'containerd',
  'containerd-shim',
  'docker-proxy',
  'runc',
  'conmon',
  'podman',
  'netavark',
  'aardvark-dns',
  'catatonit',
]);

/** Runtime processes whose command line names the work dir (dockerd, containerd, shims, conmon): ours. */
function processesUnderWork(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!pid || pid === process.pid) {
      continue;
    }
    try {
      const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (RUNTIME_COMMANDS.has(comm) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(WORK) && alive(pid)) {
        pids.push(pid);
      }
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** Stops every process of ours still running and unmounts what they left. */
function sweep(): void {
  for (const pid of processesUnderWork()) {
    console.log(`  stopping leftover pid ${pid}: ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 120)}`);
    stopPid(pid, 10);
  }
  for (const m of mountsUnderWork()) {
    if (run(['umount', m], { timeoutS: 20, allowFail: true }).status !== 0) {
      run(['umount', '-l', m], { timeoutS: 20, allowFail: true });
    }
  }
}

function cleanup(): void {
  if (cleanedUp) {
    return;
  }
  cleanedUp = true;
  const attempt = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      console.log(`  (teardown: ${what} failed: ${e instanceof Error ? e.message.split('\n')[0] : e})`);
    }
  };
  if (podmanEnv) {
    attempt('podman kube down', () => kubeFile && podman(['kube', 'down', kubeFile], 60, true));
    attempt('podman pod rm', () => podman(['pod', 'rm', '-a', '-f', '-t', '5'], 60, true));
    attempt('podman rm', () => podman(['rm', '-a', '-f', '-t', '5'], 60, true));
    attempt('podman secret rm', () => podman(['secret', 'rm', '-a'], 30, true));
  }
  if (composeStarted) {
    attempt('docker-compose down', () => compose(['down', '-v', '--remove-orphans', '--timeout', '10'], 120, true));
  }
  attempt('stop dockerd', stopDockerd);
  attempt('sweep', sweep);
}

function installExitHandlers(): void {
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // Handled between commands: a running (bounded) command finishes first.
    process.on(signal, () => {
      console.log(`\n[e2e] ${signal}: tearing down`);
      checks.ok(`not interrupted (${signal})`, false);
      cleanup();
      console.log(`e2e: ${checks.passed} passed, ${checks.failed} failed`);
      process.exit(130);
    });
  }
}

// ---------------------------------------------------------------------------------
// Steps

function installPackages(): void {
  const missing = PACKAGES.filter(([, probe]) => run(['sh', '-c', probe], { timeoutS: 10, allowFail: true }).status !== 0).map(([pkg]) => pkg);
  if (missing.length === 0) {
    console.log('  all packages present');
    return;
  }
  console.log(`  apt-get install ${missing.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run(['apt-get', 'update', '-q'], { timeoutS: 300, env });
  run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing], { timeoutS: 900, env });
}

/** Stops what a previous, killed run left, then wipes the work dir. */
function prepareWorkDir(): void {
  const oldPid = readPid(DOCKER_PIDFILE);
  const isDockerd = (pid: number) => fs.existsSync(`/proc/${pid}/comm`) && fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'dockerd';
  if (oldPid !== undefined && alive(oldPid) && isDockerd(oldPid)) {
    console.log(`  stopping dockerd ${oldPid} left by a previous run`);
    stopPid(oldPid, 30);
  }
  sweep();
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(DOCKER_DIR, { recursive: true });
}

interface Built {
  app: ImageSpec;
  postgres: ImageSpec;
  redis: ImageSpec;
}

function buildImages(): Built {
  const dir = path.join(__dirname, 'images');
  const built: Built = {
    postgres: buildPostgres(WORK, IMAGES.postgres, path.join(dir, 'postgres-entrypoint.sh')),
    redis: buildRedis(WORK, IMAGES.redis, path.join(dir, 'redis-entrypoint.sh')),
    app: buildApp(WORK, IMAGES.app, path.join(REPO, 'examples/demo/app')),
  };
  // The developer's clone: the demo source with its dependencies installed (`npm ci`).
  fs.cpSync(path.join(WORK, 'app-build'), DEMO_SRC, { recursive: true });
  for (const spec of Object.values(built)) {
    // Docker gets the app's root filesystem as the Node.js base image only: Compose builds
    // the app image itself, from the build context. Podman (the Kubernetes side) runs it as is.
    const tag = spec === built.app ? IMAGES.nodeBase : spec.tag;
    docker(['import', ...changeFlags(spec), spec.tarFile, tag], 180);
    if (spec.dockerfile) {
      const context = path.join(WORK, `build-${path.basename(spec.tarFile, '.tar')}`);
      write(path.join(context, 'Dockerfile'), [`FROM ${spec.tag}`, ...spec.dockerfile, ''].join('\n'));
      docker(['build', '-q', '-t', tag, context], 120);
    }
    const size = Number(docker(['image', 'inspect', '-f', '{{.Size}}', tag]).stdout.trim());
    console.log(`  ${tag}  ${(size / 1e6).toFixed(1)} MB`);
  }
  return built;
}

interface Synth {
  webPort: number;
  env: Record<string, string>;
  composeDoc: any;
}

/**
 * Builds the app image from the demo's build context through the generated Compose file
 * (nothing pre-tagged: the image does not exist before). NODE_IMAGE names the local base
 * image, as a developer without Docker Hub would.
 */
function composeBuild(): void {
  checks.ok('the app image does not exist before the build', docker(['image', 'inspect', IMAGES.app], 30, true).status !== 0);
  const built = compose(['build', '--build-arg', `NODE_IMAGE=${IMAGES.nodeBase}`], 300, true);
  checks.ok('docker-compose build builds the app from its build context', built.status === 0, tail(built.stderr, 20));
  const parent = docker(['image', 'inspect', '-f', '{{.Config.WorkingDir}} {{json .Config.Cmd}}', IMAGES.app], 30, true).stdout.trim();
  checks.equal("the built image is the Dockerfile's (WORKDIR, CMD)", parent, '/app ["node","/app/server.js"]');
}

/**
 * The development loop: an edit of the mounted source is served without a rebuild or a
 * new container (`node --watch`), and the optional `seed` service runs under its profile.
 */
async function developmentLoop(s: Synth): Promise<void> {
  const base = `http://127.0.0.1:${s.webPort}`;
  const before = containerOf('web');
  const server = path.join(DEMO_SRC, 'server.js');
  const text = fs.readFileSync(server, 'utf8');
  checks.ok('server.js answers /healthz with { ok: true }', text.includes('{ ok: true }'));
  const started = Date.now();
  fs.writeFileSync(server, text.replace('{ ok: true }', "{ ok: true, edited: 'e2e' }"));
  await checks.eventually('the edit is served without a rebuild (node --watch on the mounted source)', () =>
    poll('edited /healthz', 60, async () => (await http(`${base}/healthz`)).body?.edited === 'e2e', 500),
  );
  console.log(`  edit served after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  checks.equal('same web container (no rebuild, no recreate)', containerOf('web'), before);

  checks.equal(
    'the seed service did not start with up (profile seed: no container, no row)',
    [compose(['ps', '-q', 'seed'], 30, true).stdout.trim(), psql("SELECT count(*) FROM items WHERE value = 'seeded'")],
    ['', '0'],
  );
  const seeded = compose(['--profile', 'seed', 'run', '--rm', 'seed'], 120, true);
  checks.ok('docker-compose --profile seed run seed exits 0', seeded.status === 0, tail(seeded.stderr, 20));
  checks.equal('the seed row is in Postgres', psql("SELECT count(*) FROM items WHERE value = 'seeded'"), '1');
}

/** Synthesizes the demo in-process; the only changes are the chart's own `overrides`. */
async function synthesize(): Promise<Synth> {
  const webPort = await freePort();
  const app = new App({ outdir: OUT });
  const local = { imagePullPolicy: ImagePullPolicy.NEVER };
  new DemoChart(app, 'demo', {
    overrides: {
      web: { ...local, image: IMAGES.app, publish: { http: webPort } },
      worker: { ...local, image: IMAGES.app },
      migrate: { ...local, image: IMAGES.app },
      seed: { ...local, image: IMAGES.app },
      db: { ...local, image: IMAGES.postgres },
      cache: { ...local, image: IMAGES.redis },
    },
  });
  // Synthesis runs at the project root, as `cdk8s synth` does: build contexts and source
  // mounts are relative to it.
  const cwd = process.cwd();
  process.chdir(SRC);
  try {
    app.synth();
  } finally {
    process.chdir(cwd);
  }
  console.log(`  ${fs.readdirSync(OUT).join(', ')} in ${path.relative(REPO, OUT)}; web published on 127.0.0.1:${webPort}`);
  composeFile = path.join(OUT, 'demo.compose.yml');

  // No env file: the app starts as a developer's clone would, on the development placeholders
  // the Compose file carries (the env example lists the same values).
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(path.join(OUT, 'demo.env.example'), 'utf8').split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) {
      env[m[1]] = m[2];
    }
  }
  checks.ok('env example lists the secrets (DB and cache passwords) with their placeholders', Object.keys(env).length >= 2, env);
  const header = fs.readFileSync(composeFile, 'utf8').split('\n')[1];
  checks.ok('the Compose header says to run it with no env file', header === '# Run: docker compose -p demo -f demo.compose.yml up', header);

  // docker-compose's own parser on the generated file.
  const config = compose(['config', '-q'], 30, true);
  checks.ok('docker-compose config -q accepts the generated file', config.status === 0, config.stderr);
  return { webPort, env, composeDoc: yaml.load(fs.readFileSync(composeFile, 'utf8')) };
}

async function composeUp(): Promise<void> {
  composeStarted = true;
  // docker-compose 1.29 waits for service_healthy / service_completed_successfully
  // itself and fails when a dependency does; it has no `up --wait` for the last tier.
  const up = compose(['up', '-d'], 300, true);
  console.log(
    up.stderr
      .trim()
      .split('\n')
      .map((l) => `  | ${l}`)
      .join('\n'),
  );
  if (!checks.ok('docker-compose up -d exits 0 (health-gated start order held)', up.status === 0, `exit ${up.status}`)) {
    throw new Error('docker-compose up failed');
  }
  const web = containerOf('web');
  const worker = containerOf('worker');
  await checks.eventually('web becomes healthy (its generated healthcheck)', () =>
    poll(
      'web healthy',
      90,
      () => {
        const s = inspect(web, '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}');
        if (s.startsWith('exited')) {
          throw new Error(`web exited: ${s}`);
        }
        return s === 'running healthy' || undefined;
      },
      1000,
    ),
  );
  await checks.eventually('worker is running', () =>
    poll('worker running', 30, () => inspect(worker, '{{.State.Status}} {{.State.Restarting}}') === 'running false'),
  );
  checks.equal(
    'db and cache are healthy',
    ['db', 'cache'].map((s) => inspect(containerOf(s), '{{.State.Health.Status}}')),
    ['healthy', 'healthy'],
  );
  checks.equal('migrate exited 0', inspect(containerOf('migrate'), '{{.State.Status}} {{.State.ExitCode}}'), 'exited 0');
  checks.equal('migrate ran once (no restart)', inspect(containerOf('migrate'), '{{.RestartCount}}'), '0');

  // The database images run the way the generated file says: as uid 999, read-only root.
  for (const svc of ['db', 'cache']) {
    const id = containerOf(svc);
    checks.equal(
      `${svc}: user 999:999, read-only root, all capabilities dropped (as generated)`,
      inspect(id, '{{.Config.User}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}}'),
      '999:999 true [ALL]',
    );
    const probe = docker(
      ['exec', id, 'sh', '-c', 'id -u; touch /probe 2>/dev/null && echo root-writable || echo root-read-only; touch /tmp/probe && echo tmp-writable'],
      20,
      true,
    );
    checks.equal(`${svc}: runs as uid 999, cannot write /, can write /tmp`, probe.stdout.trim().split('\n'), ['999', 'root-read-only', 'tmp-writable']);
  }
  checks.equal(
    'app containers run as 10001:10001 with a read-only root',
    ['web', 'worker'].map((s) => inspect(containerOf(s), '{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}')),
    ['10001:10001 true', '10001:10001 true'],
  );
  checks.equal(
    'web: limits 256 MiB / 0.5 CPU and no-new-privileges applied',
    inspect(web, '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.SecurityOpt}}'),
    '268435456 500000000 [no-new-privileges:true]',
  );

  // A network per database and its clients: web reaches db, cache (not a client of db) does not.
  const reach = (from: string, host: string, port: number) =>
    docker(
      ['exec', containerOf(from), 'sh', '-c', `nc -w 2 ${host} ${port} </dev/null >/dev/null 2>&1 && echo reachable || echo unreachable`],
      20,
      true,
    ).stdout.trim();
  checks.equal('web reaches db:5432, cache does not (separate networks)', [reach('web', 'db', 5432), reach('cache', 'db', 5432)], ['reachable', 'unreachable']);
}

async function checkApp(s: Synth): Promise<number> {
  const base = `http://127.0.0.1:${s.webPort}`;
  const healthz = await http(`${base}/healthz`);
  checks.equal('GET /healthz answers 200', healthz.status, 200);
  await checks.eventually('GET /readyz answers 200 (Postgres and Redis reachable)', () =>
    poll('readyz', 30, async () => (await http(`${base}/readyz`)).status === 200),
  );

  const created = await http(`${base}/items?value=hello`, { method: 'POST' });
  checks.ok('POST /items?value=hello returns 201 and an id', created.status === 201 && Number.isInteger(created.body?.id), created);
  const id: number = created.body.id;
  const item = await http(`${base}/items/${id}`);
  checks.ok('GET /items/<id> shows the value and the Redis cache', item.status === 200 && item.body.value === 'hello' && item.body.cached === 'hello', item);

  checks.equal('the row is in Postgres', psql(`SELECT value FROM items WHERE id = ${id}`), 'hello');
  const redisPassword = interpolate(s.composeDoc.services.cache.environment.REDISCLI_AUTH, s.env);
  const cached = docker(
    ['exec', '-e', `REDISCLI_AUTH=${redisPassword}`, containerOf('cache'), 'redis-cli', '--no-auth-warning', 'GET', `item:${id}`],
    20,
    true,
  );
  checks.equal('the key is in Redis', cached.stdout.trim(), 'hello');

  await checks.eventually('the worker processed the job (results row HELLO)', () =>
    poll('results row', 30, () => psql(`SELECT result FROM results WHERE item_id = ${id}`) === 'HELLO'),
  );
  const processed = await http(`${base}/items/${id}`);
  checks.equal('GET /items/<id> shows result HELLO', processed.body?.result, 'HELLO');

  // The migration ran exactly once, and before web and worker started.
  checks.equal('schema_migrations has exactly one row', psql('SELECT count(*) FROM schema_migrations'), '1');
  checks.equal('web and worker recorded their start', psql("SELECT string_agg(DISTINCT service, ',' ORDER BY service) FROM startups"), 'web,worker');
  checks.equal(
    'the migration was applied before every startup',
    psql('SELECT bool_and(m.applied_at < s.started_at) FROM schema_migrations m CROSS JOIN startups s'),
    't',
  );
  return id;
}

async function restartDatabase(s: Synth, id: number): Promise<void> {
  const base = `http://127.0.0.1:${s.webPort}`;
  const db = containerOf('db');
  let t = Date.now();
  docker(['restart', '-t', '20', db], 60);
  console.log(`  docker restart took ${((Date.now() - t) / 1000).toFixed(1)} s`);
  t = Date.now();
  await checks.eventually('db is healthy again after docker restart', () =>
    poll('db healthy', 90, () => inspect(db, '{{.State.Health.Status}}') === 'healthy', 1000),
  );
  console.log(`  healthy again after ${((Date.now() - t) / 1000).toFixed(1)} s`);
  console.log(
    docker(['logs', '--since', '60s', db], 20)
      .stderr.split('\n')
      .filter((l) => /shut|terminat|recover|ready/.test(l))
      .map((l) => `  | ${l}`)
      .join('\n'),
  );
  checks.equal('the item survived the restart (named volume)', psql(`SELECT value FROM items WHERE id = ${id}`), 'hello');
  const inits = (docker(['logs', db], 20).stdout + docker(['logs', db], 20).stderr).split('entrypoint: initialized').length - 1;
  checks.equal('the database was initialized once, not again on restart', inits, 1);
  await checks.eventually('web recovers: GET /items/<id> answers 200 again', () =>
    poll('web recovers', 60, async () => (await http(`${base}/items/${id}`)).status === 200, 1000),
  );
  const second = await http(`${base}/items?value=world`, { method: 'POST' });
  checks.ok('POST a second item works after the restart', second.status === 201 && Number.isInteger(second.body?.id), second);
  if (second.status === 201) {
    await checks.eventually('the worker processes the second item too (WORLD)', () =>
      poll('second result', 30, () => psql(`SELECT result FROM results WHERE item_id = ${second.body.id}`) === 'WORLD'),
    );
  }
}

/**
 * The generated Deployment of `web` under `podman kube play`, with a test-only Secret
 * per secretKeyRef (like a cluster, podman needs the referenced Secrets to exist).
 */
async function kubernetesSide(built: Built): Promise<void> {
  configurePodman();
  podman(['import', ...changeFlags(built.app), built.app.tarFile, built.app.tag], 180);

  // The generated Deployment, byte for byte (cut from the generated multi-document file).
  const docs = fs
    .readFileSync(path.join(OUT, 'demo.k8s.yaml'), 'utf8')
    .split(/^---\s*$/m)
    .filter((d) => d.trim());
  const deploymentText = docs.find((d) => {
    const o = yaml.load(d) as any;
    return o?.kind === 'Deployment' && o.metadata?.name === 'web';
  });
  if (!deploymentText) {
    throw new Error('no Deployment web in demo.k8s.yaml');
  }
  const deployment = yaml.load(deploymentText) as any;
  const containers: any[] = deployment.spec.template.spec.containers;
  checks.equal(
    'the Deployment uses the overridden image with imagePullPolicy Never',
    containers.map((c) => `${c.image} ${c.imagePullPolicy}`),
    [`${IMAGES.app} Never`],
  );

  // Kubernetes expands `$(VAR)` in env values only for variables defined earlier in
  // the list; podman does not expand them at all (DB_URL stays literal there), so this
  // is checked on the generated text instead.
  for (const c of containers) {
    const names: string[] = (c.env ?? []).map((e: any) => e.name);
    const late = (c.env ?? []).flatMap((e: any, i: number) =>
      [...String(e.value ?? '').matchAll(/\$\(([A-Za-z0-9_]+)\)/g)].filter((m) => !names.slice(0, i).includes(m[1])).map((m) => `${e.name} uses $(${m[1]})`),
    );
    checks.ok(`${c.name}: every $(VAR) in env refers to a variable defined before it`, late.length === 0, late);
  }

  // Test scaffolding, not generated output: the Secrets the Deployment references, with
  // test values. Podman 4.3 (Debian bookworm) cannot take them as `kind: Secret`
  // documents in the played file: it stores such a Secret re-serialized as YAML, but its
  // secretKeyRef lookup parses a podman secret as a JSON map of key -> base64 value
  // ("secret db-credentials is not valid JSON"). So each Secret's `data` map goes in
  // through `podman secret create` in exactly that JSON form.
  const secrets = new Map<string, Record<string, string>>();
  for (const c of containers) {
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref) {
        const data = secrets.get(ref.name) ?? {};
        data[ref.key] = Buffer.from(`e2e-${crypto.randomBytes(9).toString('base64url')}`).toString('base64');
        secrets.set(ref.name, data);
      }
    }
  }
  for (const [name, data] of secrets) {
    // From a file: podman refuses `-` unless stdin is a FIFO, and Node's pipes are sockets.
    const file = path.join(PODMAN_DIR, `secret-${name}.json`);
    write(file, JSON.stringify(data), 0o600);
    podman(['secret', 'create', name, file], 30);
  }
  console.log(`  test Secrets: ${[...secrets].map(([n, d]) => `${n} (${Object.keys(d).join(', ')})`).join(', ')}`);

  // podman 4.3 publishes every containerPort without a hostPort on the same host port,
  // on all addresses (0.0.0.0; conmon holds the socket): that port must be free here.
  const ports: number[] = containers.flatMap((c) => (c.ports ?? []).map((p: any) => p.hostPort ?? p.containerPort));
  for (const p of ports) {
    if (await portInUse(p)) {
      throw new Error(`port ${p} is in use on this machine; podman kube play publishes containerPort ${p} there`);
    }
  }
  kubeFile = path.join(PODMAN_DIR, 'web.deployment.yaml');
  write(kubeFile, deploymentText.trim() + '\n');
  const played = podman(['kube', 'play', kubeFile], 120, true);
  console.log(
    (played.stdout + played.stderr)
      .trim()
      .split('\n')
      .map((l) => `  | ${l}`)
      .join('\n'),
  );
  if (!checks.ok('podman kube play starts the generated Deployment', played.status === 0, `exit ${played.status}`)) {
    throw new Error('podman kube play failed');
  }

  const base = `http://127.0.0.1:${ports[0]}`;
  await checks.eventually(`GET /healthz answers 200 on ${base}`, () =>
    poll('healthz via podman', 30, async () => (await http(`${base}/healthz`)).status === 200),
  );
  const who = await http(`${base}/whoami`);
  checks.equal('GET /whoami: uid/gid 10001, read-only root, writable /tmp (the generated security context)', who.body, {
    uid: 10001,
    gid: 10001,
    rootWritable: false,
    tmpWritable: true,
  });
  const ctr = podman(['ps', '--filter', 'label=app.kubernetes.io/name=web', '--format', '{{.Names}}'], 20).stdout.trim().split('\n')[0];
  // capabilities drop ALL -> no capabilities; allowPrivilegeEscalation false -> NoNewPrivs;
  // seccompProfile RuntimeDefault -> seccomp filter mode (2).
  const status = podman(['exec', ctr, 'cat', '/proc/1/status'], 20, true).stdout;
  const field = (name: string) => new RegExp(`^${name}:\\s*(\\S+)`, 'm').exec(status)?.[1];
  checks.equal(
    `${ctr}: no capabilities, no new privileges, seccomp filter`,
    { CapEff: field('CapEff'), CapBnd: field('CapBnd'), NoNewPrivs: field('NoNewPrivs'), Seccomp: field('Seccomp') },
    { CapEff: '0000000000000000', CapBnd: '0000000000000000', NoNewPrivs: '1', Seccomp: '2' },
  );
  podman(['kube', 'down', kubeFile], 60);
  kubeFile = '';
}

/** Container logs for a failure report. */
function printLogs(): void {
  if (composeStarted) {
    console.log('[e2e] docker-compose ps / logs:');
    console.log(compose(['ps'], 30, true).stdout);
    console.log(compose(['logs', '--no-color', '--tail', '100'], 60, true).stdout);
  }
  if (podmanEnv) {
    console.log('[e2e] podman ps / logs:');
    const ps = podman(['ps', '-a', '--format', '{{.Names}} {{.Status}}'], 30, true).stdout;
    console.log(ps);
    for (const name of ps
      .split('\n')
      .map((l) => l.split(' ')[0])
      .filter(Boolean)) {
      const logs = podman(['logs', '--tail', '100', name], 30, true);
      console.log(`--- ${name}\n${logs.stdout}${logs.stderr}`);
    }
  }
}

// ---------------------------------------------------------------------------------

async function main(): Promise<number> {
  const start = Date.now();
  installExitHandlers();
  let failedStep = false;
  /** Runs a step; a thrown error counts as a failed check and is reported. */
  const attempt = async <T>(name: string, fn: () => Promise<T> | T): Promise<T | undefined> => {
    try {
      return await steps.run(name, fn);
    } catch (e) {
      failedStep = true;
      checks.ok(`step '${name}' completed`, false, e instanceof CommandError ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e));
      return undefined;
    }
  };

  try {
    // Each step returns something truthy when the next may run.
    const installed = await attempt('install packages, wipe work dir', () => {
      installPackages();
      prepareWorkDir();
      return true;
    });
    const dockerUp =
      installed &&
      (await attempt('start dockerd', async () => {
        await startDockerd();
        return true;
      }));
    const built = dockerUp ? await attempt('build images', buildImages) : undefined;
    const synth = built ? await attempt('synthesize the demo', synthesize) : undefined;
    if (built && synth) {
      await attempt('docker-compose build', composeBuild);
      const up = await attempt('docker-compose up', async () => {
        await composeUp();
        return true;
      });
      const id = up ? await attempt('check the running app', () => checkApp(synth)) : undefined;
      if (id !== undefined) {
        await attempt('edit the source, profile service', () => developmentLoop(synth));
        await attempt('restart the database', () => restartDatabase(synth, id));
      }
      // Independent of the Compose side: runs even when that failed.
      await attempt('kubernetes side (podman kube play)', () => kubernetesSide(built));
    }
    if (failedStep || checks.failed > 0) {
      printLogs();
    }
  } finally {
    await attempt('tear down', () => {
      cleanup();
      const left = processesUnderWork();
      checks.ok('nothing left running', left.length === 0, left);
    });
  }
  steps.skipRest();
  console.log(steps.table((Date.now() - start) / 1000));
  if (checks.failures.length) {
    console.log(`[e2e] failed checks:\n${checks.failures.map((f) => `  - ${f.split('\n')[0]}`).join('\n')}`);
  }
  console.log(`e2e: ${checks.passed} passed, ${checks.failed} failed`);
  return checks.failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);
