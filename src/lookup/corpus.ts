/**
 * A deterministic corpus of distinct, realistic lookup inputs: every form people paste into the lookup
 * box or give to `hsm-cli explain-error`, in plausible proportions. The benchmark and the tests use it.
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
const title = (name: string): string => bare(name).split('_').map((w) => w[0] + w.slice(1).toLowerCase()).join(' ');

/** Values people meet that are not current codes (see content/ckr-historical.tsv). */
const HISTORICAL_VALUES = [0x04, 0x1a, 0x52, 0x61, 0x80, 0x81, 0xb2, 0x1c0, 0x1c1, 0x1c2, 0x1c3, 0x1c4];
const HISTORICAL_NAMES = ['CKR_COPY_PROHIBITED', 'CKR_FUNCTION_PARALLEL', 'CKR_FLAGS_INVALID', 'CKR_KEY_SENSITIVE'];
const UNASSIGNED = [0x0c, 0x43, 0x111, 0x300, 0x1ba, 0x7fff, 0x1000, 0x20a];
const WORDS = [
  'pin', 'session', 'key handle', 'wrong pin', 'pin locked', 'token', 'signature', 'template', 'mutex', 'user not logged in',
  'pin expired', 'session closed', 'token not present', 'key size', 'buffer too small', 'mechanism invalid', 'login',
  'attribute sensitive', 'data len', 'device removed', 'not initialized', 'already logged in', 'read only', 'wrapped key',
  'operation active', 'object handle', 'slot id', 'random', 'locked', 'unextractable',
];
const JUNK = [
  'hello world',
  '<script>alert(1)</script>',
  'NullPointerException at Foo.java:88',
  'lorem ipsum dolor sit amet',
  '\u202eCKR_PIN_INCORRECT\u202c',
  'Segmentation fault (core dumped)',
  '???',
  'permission denied',
  'connection refused',
];
const FUNCS = ['C_Login', 'C_Sign', 'C_OpenSession', 'C_FindObjectsInit', 'C_GenerateKeyPair', 'C_Decrypt', 'C_InitToken'];
const RUST_FN = ['Login', 'Sign', 'OpenSession', 'FindObjectsInit', 'GenerateKeyPair', 'Decrypt', 'InitToken'];
const OPS = ['sign', 'decrypt', 'login', 'load private key', 'derive'];
const P11KIT_MODULES = ['opensc-pkcs11', 'softhsm2', 'libykcs11', 'tpm2_pkcs11', 'p11-kit-trust'];
const P11KIT_DOING = ["couldn't log in", "couldn't initialize module", "couldn't open session", 'signing failed'];
const P11KIT_MESSAGES = [
  'The password or PIN is incorrect',
  'The password or PIN is locked',
  'The device was removed or unplugged',
  'Another operation is already taking place',
  'The session is invalid',
  'No user has logged in',
];

const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)];
const int = (n: number, rnd: () => number): number => Math.floor(rnd() * n);
const two = (n: number): string => String(n).padStart(2, '0');
const time = (rnd: () => number): string => `2024-05-${two(1 + int(28, rnd))}T${two(int(24, rnd))}:${two(int(60, rnd))}:${two(int(60, rnd))}Z`;

/**
 * How a short input arrives: as typed, or with what a copy from a terminal, a log or a chat brings
 * along (a newline, spaces, quotes, a trailing full stop). The lookup trims and unwraps all of these.
 */
const PASTE: readonly ((s: string) => string)[] = [
  (s) => s, (s) => s, (s) => s,
  (s) => s + '\n', (s) => s + ' ', (s) => ' ' + s, (s) => '  ' + s + '  ', (s) => s + '\r\n', (s) => '\t' + s,
  (s) => '"' + s + '"', (s) => "'" + s + "'", (s) => '`' + s + '`', (s) => '(' + s + ')', (s) => s + '.', (s) => s + ',',
];
const paste = (s: string, rnd: () => number): string => pick(PASTE, rnd)(s);

