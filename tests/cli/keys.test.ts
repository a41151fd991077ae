/**
 * Key and object commands on a private SoftHSM2: gen-keypair, gen-symmetric, list-objects, inspect-key,
 * find-key, diff-keys, delete-key; and CKR_USER_NOT_LOGGED_IN for a private key made without login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHsm, expectCkr, USER_PIN, type Hsm } from './helpers/softhsm.ts';

let hsm: Hsm;
const T = 'keys';
const user = { env: { HSM_USER_PIN: USER_PIN } };

beforeAll(() => {
  hsm = createHsm();
  hsm.token(T);
});
afterAll(() => hsm.cleanup());

describe('gen-keypair', () => {
  it('RSA-2048, human output: both keys, usage flags, CKA_ID', () => {
    const run = hsm.cli(['gen-keypair', '--label', T, '--key-type', 'rsa', '--key-size', '2048', '--key-label', 'rsa-k'], user);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Generated RSA 2048 key pair "rsa-k" \(id [0-9a-f]{40}\) on token "keys"\./);
    expect(run.stdout).toMatch(/CKA_SIGN +true/);
    expect(run.stdout).toMatch(/CKA_EXTRACTABLE +false/);
    expect(run.stderr).toBe(''); // no progress line when stderr is not a terminal
  });

  it('EC P-256 and P-384, JSON', () => {
    for (const curve of ['p256', 'p384']) {
      const data = hsm.cli(['gen-keypair', '--label', T, '--key-type', 'ec', '--curve', curve, '--key-label', `ec-${curve}`, '--json'], user).json();
      expect(data).toMatchObject({ label: `ec-${curve}`, keyType: 'ec', size: curve, usage: ['sign', 'verify', 'derive'] });
      expect(data.privateKey).toMatchObject({ CKA_CLASS: 'CKO_PRIVATE_KEY', CKA_KEY_TYPE: 'CKK_EC', CKA_SIGN: true, CKA_DECRYPT: false });
      expect(data.publicKey.CKA_EC_PARAMS).toMatch(new RegExp(`^${curve}`));
      expect(data.publicKey.CKA_ID).toBe(data.id);
    }
  });

  it('--usage and --extractable shape the keys', () => {
    const data = hsm.cli(['gen-keypair', '--label', T, '--key-type', 'rsa', '--key-label', 'rsa-nosign', '--usage', 'verify,decrypt', '--extractable', '--json'], user).json();
    expect(data.privateKey).toMatchObject({ CKA_SIGN: false, CKA_DECRYPT: true, CKA_UNWRAP: false, CKA_EXTRACTABLE: true });
    expect(data.publicKey).toMatchObject({ CKA_VERIFY: true, CKA_ENCRYPT: false });
  });

  it('refuses a label already used, bad combinations and unknown usages', () => {
    const dup = hsm.cli(['gen-keypair', '--label', T, '--key-type', 'rsa', '--key-label', 'rsa-k'], user);
    expect(dup.status).toBe(3);
    expect(dup.stderr).toContain('an object labelled "rsa-k" already exists');
    expect(hsm.cli(['gen-keypair', '--label', T, '--key-type', 'ec', '--key-size', '2048', '--key-label', 'x'], user).status).toBe(2);
    expect(hsm.cli(['gen-keypair', '--label', T, '--key-type', 'rsa', '--key-size', '1024', '--key-label', 'x'], user).status).toBe(2);
    expect(hsm.cli(['gen-keypair', '--label', T, '--key-type', 'ec', '--usage', 'encrypt', '--key-label', 'x'], user).status).toBe(2);
  });

  it('private key generation before login: CKR_USER_NOT_LOGGED_IN (0x101) from C_GenerateKeyPair, nothing left behind', () => {
    const run = hsm.cli(['gen-keypair', '--label', T, '--key-type', 'rsa', '--key-label', 'nologin', '--no-login']);
    expect(run.status).toBe(1);
    expectCkr(run, 'CKR_USER_NOT_LOGGED_IN', '0x101');
    expect(run.stderr).toContain('C_GenerateKeyPair failed: CKR_USER_NOT_LOGGED_IN (0x101)');
    expect(run.stderr).toContain('0x00000101');
    expect(run.stderr).toContain('What to do (keygen):');
    const json = hsm.cli(['gen-keypair', '--label', T, '--key-type', 'rsa', '--key-label', 'nologin', '--no-login', '--json']);
    expect(json.json().error).toMatchObject({ function: 'C_GenerateKeyPair', name: 'CKR_USER_NOT_LOGGED_IN', value: 0x101, context: { id: 'keygen' } });
    expect(hsm.cli(['find-key', '--label', T, '--key-label', 'nologin'], user).status).toBe(3);
  });
});

describe('gen-symmetric', () => {
  it('AES-256 (default) and AES-128, human and JSON', () => {
    const human = hsm.cli(['gen-symmetric', '--label', T, '--key-type', 'aes', '--key-label', 'aes-k'], user);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/^Generated AES-256 key "aes-k" on token "keys"\./);
    const data = hsm.cli(['gen-symmetric', '--label', T, '--key-size', '128', '--key-label', 'aes-128', '--extractable', '--json'], user).json();
    expect(data).toMatchObject({ bits: 128, usage: ['encrypt', 'decrypt', 'wrap', 'unwrap'] });
    expect(data.key).toMatchObject({ CKA_CLASS: 'CKO_SECRET_KEY', CKA_KEY_TYPE: 'CKK_AES', CKA_VALUE_LEN: 16, CKA_EXTRACTABLE: true, CKA_SENSITIVE: true });
  });
});

describe('list-objects, inspect-key, find-key, diff-keys', () => {
  it('list-objects: public objects without a PIN, all with one; --detailed', () => {
    const pub = hsm.cli(['list-objects', '--label', T]);
    expect(pub.status).toBe(0);
    expect(pub.stdout).toContain('(public only: no user PIN given)');
    expect(pub.stdout).not.toContain('CKO_PRIVATE_KEY');
    const all = hsm.cli(['list-objects', '--label', T, '--json'], user).json();
    expect(all.loggedIn).toBe(true);
    expect(all.objects.some((o: any) => o.CKA_CLASS === 'CKO_PRIVATE_KEY' && o.CKA_LABEL === 'rsa-k')).toBe(true);
    const detailed = hsm.cli(['list-objects', '--label', T, '--detailed'], user);
    expect(detailed.stdout).toMatch(/CKO_PRIVATE_KEY {2}CKK_RSA {2}"rsa-k" {2}id=[0-9a-f]+ .*sign=true/);
  });

  it('inspect-key: every readable attribute of both keys; key material never shown', () => {
    const data = hsm.cli(['inspect-key', '--label', T, '--key-label', 'rsa-k', '--json'], user).json();
    expect(data.objects).toHaveLength(2);
    const priv = data.objects.find((o: any) => o.CKA_CLASS === 'CKO_PRIVATE_KEY');
    expect(priv).toMatchObject({ CKA_TOKEN: true, CKA_SENSITIVE: true, CKA_ALWAYS_SENSITIVE: true, CKA_NEVER_EXTRACTABLE: true, CKA_LOCAL: true, CKA_KEY_GEN_MECHANISM: 'CKM_RSA_PKCS_KEY_PAIR_GEN' });
    expect(priv.CKA_VALUE).toBeUndefined(); // sensitive: the token refuses it
    const pub = data.objects.find((o: any) => o.CKA_CLASS === 'CKO_PUBLIC_KEY');
    expect(pub.CKA_MODULUS).toMatch(/^[0-9a-f]{512}$/);
    const human = hsm.cli(['inspect-key', '--label', T, '--key-label', 'rsa-k'], user);
    expect(human.stdout).toMatch(/CKO_PRIVATE_KEY "rsa-k":\n/);
    expect(human.stdout).toMatch(/CKA_MODULUS +[0-9a-f]{32}…[0-9a-f]{16} \(256 bytes\)/);
    const missing = hsm.cli(['inspect-key', '--label', T, '--key-label', 'nope'], user);
    expect(missing.status).toBe(3);
    expect(missing.stderr).toContain('hsm-cli find-key --label keys --key-label nope --show-similar');
  });

  it('find-key: exact match (exit 0), nothing (exit 3), similar labels', () => {
    const found = hsm.cli(['find-key', '--label', T, '--key-label', 'aes-k'], user);
    expect(found.status).toBe(0);
    expect(found.stdout).toContain('Found 1 object labelled "aes-k"');
    const similar = hsm.cli(['find-key', '--label', T, '--key-label', 'RSA-K', '--show-similar'], user);
    expect(similar.status).toBe(3);
    expect(similar.stdout).toContain('No object labelled "RSA-K"');
    expect(similar.stdout).toContain('"rsa-k"');
    const data = hsm.cli(['find-key', '--label', T, '--key-label', 'ec-p', '--show-similar', '--json'], user).json();
    expect(data.found).toEqual([]);
    expect(data.similar).toEqual(expect.arrayContaining(['ec-p256', 'ec-p384']));
  });

  it('diff-keys: the attributes that differ, class by class', () => {
    const data = hsm.cli(['diff-keys', '--label', T, '--key1-label', 'rsa-k', '--key2-label', 'rsa-nosign', '--json'], user).json();
    const priv = data.comparisons.find((c: any) => c.class === 'CKO_PRIVATE_KEY');
    expect(priv.differences).toEqual(expect.arrayContaining([{ attribute: 'CKA_SIGN', key1: true, key2: false }, { attribute: 'CKA_EXTRACTABLE', key1: false, key2: true }]));
    const human = hsm.cli(['diff-keys', '--label', T, '--key1-label', 'rsa-k', '--key2-label', 'rsa-nosign'], user);
    expect(human.stdout).toMatch(/CKA_SIGN +true +false/);
  });
});

describe('delete-key', () => {
  it('refuses without --yes when stdin is not a terminal (exit 5), deletes with --yes', () => {
    hsm.cli(['gen-symmetric', '--label', T, '--key-label', 'doomed'], user);
    const refused = hsm.cli(['delete-key', '--label', T, '--key-label', 'doomed'], user);
    expect(refused.status).toBe(5);
    expect(refused.stderr).toContain('refusing to delete without --yes');
    expect(hsm.cli(['find-key', '--label', T, '--key-label', 'doomed'], user).status).toBe(0);
    const deleted = hsm.cli(['delete-key', '--label', T, '--key-label', 'doomed', '--yes', '--json'], user);
    expect(deleted.status).toBe(0);
    expect(deleted.json().deleted).toHaveLength(1);
    expect(hsm.cli(['find-key', '--label', T, '--key-label', 'doomed'], user).status).toBe(3);
    const pair = hsm.cli(['delete-key', '--label', T, '--key-label', 'ec-p384', '--yes'], user);
    expect(pair.stdout).toBe('Deleted 2 objects labelled "ec-p384" from token "keys".\n');
  });
});
