/**
 * Signatures per second in one process, RSA-2048 and P-256, on the benchmark's SoftHSM2 token
 * (SOFTHSM2_CONF and the PINs come from the environment the benchmark sets):
 *
 *  - ours: the CLI's own signing path, in-process: parseCommand over the `sign` definition, withToken
 *    (src/cli/token.ts: module load, token by label, session, login), findKey, prepareSign
 *    (src/cli/mechanisms.ts), then the loop body of src/cli/commands/sign.ts (C_SignInit + C_Sign through
 *    the guarded PKCS11, one session, one key lookup, one output buffer). Files are not read or written
 *    here: the same 1 KB input is signed each time.
 *  - baseline: the same loop written with raw pkcs11js calls, pkcs11js as applications load it (its
 *    index.js; the CLI loads its native binding through src/cli/pkcs11js.ts): C_SignInit + C_Sign, the
 *    same mechanism, the same SHA-256 pre-hash in Node for ECDSA as the CLI's ecdsa-sha256.
 *
 * Rounds alternate the order (ours/raw, raw/ours); each round does its own set-up and tear-down outside
 * the timed loop (they share the module's global state, so they never overlap).
 *
 *   node scripts/bench/sign-worker.ts '{"label":"ckr-bench","keys":["bench-rsa","bench-ec"],"signatures":500,"rounds":5,"warmup":20}'
 * prints JSON: { "bench-rsa": { ours: [sig/s...], raw: [...], mechanism }, ... }
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import signCommand from '../../src/cli/commands/sign.ts';
import { parseCommand } from '../../src/cli/args.ts';
import type { Io, RunContext } from '../../src/cli/definition.ts';
import { createRequire } from 'node:module';
import { withToken } from '../../src/cli/token.ts';
import { prepareSign } from '../../src/cli/mechanisms.ts';

interface Config {
  label: string;
  keys: string[];
  signatures: number;
  rounds: number;
  warmup: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const INPUT = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 31 + 7) & 0xff));
const io = { stdin: { isTTY: false }, stdout: process.stdout, stderr: process.stderr, env: process.env } as unknown as Io;

/** One round of the CLI's path; returns [signatures/s, the last signature]. */
async function oursRound(key: string): Promise<[number, Buffer, string]> {
  const parsed = parseCommand(signCommand, ['--label', config.label, '--key-label', key, '--input', '-'], process.env);
  const ctx: RunContext = { options: parsed.options, args: parsed.args, io, baseUrl: 'https://example.invalid/', command: signCommand };
  return withToken(ctx, { login: 'user' }, (t) => {
    const { handle } = t.findKey(key, ['private']);
    const prepared = prepareSign(t, ctx.options.mechanism as string | undefined, t.number(handle, 'CKA_KEY_TYPE'));
    const session = t.sessionHandle;
    const buffer = Buffer.alloc(1024);
    let signature: Buffer = Buffer.alloc(0);
    for (let i = 0; i < config.warmup; i++) {
      t.p11.C_SignInit(session, prepared.mechanism, handle);
      signature = t.p11.C_Sign(session, prepared.data(INPUT), buffer);
    }
    const start = performance.now();
    for (let i = 0; i < config.signatures; i++) {
      t.p11.C_SignInit(session, prepared.mechanism, handle);
      signature = t.p11.C_Sign(session, prepared.data(INPUT), buffer);
    }
    const rate = config.signatures / ((performance.now() - start) / 1000);
    return [rate, Buffer.from(signature), prepared.name];
  });
}

/** One round of raw pkcs11js calls. */
async function rawRound(key: string): Promise<[number, Buffer]> {
  const C = createRequire(import.meta.url)('pkcs11js') as typeof import('pkcs11js');
  const p11 = new C.PKCS11();
  p11.load(process.env.PKCS11_MODULE ?? '/usr/lib/softhsm/libsofthsm2.so');
  p11.C_Initialize();
  try {
    const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === config.label);
    if (!slot) throw new Error(`no token labelled ${config.label}`);
    const session = p11.C_OpenSession(slot, C.CKF_SERIAL_SESSION);
    p11.C_Login(session, C.CKU_USER, process.env.HSM_USER_PIN ?? '');
    p11.C_FindObjectsInit(session, [{ type: C.CKA_CLASS, value: C.CKO_PRIVATE_KEY }, { type: C.CKA_LABEL, value: key }]);
    const [handle] = p11.C_FindObjects(session, 1);
    p11.C_FindObjectsFinal(session);
    if (!handle) throw new Error(`no private key ${key}`);
    const keyType = p11.C_GetAttributeValue(session, handle, [{ type: C.CKA_KEY_TYPE }])[0].value as Buffer;
    const isEc = keyType.readUInt32LE(0) === C.CKK_EC;
    const mechanism = { mechanism: isEc ? C.CKM_ECDSA : C.CKM_SHA256_RSA_PKCS };
    const buffer = Buffer.alloc(1024);
    let signature: Buffer = Buffer.alloc(0);
    const one = isEc
      ? () => {
          p11.C_SignInit(session, mechanism, handle);
          return p11.C_Sign(session, createHash('sha256').update(INPUT).digest(), buffer);
        }
      : () => {
          p11.C_SignInit(session, mechanism, handle);
          return p11.C_Sign(session, INPUT, buffer);
        };
    for (let i = 0; i < config.warmup; i++) signature = one();
    const start = performance.now();
    for (let i = 0; i < config.signatures; i++) signature = one();
    const rate = config.signatures / ((performance.now() - start) / 1000);
    p11.C_Logout(session);
    p11.C_CloseSession(session);
    return [rate, Buffer.from(signature)];
  } finally {
    p11.C_Finalize();
    p11.close();
  }
}

const out: Record<string, { ours: number[]; raw: number[]; mechanism: string; sameSignature: boolean | null; signatureBytes: number }> = {};
for (const key of config.keys) {
  const ours: number[] = [];
  const raw: number[] = [];
  let mechanism = '';
  let a: Buffer = Buffer.alloc(0);
  let b: Buffer = Buffer.alloc(0);
  for (let r = 0; r < config.rounds; r++) {
    const runOurs = async () => {
      const [rate, sig, name] = await oursRound(key);
      ours.push(rate);
      a = sig;
      mechanism = name;
    };
    const runRaw = async () => {
      const [rate, sig] = await rawRound(key);
      raw.push(rate);
      b = sig;
    };
    if (r % 2 === 0) {
      await runOurs();
      await runRaw();
    } else {
      await runRaw();
      await runOurs();
    }
  }
  // RSA PKCS#1 v1.5 is deterministic: both loops must produce the same bytes. ECDSA is randomized.
  out[key] = { ours, raw, mechanism, sameSignature: mechanism.includes('rsa') ? a.equals(b) : a.length === b.length ? null : false, signatureBytes: a.length };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
