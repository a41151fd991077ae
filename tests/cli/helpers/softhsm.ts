/**
 * A private SoftHSM2 for one test file: its own softhsm2.conf and token directory in a temp dir, and
 * SOFTHSM2_CONF pointing at it. Never the system token dir, and never shared between processes (parallel
 * processes on one token dir fail at random); vitest runs each file in its own fork, one at a time per worker.
 *
 * `cli()` runs hsm-cli as a real process (the repo's node, src/cli/bin.js) with stdin a pipe (not a TTY).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const NODE = join(ROOT, 'node_modules', '.bin', 'node');
export const BIN = join(ROOT, 'src', 'cli', 'bin.js');
export const MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/** PINs distinctive enough to grep for: they must never show up in any output. */
export const SO_PIN = 'so-pin-4242-secret';
export const USER_PIN = 'user-pin-7777-secret';

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws when it is not). */
  json: <T = any>() => T;
}

export interface Hsm {
  dir: string;
  /** Environment for hsm-cli and pkcs11-tool: PATH, HOME, SOFTHSM2_CONF (no PINs). */
  env: Record<string, string>;
  /** Runs hsm-cli; `env` adds to (or, with undefined, removes from) the base environment. */
  cli(args: readonly string[], options?: { env?: Record<string, string | undefined>; input?: string }): Run;
  /** Runs pkcs11-tool on the same token dir. */
  tool(args: readonly string[]): Run;
  /** Writes a file in the temp dir and returns its path. */
  file(name: string, content: string | Uint8Array): string;
  read(name: string): Buffer;
  path(name: string): string;
  /** init-token + init-pin through hsm-cli; returns the label. */
  token(label: string): string;
  cleanup(): void;
}

function result(run: ReturnType<typeof spawnSync>): Run {
  const stdout = String(run.stdout ?? '');
  return {
    status: run.status ?? -1,
    stdout,
    stderr: String(run.stderr ?? ''),
    json: () => JSON.parse(stdout),
  };
}

export function createHsm(): Hsm {
  const dir = mkdtempSync(join(tmpdir(), 'hsm-cli-test-'));
  mkdirSync(join(dir, 'tokens'));
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, SOFTHSM2_CONF: conf };

  const hsm: Hsm = {
    dir,
    env,
    cli(args, options = {}) {
      const merged: Record<string, string> = { ...env };
      for (const [k, v] of Object.entries(options.env ?? {})) {
        if (v === undefined) delete merged[k];
        else merged[k] = v;
      }
      return result(spawnSync(NODE, [BIN, ...args], { cwd: dir, env: merged, input: options.input ?? '', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
    },
    tool(args) {
      return result(spawnSync('pkcs11-tool', ['--module', MODULE, ...args], { cwd: dir, env, encoding: 'utf8' }));
    },
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    read: (name) => readFileSync(join(dir, name)),
    path: (name) => join(dir, name),
    token(label) {
      const init = hsm.cli(['init-token', '--label', label], { env: { HSM_SO_PIN: SO_PIN } });
      if (init.status !== 0) throw new Error(`init-token failed: ${init.stderr}`);
      const pin = hsm.cli(['init-pin', '--label', label], { env: { HSM_SO_PIN: SO_PIN, HSM_USER_PIN: USER_PIN } });
      if (pin.status !== 0) throw new Error(`init-pin failed: ${pin.stderr}`);
      return label;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  return hsm;
}

/** Asserts no PIN leaked into any output. */
export function assertNoPin(run: Run, pins: readonly string[] = [SO_PIN, USER_PIN]): void {
  for (const pin of pins) {
    if (run.stdout.includes(pin) || run.stderr.includes(pin)) throw new Error(`a PIN appeared in the output:\n${run.stdout}\n${run.stderr}`);
  }
}

/** The CKR failure printed by hsm-cli: asserts the name and the value, in hex, are both there. */
export function expectCkr(run: Run, name: string, hex: string): void {
  const text = run.stderr + run.stdout;
  if (!text.includes(name) || !text.includes(hex)) {
    throw new Error(`expected ${name} (${hex}) in the output, got status ${run.status}:\n${run.stdout}\n${run.stderr}`);
  }
  if (/\n\s+at .+\(.*:\d+:\d+\)/.test(text)) throw new Error(`a stack trace was printed:\n${text}`);
}
