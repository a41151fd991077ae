/**
 * The commands' bundles (scripts/build-cli.ts, built by global-setup.ts): src/cli/bin.js runs one only while
 * every source it holds is unchanged, and a bundle behaves exactly as the sources: same exit status, same
 * stdout, same stderr, for successes and for each kind of failure (usage, environment, a CKR failure and
 * its explanation, which crosses from bundled code to lazily loaded source modules).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_DIR, type BundleManifest } from '../../scripts/build-cli.ts';
import { COMMANDS } from '../../src/cli/commands/index.ts';
import { createHsm, ROOT, USER_PIN, type Hsm } from './helpers/softhsm.ts';

let hsm: Hsm;
const T = 'bundle';
const user = { HSM_USER_PIN: USER_PIN };
let hook: string;

beforeAll(() => {
  hsm = createHsm();
  hsm.token(T);
  hsm.file('doc.txt', 'bundled or not, the same signature\n');
  // Logs every module Node loads (to stderr), to see which files a run used.
  hook = hsm.file('log-loads.mjs', `import { registerHooks } from 'node:module';\nregisterHooks({ load(url, context, next) { process._rawDebug('LOAD ' + url); return next(url, context); } });\n`);
  expect(hsm.cli(['gen-keypair', '--label', T, '--key-type', 'rsa', '--key-label', 'rsa'], { env: user }).status).toBe(0);
});
afterAll(() => hsm.cleanup());

/** Runs a command line with bundles and with HSM_CLI_BUNDLES=0. */
function both(args: string[], env: Record<string, string> = {}) {
  const outcome = (run: ReturnType<Hsm['cli']>) => ({ status: run.status, stdout: run.stdout, stderr: run.stderr });
  const bundled = outcome(hsm.cli(args, { env }));
  const sources = outcome(hsm.cli(args, { env: { ...env, HSM_CLI_BUNDLES: '0' } }));
  return { bundled, sources };
}

/** The files under src/ and node_modules/.cache/ that a run of `args` loaded. */
function loads(args: string[], env: Record<string, string> = {}): string[] {
  const run = hsm.cli(args, { env: { ...env, NODE_OPTIONS: `--import=${hook}` } });
  const root = pathToFileURL(ROOT).href + '/';
  return [...run.stderr.matchAll(/^LOAD (\S+)$/gm)].map((m) => m[1]).filter((u) => u.startsWith(root)).map((u) => u.slice(root.length));
}

describe('command bundles', () => {
  it('exist for every command, built in this checkout, listing main.ts and the command file', () => {
    for (const { name } of COMMANDS) {
      const manifest = JSON.parse(readFileSync(join(BUNDLE_DIR, `${name}.json`), 'utf8')) as BundleManifest;
      expect(manifest.root).toBe(pathToFileURL(ROOT).href + '/');
      expect(Object.keys(manifest.inputs)).toEqual(expect.arrayContaining(['src/cli/main.ts', `src/cli/commands/${name}.ts`]));
      expect(readFileSync(join(BUNDLE_DIR, `${name}.mjs`), 'utf8')).toContain(`hsm-cli ${name}: built by scripts/build-cli.ts`);
    }
  });

  it('bin.js runs the fresh bundle, the sources with HSM_CLI_BUNDLES=0, and the sources when a bundled file changed', () => {
    const args = ['sign', '--label', T, '--key-label', 'rsa', '--input', 'doc.txt'];
    const fresh = loads(args, user);
    expect(fresh).toContain('node_modules/.cache/hsm-cli/sign.mjs');
    expect(fresh).not.toContain('src/cli/commands/sign.ts');
    expect(fresh).not.toContain('src/cli/main.ts');
    expect(loads(args, { ...user, HSM_CLI_BUNDLES: '0' })).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/cli/commands/sign.ts']));

    // A source edited since the build (its recorded size no longer matches): the sources run.
    const file = join(BUNDLE_DIR, 'sign.json');
    const saved = readFileSync(file, 'utf8');
    const manifest = JSON.parse(saved) as BundleManifest;
    manifest.inputs['src/cli/commands/sign.ts'][1] += 1;
    try {
      writeFileSync(file, JSON.stringify(manifest));
      const stale = loads(args, user);
      expect(stale).toContain('src/cli/commands/sign.ts');
      expect(stale).not.toContain('node_modules/.cache/hsm-cli/sign.mjs');
      // A manifest of the wrong shape: the sources run, and the command still works.
      writeFileSync(file, JSON.stringify({ root: manifest.root, inputs: { 'src/cli/main.ts': 5 } }));
      const odd = hsm.cli(args, { env: { ...user, NODE_OPTIONS: `--import=${hook}` } });
      expect(odd.status).toBe(0);
      expect(odd.stderr).toContain('src/cli/commands/sign.ts');
      expect(odd.stderr).not.toContain('hsm-cli/sign.mjs');
    } finally {
      writeFileSync(file, saved);
    }
  });

  it.each([
    ['explain-error, human', ['explain-error', '0xA0']],
    ['explain-error, JSON', ['explain-error', 'CKR_KEY_UNEXTRACTABLE', '--json']],
    ['an unknown code', ['explain-error', '0x7777']],
    ['a usage error', ['sign', '--label', T, '--no-such-option']],
    ['help', ['sign', '--help']],
    ['an unknown token (environment)', ['sign', '--label', 'nobody', '--key-label', 'rsa', '--input', 'doc.txt']],
    ['a missing module (environment)', ['list-slots', '--module', '/nonexistent/libpkcs11.so']],
    ['list-slots, JSON', ['list-slots', '--json']],
  ])('behave as the sources: %s', (_title, args) => {
    const { bundled, sources } = both(args, user);
    expect(bundled).toEqual(sources);
  });

  it('behave as the sources: a signature (same bytes), and a CKR failure explained (wrong PIN)', () => {
    const sign = (out: string, env: Record<string, string>) => hsm.cli(['sign', '--label', T, '--key-label', 'rsa', '--input', 'doc.txt', '--output', out], { env });
    const bundled = sign('b.sig', user);
    const sources = sign('s.sig', { ...user, HSM_CLI_BUNDLES: '0' });
    expect(bundled.status).toBe(0);
    expect(bundled.stdout.replace('b.sig', 'X')).toBe(sources.stdout.replace('s.sig', 'X'));
    expect(hsm.read('b.sig').equals(hsm.read('s.sig'))).toBe(true);

    const wrong = both(['sign', '--label', T, '--key-label', 'rsa', '--input', 'doc.txt', '--json'], { HSM_USER_PIN: 'not-the-pin' });
    expect(wrong.bundled.status).not.toBe(0);
    expect(JSON.parse(wrong.bundled.stdout).error).toMatchObject({ function: 'C_Login', name: 'CKR_PIN_INCORRECT' });
    expect(wrong.bundled).toEqual(wrong.sources);
  });
});
