import { loadRegistry } from '../../src/reference/registry.ts';
/**
 * The command definitions as data: complete, consistent with the help text, checkable, and importable
 * without pkcs11js (the site and the reference validator import them at build time).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMANDS, TOKEN_OPTIONS, checkCommandLine } from '../../src/cli/commands/index.ts';
import { formatHelp } from '../../src/cli/help.ts';
import { EXIT_TABLE } from '../../src/cli/exit-codes.ts';
import { BIN, NODE, ROOT, createHsm } from './helpers/softhsm.ts';

const SURFACE = [
  'explain-error', 'info', 'list-slots', 'list-mechanisms', 'init-token', 'init-pin', 'change-pin', 'list-objects',
  'gen-keypair', 'gen-symmetric', 'sign', 'verify', 'encrypt', 'decrypt', 'wrap', 'unwrap', 'random', 'inspect-key',
  'find-key', 'diff-keys', 'delete-key', 'cleanup-test-tokens',
];

describe('command definitions', () => {
  it('has every command of the surface, once', () => {
    expect(COMMANDS.map((c) => c.name).sort()).toEqual([...SURFACE].sort());
  });

  it('gives each command a summary, a description, examples, a context and unique options', () => {
    for (const c of COMMANDS) {
      expect(c.summary, c.name).toMatch(/\S/);
      expect(c.description, c.name).toMatch(/\S/);
      expect(c.examples.length, c.name).toBeGreaterThan(0);
      expect(c.context, c.name).toMatch(/^[a-z-]+$/);
      const names = c.options.map((o) => o.name);
      expect(new Set(names).size, c.name).toBe(names.length);
      for (const code of c.codes) expect(code).toMatch(/^CKR_[A-Z0-9_]+$/);
    }
  });

  it('shares the token options: --module/PKCS11_MODULE, --label, --slot, --user-pin/HSM_USER_PIN, --so-pin/HSM_SO_PIN, --json', () => {
    expect(TOKEN_OPTIONS.map((o) => [o.name, o.env])).toEqual([
      ['module', 'PKCS11_MODULE'], ['label', undefined], ['slot', undefined],
      ['user-pin', 'HSM_USER_PIN'], ['so-pin', 'HSM_SO_PIN'], ['json', undefined],
    ]);
    for (const c of COMMANDS.filter((c) => c.name !== 'explain-error')) {
      for (const o of TOKEN_OPTIONS) expect(c.options.map((x) => x.name), c.name).toContain(o.name);
    }
  });

  it("gives each command a context the reference defines (contexts live once, in content/ckr-reference.md)", () => {
    const contexts = new Set(loadRegistry().contexts.map((c) => c.id));
    for (const c of COMMANDS) expect(contexts.has(c.context), `${c.name}: context ${c.context}`).toBe(true);
  });

  it('every example passes checkCommandLine', () => {
    for (const c of COMMANDS) for (const e of c.examples) expect(checkCommandLine(e.command), e.command).toEqual([]);
  });

  it('checkCommandLine reports unknown commands and options, missing values and bad choices', () => {
    expect(checkCommandLine('hsm-cli sign --label X --foo')).toEqual(['unknown option --foo for sign']);
    expect(checkCommandLine('hsm-cli sgn --label X')[0]).toMatch(/unknown command "sgn" \(did you mean sign\?\)/);
    expect(checkCommandLine('hsm-cli sign --key-lable k')[0]).toMatch(/did you mean --key-label/);
    expect(checkCommandLine('hsm-cli sign --input')).toEqual(['--input needs a value (<file>)']);
    expect(checkCommandLine('hsm-cli gen-keypair --key-type dsa')[0]).toMatch(/--key-type must be one of rsa, ec/);
    expect(checkCommandLine('hsm-cli list-slots extra')).toEqual(['list-slots takes no arguments']);
    expect(checkCommandLine('hsm-cli info --json=yes')).toEqual(['--json takes no value']);
  });

  it('checkCommandLine accepts placeholders, pipes, comments and $(...) around the command', () => {
    for (const line of [
      'hsm-cli sign --label TOKEN --key-label <name> --input <file> | xxd',
      'hsm-cli gen-keypair --label TOKEN --key-type rsa --key-size <bits> --key-label k',
      'hsm-cli list-slots 2>&1 | grep -i locked   # flags',
      'sig=$(hsm-cli random --label "$TOKEN" --length 32)',
      'hsm-cli explain-error <code> --context <context>',
      'hsm-cli cleanup-test-tokens --prefix <label prefix> --yes',
      'hsm-cli sign --label TOKEN --key-label k --input a --input b ...',
    ]) {
      expect(checkCommandLine(line), line).toEqual([]);
    }
  });

  it('--help prints exactly formatHelp (the text the site renders)', () => {
    for (const name of ['sign', 'explain-error', 'cleanup-test-tokens']) {
      const run = spawnSync(NODE, [BIN, name, '--help'], { encoding: 'utf8', cwd: ROOT });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(formatHelp(COMMANDS.find((c) => c.name === name)!));
    }
  });

  it('help shows options, env vars, examples and the exit-code table', () => {
    const help = formatHelp(COMMANDS.find((c) => c.name === 'sign')!);
    expect(help).toContain('--input <file>');
    expect(help).toContain('env: HSM_USER_PIN');
    expect(help).toContain('$ hsm-cli sign --label TOKEN --key-label signer --input a.txt --input b.txt --output-dir sigs');
    for (const row of EXIT_TABLE) expect(help).toContain(row.meaning);
  });

  it('hsm-cli --help lists every command; no command is a usage error', () => {
    const run = spawnSync(NODE, [BIN, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    for (const name of SURFACE) expect(run.stdout).toContain(`  ${name} `);
    const none = spawnSync(NODE, [BIN], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    const unknown = spawnSync(NODE, [BIN, 'sigh'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "sigh" (did you mean sign?)');
    const version = spawnSync(NODE, [BIN, '--version'], { encoding: 'utf8' });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('bad options are usage errors (exit 2) that name the option', () => {
    const run = spawnSync(NODE, [BIN, 'random', '--label', 'x', '--length', 'many'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--length expects a whole number');
    const missing = spawnSync(NODE, [BIN, 'sign', '--label', 'x'], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing --key-label <label>; missing --input <file>');
  });

  it('loading the definitions, and explain-error, never loads pkcs11js', () => {
    // Reports at exit whether any pkcs11js file is in the CommonJS cache.
    const probe =
      "data:text/javascript,import{createRequire}from'node:module';const r=createRequire('/');" +
      "process.on('exit',()=>process.stderr.write('pkcs11js loaded: '+Object.keys(r.cache).some(k=>k.includes('pkcs11js'))))";
    const hsm = createHsm(); // info below loads SoftHSM2: never on the system token dir
    try {
      const run = (args: string[]) => spawnSync(NODE, ['--import', probe, ...args], { encoding: 'utf8', env: hsm.env });
      const definitions = run(['--input-type=module', '-e', `await import(${JSON.stringify(`${ROOT}/src/cli/commands/index.ts`)})`]);
      expect(definitions.stderr).toContain('pkcs11js loaded: false');
      const explain = run([BIN, 'explain-error', '0xA0']);
      expect(explain.status).toBe(0);
      expect(explain.stderr).toContain('pkcs11js loaded: false');
      const missingModule = run([BIN, 'info', '--module', '/nonexistent.so']);
      expect(missingModule.status).toBe(3);
      expect(missingModule.stderr).toContain('pkcs11js loaded: false');
      // The probe does see it when a token command really loads a module.
      expect(run([BIN, 'info']).stderr).toContain('pkcs11js loaded: true');
    } finally {
      hsm.cleanup();
    }
  });
});