/** Introduce one realistic typo: drop, double, swap or replace a letter (never in the CKR_ prefix). */
function typo(name: string, rnd: () => number): string {
  const from = /^ckr_/i.test(name) ? 4 : 0;
  const i = from + Math.floor(rnd() * (name.length - from - 1));
  const kind = Math.floor(rnd() * 4);
  if (kind === 0) return name.slice(0, i) + name.slice(i + 1);
  if (kind === 1) return name.slice(0, i) + name[i] + name.slice(i);
  if (kind === 2 && name[i + 1] !== '_' && name[i] !== '_' && name[i + 1] !== ' ' && name[i] !== ' ') {
    return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
  }
  const letters = name === name.toLowerCase() ? 'abcdefghijklmnoprstu' : 'ABCDEFGHIJKLMNOPRSTU';
  const c = name[i] === '_' || name[i] === ' ' ? name[i] : letters[Math.floor(rnd() * letters.length)];
  return name.slice(0, i) + c + name.slice(i + 1);
}

type Form = (c: CorpusCode, rnd: () => number) => string;

/** [weight, generator]: weights are rough shares of what people really paste (they sum to 100). */
const FORMS: readonly (readonly [number, Form])[] = [
  // names, in every spelling people type (30)
  [8, (c, r) => paste(c.name, r)],
  [2, (c, r) => paste(bare(c.name), r)],
  [3, (c, r) => paste(c.name.toLowerCase(), r)],
  [2, (c, r) => paste(bare(c.name).toLowerCase(), r)],
  [3, (c, r) => paste(bare(c.name).toLowerCase().replace(/_/g, ' '), r)],
  [1, (c, r) => paste(r() < 0.5 ? title(c.name) : bare(c.name).replace(/_/g, ' '), r)],
  [2, (c, r) => paste(pick([bare(c.name), bare(c.name).toLowerCase(), c.name.toLowerCase()], r).replace(/_/g, '-'), r)],
  [4, (c, r) => paste(camel(c.name), r)],
  [5, (c, r) => paste(typo(pick([c.name, c.name, c.name, c.name.toLowerCase(), bare(c.name).toLowerCase().replace(/_/g, ' ')], r), r), r)],
  // numbers, in every spelling tools print (26)
  [4, (c, r) => paste('0x' + hex(c.value), r)],
  [3, (c, r) => paste(pick(['0x', '0X'], r) + HEX(c.value), r)],
  [5, (c, r) => paste('0x' + (r() < 0.5 ? pad8(HEX(c.value)) : pad8(hex(c.value))), r)],
  [3, (c, r) => paste(r() < 0.5 ? HEX(c.value) : hex(c.value), r)],
  [2, (c, r) => paste(r() < 0.5 ? pad8(HEX(c.value)) : pad8(hex(c.value)), r)],
  [2, (c, r) => paste(pick(['0' + HEX(c.value) + 'h', HEX(c.value) + 'h', '0' + hex(c.value) + 'h'], r), r)],
  [7, (c, r) => paste(String(c.value), r)],
  // vendor values, signed printing (4)
  [2, (_, r) => '0x8000' + pad8(HEX(Math.floor(r() * 0x1000))).slice(4)],
  [2, (_, r) => String((0x80000000 + Math.floor(r() * 0x1000)) | 0)],
  // error lines of real stacks, with the times, ids, functions and line numbers they carry (34)
  [3, (c, r) => 'Error: ' + c.name + ':' + c.value + (r() < 0.5 ? '' : '\n    at Object.' + pick(FUNCS, r) + ' (/srv/app/hsm.js:' + (10 + int(400, r)) + ':' + int(40, r) + ')')],
  [2, (c, r) => 'Pkcs11Error: ' + c.name + (r() < 0.5 ? '' : '\n    at PKCS11.' + pick(FUNCS, r) + ' (native)')],
  [3, (c, r) => 'sun.security.pkcs11.wrapper.PKCS11Exception: ' + c.name + (r() < 0.4 ? '' : '\n\tat sun.security.pkcs11.wrapper.PKCS11.' + pick(FUNCS, r) + '(Native Method)')],
  [1, (c, r) => 'java.security.ProviderException: Initialization failed\n\tat sun.security.pkcs11.SunPKCS11.initToken(SunPKCS11.java:' + (900 + int(600, r)) + ')\nCaused by: sun.security.pkcs11.wrapper.PKCS11Exception: ' + c.name],
  [1, (c, r) => (r() < 0.5 ? '' : time(r) + ' ERROR ') + 'PKCS11Exception: 0x' + pad8(hex(c.value))],
  [3, (c, r) => (r() < 0.3 ? '' : '2024/05/' + two(1 + int(28, r)) + ' ' + two(int(24, r)) + ':' + two(int(60, r)) + ':' + two(int(60, r)) + ' ') + 'pkcs11: 0x' + HEX(c.value) + ': ' + c.name],
  [3, (c, r) => 'Pkcs11(' + camel(c.name) + ', ' + pick(RUST_FN, r) + ')'],
  [1, (c, r) => 'Error::Pkcs11(RvError::' + camel(c.name) + ', Function::' + pick(RUST_FN, r) + ')'],
  [2, (c, r) => (r() < 0.3 ? '' : 'Traceback (most recent call last):\n  File "sign.py", line ' + (5 + int(200, r)) + ', in <module>\n') + 'pkcs11.exceptions.' + camel(c.name)],
  [3, (c, r) => 'error: PKCS11 function ' + pick(FUNCS, r) + ' failed: rv = ' + c.name + ' (0x' + hex(c.value) + ')'],
  [1, (c, r) => 'p11-kit: ' + pick(FUNCS, r) + ' returned rv 0x' + hex(c.value)],
  [1, (_, r) => 'p11-kit: ' + pick(P11KIT_MODULES, r) + ': ' + pick(P11KIT_DOING, r) + ': ' + pick(P11KIT_MESSAGES, r)],
  [1, (c, r) => 'PKCS11_get_private_key returned NULL\nerror:4100' + pad8(HEX(int(0x10000, r))).slice(4) + ':PKCS#11 module::' + c.name],
  [1, (c, r) => 'engine pkcs11: ' + pick(OPS, r) + ' failed rv=0x' + (r() < 0.5 ? pad8(HEX(c.value)) : hex(c.value))],
  [1, (c, r) => time(r) + ' [pid ' + (100 + int(60000, r)) + '] ' + pick(FUNCS, r) + ' = ' + c.name],
  // the rest (6)
  [1, (_, r) => paste(pick(['0x', '0X'], r) + pick([HEX, hex], r)(pick(HISTORICAL_VALUES, r)), r)],
  [1, (_, r) => paste(pick(HISTORICAL_NAMES, r), r)],
  [1, (_, r) => paste('0x' + pick([HEX, hex], r)(pick(UNASSIGNED, r)), r)],
  [2, (_, r) => paste(pick(WORDS, r), r)],
  [1, (_, r) => (r() < 0.3 ? time(r) + ' [' + (100 + int(60000, r)) + '] C_Login failed at line ' + (10 + int(900, r)) : paste(pick(JUNK, r), r))],
];

