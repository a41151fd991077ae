/**
 * A deterministic corpus of realistic lookup inputs: every form people paste into the lookup box or
 * give to `hsm-cli explain-error`, in plausible proportions. The benchmark and the tests use it.
 * Same (codes, n, seed) -> same strings, on every platform.
 */

export interface CorpusCode {
  name: string;
  value: number;
}

/** mulberry32: small, fast, good enough for test data; deterministic across platforms. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (v: number): string => v.toString(16);
const HEX = (v: number): string => v.toString(16).toUpperCase();
const pad8 = (s: string): string => s.padStart(8, '0');
const camel = (name: string): string =>
  name.replace(/^CKR_/, '').split('_').filter(Boolean).map((w) => w[0] + w.slice(1).toLowerCase()).join('');
const bare = (name: string): string => name.replace(/^CKR_/, '');

/** Values people meet that are not current codes (see content/ckr-historical.tsv). */
const HISTORICAL_VALUES = [0x04, 0x1a, 0x52, 0x61, 0x80, 0x81, 0xb2, 0x1c0, 0x1c1, 0x1c2, 0x1c3, 0x1c4];
const HISTORICAL_NAMES = ['CKR_COPY_PROHIBITED', 'CKR_FUNCTION_PARALLEL', 'CKR_FLAGS_INVALID', 'CKR_KEY_SENSITIVE'];
const UNASSIGNED = [0x0c, 0x43, 0x111, 0x300, 0x1ba, 0x7fff, 0x1000, 0x20a];
const WORDS = ['pin', 'session', 'key handle', 'wrong pin', 'pin locked', 'token', 'signature', 'template', 'mutex', 'user not logged in'];
const JUNK = [
  'hello world',
  '<script>alert(1)</script>',
  '2024-05-01 12:00:00 [4242] C_Login failed at line 160',
  'NullPointerException at Foo.java:88',
  'lorem ipsum dolor sit amet',
  '\u202eCKR_PIN_INCORRECT\u202c',
  'Segmentation fault (core dumped)',
  '???',
];
const FUNCS = ['C_Login', 'C_Sign', 'C_OpenSession', 'C_FindObjectsInit', 'C_GenerateKeyPair', 'C_Decrypt', 'C_InitToken'];
const RUST_FN = ['Login', 'Sign', 'OpenSession', 'FindObjectsInit', 'GenerateKeyPair', 'Decrypt', 'InitToken'];

/** Introduce one realistic typo: drop, double, swap or replace a letter (never in the CKR_ prefix). */
function typo(name: string, rnd: () => number): string {
  const from = name.startsWith('CKR_') ? 4 : 0;
  const i = from + Math.floor(rnd() * (name.length - from - 1));
  const kind = Math.floor(rnd() * 4);
  if (kind === 0) return name.slice(0, i) + name.slice(i + 1);
  if (kind === 1) return name.slice(0, i) + name[i] + name.slice(i);
  if (kind === 2 && name[i + 1] !== '_' && name[i] !== '_') return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
  const letters = 'ABCDEFGHIJKLMNOPRSTU';
  const c = name[i] === '_' ? name[i] : letters[Math.floor(rnd() * letters.length)];
  return name.slice(0, i) + c + name.slice(i + 1);
}

type Form = (c: CorpusCode, rnd: () => number) => string;

const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)];

