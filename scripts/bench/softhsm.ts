/**
 * A private SoftHSM2 token for the benchmark: its own softhsm2.conf and token directory in a temp dir
 * (SOFTHSM2_CONF points there; the system token dir is never touched), a token found by label (slot IDs
 * change when a token is initialized), and the keys made once with `hsm-cli gen-keypair`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './synthetic.ts';
import { timeProcess } from './stats.ts';

export const MODULE = process.env.PKCS11_MODULE || '/usr/lib/softhsm/libsofthsm2.so';
export const BIN = join(REPO, 'src', 'cli', 'bin.js');
export const TOKEN_LABEL = 'ckr-bench';
export const USER_PIN = '123456';
export const SO_PIN = '12345678';
export const RSA_KEY = 'bench-rsa';
export const EC_KEY = 'bench-ec';

export interface BenchToken {
  dir: string;
  env: NodeJS.ProcessEnv;
  module: string;
  label: string;
  userPin: string;
  /** CKA_ID (hex) of each key pair, by key label: pkcs11-tool selects keys by --id. */
  ids: Record<string, string>;
}

/** Runs hsm-cli (the repo's bin.js on this Node) and fails loudly. */
export function hsmCli(env: NodeJS.ProcessEnv, args: string[], cwd = REPO) {
  return timeProcess(process.execPath, [BIN, ...args], { env, cwd });
}

export function createToken(): BenchToken {
  const dir = mkdtempSync(join(tmpdir(), 'ckr-bench-hsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SOFTHSM2_CONF: conf,
    PKCS11_MODULE: MODULE,
    HSM_USER_PIN: USER_PIN,
    HSM_SO_PIN: SO_PIN,
  };
  timeProcess('softhsm2-util', ['--init-token', '--free', '--label', TOKEN_LABEL, '--so-pin', SO_PIN, '--pin', USER_PIN], { env });
  const ids: Record<string, string> = {};
  for (const [key, spec] of [[RSA_KEY, ['--key-type', 'rsa', '--key-size', '2048']], [EC_KEY, ['--key-type', 'ec', '--curve', 'p256']]] as const) {
    const { stdout } = hsmCli(env, ['gen-keypair', '--label', TOKEN_LABEL, ...spec, '--key-label', key, '--json']);
    const id = (JSON.parse(stdout) as { id?: string }).id;
    if (!id || !/^[0-9a-f]+$/i.test(id)) throw new Error(`hsm-cli gen-keypair --json gave no key id for ${key}`);
    ids[key] = id;
  }
  return { dir, env, module: MODULE, label: TOKEN_LABEL, userPin: USER_PIN, ids };
}

/**
 * pkcs11-tool arguments for one signature of `input` into `output`. The key is given by --id: pkcs11-tool
 * 0.23 ignores --label when it looks for the signing key and takes the first private key it finds
 * (on this token sometimes the EC one, and C_SignFinal then fails with CKR_GENERAL_ERROR).
 */
export function pkcs11ToolSignArgs(token: BenchToken, input: string, output: string, key = RSA_KEY, mechanism = 'SHA256-RSA-PKCS'): string[] {
  return ['--module', token.module, '--token-label', token.label, '--login', '--pin', token.userPin, '--sign', '-m', mechanism, '--id', token.ids[key], '--input-file', input, '--output-file', output];
}
