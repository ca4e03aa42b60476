// Builds the e2e test's images without a registry: each is a FROM-scratch root
// filesystem assembled from this machine's files (a binary, every library `ldd` lists
// for it plus the ELF loader, its data files, static busybox as /bin/sh, a tiny
// passwd/group and an entrypoint), packed with `tar --numeric-owner` into a file that
// both `docker import` and `podman import` take. Imported images have no config at all,
// so every image gets an explicit ENV PATH, USER, WORKDIR, ENTRYPOINT and CMD.
import * as fs from 'fs';
import * as path from 'path';
import { q, run, sh, write } from './support';

/** An image to build: where its root filesystem is and how to import it. */
export interface ImageSpec {
  readonly tag: string;
  /** The root filesystem packed as a tar file. */
  readonly tarFile: string;
  /** `--change` instructions for `docker import` / `podman import`. */
  readonly changes: string[];
  /**
   * Dockerfile instructions `import --change` rejects (STOPSIGNAL), applied by a
   * one-line `docker build` FROM the imported image (local, nothing pulled).
   */
  readonly dockerfile?: string[];
}

const BUSYBOX = '/bin/busybox';

/** Copies `src` (following symlinks) to `<rootfs><dest>`, keeping its mode. */
function copyFile(rootfs: string, src: string, dest = src): void {
  const target = path.join(rootfs, dest);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(fs.realpathSync(src), target);
  fs.chmodSync(target, fs.statSync(src).mode & 0o7777);
}

/**
 * The shared libraries and ELF loader a binary needs, from `ldd` (absolute paths as the
 * loader looks them up: /lib/x86_64-linux-gnu/..., /lib64/ld-linux-x86-64.so.2).
 */
function libsOf(binary: string): string[] {
  const out = run(['ldd', binary], { timeoutS: 30, allowFail: true }).stdout;
  const libs: string[] = [];
  for (const line of out.split('\n')) {
    const m = /=>\s+(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) {
      libs.push(m[1]);
    }
  }
  return libs;
}

/** Copies binaries (to the same path, or [src, dest] pairs) with their libraries. */
function copyBinaries(rootfs: string, binaries: (string | [string, string])[]): void {
  const libs = new Set<string>();
  for (const b of binaries) {
    const [src, dest] = typeof b === 'string' ? [b, b] : b;
    copyFile(rootfs, src, dest);
    libsOf(src).forEach((l) => libs.add(l));
  }
  for (const lib of libs) {
    copyFile(rootfs, lib);
  }
}

/**
 * Static busybox as /bin/busybox with a symlink per applet at its usual path (/bin/sh,
 * /bin/grep, /usr/bin/env, ...), never over a file already in the root filesystem.
 */
function addBusybox(rootfs: string): void {
  copyFile(rootfs, BUSYBOX, '/bin/busybox');
  const applets = run([BUSYBOX, '--list-full'], { timeoutS: 10 }).stdout.split('\n').filter(Boolean);
  for (const applet of applets) {
    const link = path.join(rootfs, applet);
    if (!fs.existsSync(link)) {
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync('/bin/busybox', link);
    }
  }
}

/** /etc/passwd, /etc/group and /etc/nsswitch.conf with root and one service user. */
function addUser(rootfs: string, name: string, id: number, home: string): void {
  write(path.join(rootfs, 'etc/passwd'), `root:x:0:0:root:/root:/bin/sh\n${name}:x:${id}:${id}:${name}:${home}:/bin/sh\n`);
  write(path.join(rootfs, 'etc/group'), `root:x:0:\n${name}:x:${id}:\n`);
  write(path.join(rootfs, 'etc/nsswitch.conf'), 'passwd: files\ngroup: files\nhosts: files dns\n');
}

/** A directory in the root filesystem with an owner and mode. */
function addDir(rootfs: string, dir: string, uid = 0, mode = 0o755): void {
  const p = path.join(rootfs, dir);
  fs.mkdirSync(p, { recursive: true });
  fs.chownSync(p, uid, uid);
  fs.chmodSync(p, mode);
}

/** Packs a root filesystem into a tar with numeric owners (the uids inside the image). */
function pack(rootfs: string, tarFile: string): void {
  sh(`tar --numeric-owner -C ${q(rootfs)} -cf ${q(tarFile)} .`, { timeoutS: 120 });
}

const PG_VERSION = '15';
const PG_BIN = `/usr/lib/postgresql/${PG_VERSION}/bin`;
const PG_LIB = `/usr/lib/postgresql/${PG_VERSION}/lib`;

/**
 * Postgres from Debian's postgresql-15: postgres, initdb, pg_isready, psql in their
 * Debian directory (initdb finds postgres next to itself), the server's loadable
 * modules (plpgsql, snowball dictionaries, ...; not the LLVM JIT), the share files and
 * zoneinfo. User postgres = 999:999, like the official image.
 */