const TOTAL_WEIGHT = FORMS.reduce((n, [w]) => n + w, 0);
/** Draws of one form before it is taken as used up and another form is rolled. */
const TRIES = 8;

/**
 * `n` distinct, realistic lookup inputs over `codes` (names in every spelling, every hex and decimal
 * spelling, vendor values, signed decimals, typos, CamelCase, error lines of pkcs11js, SunPKCS11,
 * miekg/pkcs11, cryptoki, python-pkcs11, pkcs11-tool, p11-kit and OpenSSL, historical and
 * unassigned values, words, junk), each form in about the share of its weight.
 *
 * No input repeats: a repeated input would measure a cache, not the lookup (with ~106 codes, the
 * short forms only stay distinct through what pasting adds: spaces, a newline, quotes). When a form
 * keeps giving inputs already drawn (TRIES times), another form is rolled, so forms with few
 * distinct inputs (the four historical names) end up below their weight on large corpora.
 */
export function mixedCorpus(codes: readonly CorpusCode[], n: number, seed = 0x5eed): string[] {
  const rnd = seededRandom(seed);
  const usable = codes.filter((c) => c.value >= 0 && c.value < 0x80000000);
  const out: string[] = [];
  if (usable.length === 0) return out;
  const seen = new Set<string>();
  for (let rolls = 0; out.length < n && rolls < n * 50; rolls++) {
    let roll = rnd() * TOTAL_WEIGHT;
    let form = FORMS[FORMS.length - 1][1];
    for (const [w, f] of FORMS) {
      if (roll < w) { form = f; break; }
      roll -= w;
    }
    for (let t = 0; t < TRIES; t++) {
      const s = form(pick(usable, rnd), rnd);
      if (!seen.has(s)) {
        seen.add(s);
        out.push(s);
        break;
      }
    }
  }
  // Fresh flat strings, like inputs read from argv, a file or a form field. (Strings built with `+`
  // are rope strings in V8, which no real input is; they would make the benchmark measure ropes.)
  return JSON.parse(JSON.stringify(out)) as string[];
}