/** [weight, generator]: weights are rough shares of what people really paste. */
const FORMS: readonly (readonly [number, Form])[] = [
  // names
  [12, (c) => c.name],
  [4, (c) => c.name.toLowerCase()],
  [4, (c) => bare(c.name).toLowerCase().replace(/_/g, ' ')],
  [2, (c) => bare(c.name).replace(/_/g, '-')],
  [4, (c) => camel(c.name)],
  [4, (c, r) => typo(c.name, r)],
  // numbers
  [7, (c) => '0x' + hex(c.value)],
  [5, (c) => '0x' + pad8(HEX(c.value))],
  [3, (c) => HEX(c.value)],
  [2, (c) => pad8(HEX(c.value))],
  [2, (c) => '0' + HEX(c.value) + 'h'],
  [7, (c) => String(c.value)],
  // vendor values, signed printing
  [2, (_, r) => '0x8000' + pad8(HEX(Math.floor(r() * 0x1000))).slice(4)],
  [2, (_, r) => String((0x80000000 + Math.floor(r() * 0x1000)) | 0)],
  // error lines of real stacks
  [3, (c) => 'Error: ' + c.name + ':' + c.value],
  [2, (c) => 'Pkcs11Error: ' + c.name],
  [3, (c) => 'sun.security.pkcs11.wrapper.PKCS11Exception: ' + c.name],
  [1, (c) => 'java.security.ProviderException: Initialization failed\n\tat sun.security.pkcs11.SunPKCS11.initToken(SunPKCS11.java:1214)\nCaused by: sun.security.pkcs11.wrapper.PKCS11Exception: ' + c.name],
  [1, (c) => 'PKCS11Exception: 0x' + pad8(hex(c.value))],
  [3, (c) => 'pkcs11: 0x' + HEX(c.value) + ': ' + c.name],
  [3, (c, r) => 'Pkcs11(' + camel(c.name) + ', ' + pick(RUST_FN, r) + ')'],
  [1, (c, r) => 'Error::Pkcs11(RvError::' + camel(c.name) + ', Function::' + pick(RUST_FN, r) + ')'],
  [2, (c) => 'pkcs11.exceptions.' + camel(c.name)],
  [3, (c, r) => 'error: PKCS11 function ' + pick(FUNCS, r) + ' failed: rv = ' + c.name + ' (0x' + hex(c.value) + ')'],
  [1, (c, r) => 'p11-kit: ' + pick(FUNCS, r) + ' returned rv 0x' + hex(c.value)],
  [1, () => "p11-kit: couldn't log in: The password or PIN is incorrect"],
  [1, (c) => 'PKCS11_get_private_key returned NULL\nerror:41000070:PKCS#11 module::' + c.name],
  [1, (c) => 'engine pkcs11: sign failed rv=0x' + pad8(HEX(c.value))],
  [1, (c, r) => '2024-05-01T12:00:00Z [pid 4242] ' + pick(FUNCS, r) + ' = ' + c.name],
  // the rest
  [1, (_, r) => '0x' + HEX(pick(HISTORICAL_VALUES, r))],
  [1, (_, r) => pick(HISTORICAL_NAMES, r)],
  [1, (_, r) => '0x' + HEX(pick(UNASSIGNED, r))],
  [2, (_, r) => pick(WORDS, r)],
  [1, (_, r) => pick(JUNK, r)],
];

const TOTAL_WEIGHT = FORMS.reduce((n, [w]) => n + w, 0);

/**
 * `n` realistic lookup inputs over `codes` (names, every hex and decimal spelling, vendor values,
 * signed decimals, typos, CamelCase, error lines of pkcs11js, SunPKCS11, miekg/pkcs11, cryptoki,
 * python-pkcs11, pkcs11-tool, p11-kit and OpenSSL, historical and unassigned values, words, junk).
 */
export function mixedCorpus(codes: readonly CorpusCode[], n: number, seed = 0x5eed): string[] {
  const rnd = seededRandom(seed);
  const usable = codes.filter((c) => c.value >= 0 && c.value < 0x80000000);
  const out: string[] = [];
  if (usable.length === 0) return out;
  for (let i = 0; i < n; i++) {
    let roll = rnd() * TOTAL_WEIGHT;
    let form = FORMS[FORMS.length - 1][1];
    for (const [w, f] of FORMS) {
      if (roll < w) { form = f; break; }
      roll -= w;
    }
    out.push(form(pick(usable, rnd), rnd));
  }
  // Fresh flat strings, like inputs read from argv, a file or a form field. (Strings built with `+`
  // are rope strings in V8, which no real input is; they would make the benchmark measure ropes.)
  return JSON.parse(JSON.stringify(out)) as string[];
}