export function buildPostgres(work: string, tag: string, entrypoint: string): ImageSpec {
  const rootfs = path.join(work, 'rootfs/postgres');
  const modules = fs
    .readdirSync(PG_LIB)
    .filter((f) => f.endsWith('.so') && !f.startsWith('llvmjit'))
    .map((f) => `${PG_LIB}/${f}`);
  copyBinaries(rootfs, [...['postgres', 'initdb', 'pg_isready', 'psql'].map((b) => `${PG_BIN}/${b}`), ...modules]);
  sh(`mkdir -p ${q(rootfs)}/usr/share && cp -a /usr/share/postgresql ${q(rootfs)}/usr/share/ && cp -a /usr/share/zoneinfo ${q(rootfs)}/usr/share/`, {
    timeoutS: 60,
  });
  addBusybox(rootfs);
  addUser(rootfs, 'postgres', 999, '/var/lib/postgresql');
  addDir(rootfs, 'tmp', 0, 0o1777);
  addDir(rootfs, 'var/lib/postgresql', 999, 0o755);
  addDir(rootfs, 'var/lib/postgresql/data', 999, 0o700);
  // 3777 as in the official image: Docker mounts the Compose file's tmpfs here owned by
  // root but with this directory's mode, so it must be writable by anyone (sticky).
  addDir(rootfs, 'var/run/postgresql', 999, 0o3777);
  copyFile(rootfs, entrypoint, '/usr/local/bin/docker-entrypoint.sh');
  const tarFile = path.join(work, 'postgres.tar');
  pack(rootfs, tarFile);
  return {
    tag,
    tarFile,
    changes: [
      `ENV PATH=${PG_BIN}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin`,
      'ENV PGDATA=/var/lib/postgresql/data',
      'USER 999:999',
      'WORKDIR /',
      'VOLUME /var/lib/postgresql/data',
      'EXPOSE 5432',
      'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]',
      'CMD ["postgres"]',
    ],
    // As the official image: Docker stops containers with SIGTERM, which postgres takes
    // as a "smart" shutdown that waits for every client to disconnect (a pooled app keeps
    // `docker restart` waiting until its timeout); SIGINT is the fast, clean shutdown.
    dockerfile: ['STOPSIGNAL SIGINT'],
  };
}

/**
 * Redis from Debian's redis-server. /usr/bin/redis-server is a symlink to
 * redis-check-rdb (one binary, dispatching on argv[0]): copy its target as a real file
 * named redis-server, or it would start as the RDB checker. User redis = 999:999.
 */
export function buildRedis(work: string, tag: string, entrypoint: string): ImageSpec {
  const rootfs = path.join(work, 'rootfs/redis');
  copyBinaries(rootfs, [['/usr/bin/redis-server', '/usr/bin/redis-server'], '/usr/bin/redis-cli']);
  addBusybox(rootfs);
  addUser(rootfs, 'redis', 999, '/data');
  addDir(rootfs, 'tmp', 0, 0o1777);
  addDir(rootfs, 'data', 999, 0o755);
  copyFile(rootfs, entrypoint, '/usr/local/bin/docker-entrypoint.sh');
  const tarFile = path.join(work, 'redis.tar');
  pack(rootfs, tarFile);
  return {
    tag,
    tarFile,
    changes: [
      'ENV PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
      'USER 999:999',
      'WORKDIR /data',
      'VOLUME /data',
      'EXPOSE 6379',
      'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]',
      'CMD ["redis-server"]',
    ],
  };
}

/**
 * The demo app (examples/demo/app) on this machine's Node: `process.execPath` as
 * /usr/local/bin/node with its libraries, the app with its production dependencies
 * (`npm ci --omit=dev` in a build copy, never in the source tree), busybox, user app =
 * 10001:10001. The generated Compose file and Deployment override the entrypoint
 * (`node /app/server.js`, ...); by default the image runs the web server.
 */
export function buildApp(work: string, tag: string, appSource: string): ImageSpec {
  const rootfs = path.join(work, 'rootfs/app');
  const build = path.join(work, 'app-build');
  fs.cpSync(appSource, build, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
  run(['npm', 'ci', '--omit=dev', '--no-audit', '--no-fund', '--cache', path.join(work, 'npm-cache')], { cwd: build, timeoutS: 300 });
  copyBinaries(rootfs, [[process.execPath, '/usr/local/bin/node']]);
  addBusybox(rootfs);
  addUser(rootfs, 'app', 10001, '/app');
  addDir(rootfs, 'tmp', 0, 0o1777);
  fs.cpSync(build, path.join(rootfs, 'app'), { recursive: true });
  // /app belongs to the app user, so that only the read-only root filesystem (not file
  // ownership) keeps it from writing there: that is what /whoami's rootWritable checks.
  fs.chownSync(path.join(rootfs, 'app'), 10001, 10001);
  const tarFile = path.join(work, 'app.tar');
  pack(rootfs, tarFile);
  return {
    tag,
    tarFile,
    changes: [
      'ENV PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
      'ENV NODE_ENV=production',
      'USER 10001:10001',
      'WORKDIR /app',
      'ENTRYPOINT ["/usr/local/bin/node"]',
      'CMD ["/app/server.js"]',
    ],
  };
}

/** `--change` flags for `docker import` / `podman import`. */
export function changeFlags(spec: ImageSpec): string[] {
  return spec.changes.flatMap((c) => ['--change', c]);
}
