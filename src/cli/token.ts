/**
 * The only module that calls pkcs11js (pkcs11js.ts loads it). It loads the PKCS#11 module, finds the token (by label: SoftHSM2
 * renumbers slots when a token is initialized), opens the session, logs in, runs the command's body and
 * always logs out, closes and finalizes.
 *
 * Every pkcs11js call goes through one wrapper (`guard`) that knows the PKCS#11 function name and turns
 * a failure into a CkrFailure { fn, value }. pkcs11js's binding throws an Error whose message is
 * `CKR_NAME:decimal` (its index.js, which tests inject, makes most of them a Pkcs11Error with a numeric
 * `code`); it only knows 2.40 names. So only the number is kept, and the name comes from our own table
 * (explain.ts), never from pkcs11js.
 *
 * pkcs11js is loaded on first use through a factory (pkcs11js.ts: its native binding with the API of its
 * index.js, without that file's start-up cost), so importing this file (or any command definition) does
 * not load it, and tests can pass a factory that wraps it to inject failures.
 */
import type { Handle, Mechanism, PKCS11, SlotInfo, Template, TokenInfo } from 'pkcs11js';
import type { RunContext } from './definition.ts';
import { CkrFailure, CliError } from './errors.ts';
import { readPin } from './pin.ts';
import { ATTRIBUTES, decodeAttribute, ulong, type AttributeValue } from './attributes.ts';
import type { Pkcs11Module } from './pkcs11js.ts';

export type Pkcs11Factory = () => Promise<Pkcs11Module>;
export type { Handle, Mechanism, Pkcs11Module, Template, TokenInfo };

export const loadPkcs11js: Pkcs11Factory = async () => (await import('./pkcs11js.ts')).loadNativePkcs11js();

const CKR_IN_MESSAGE = /\b(CKR_[A-Z0-9_]+):(\d+)/;

/** A pkcs11js exception as a CkrFailure (only the number is trusted); anything else is returned as is. */
export function toCkrFailure(error: unknown, fn: string): unknown {
  if (error instanceof CkrFailure || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (error.name === 'Pkcs11Error' && typeof code === 'number' && code > 0) return new CkrFailure(fn, code);
  const match = CKR_IN_MESSAGE.exec(error.message) ?? CKR_IN_MESSAGE.exec(error.stack ?? '');
  return match ? new CkrFailure(fn, Number(match[2])) : error;
}

/**
 * The one wrapper: every C_* method (sync, or the *Async variants) fails with a CkrFailure naming it.
 * An object over `raw` with one plain function per method (no Proxy: a signing loop makes two calls per
 * signature, and a Proxy trap on each would cost more than the wrapper itself); the method is looked up
 * on `raw` at each call, so it always runs what `raw` holds. Other methods (load, close) run on `raw`.
 */
function guard(raw: PKCS11): PKCS11 {
  const target = raw as unknown as Record<string, (...args: unknown[]) => unknown>;
  const guarded = Object.create(raw) as object;
  // defineProperty: the binding's prototype methods are read-only, so plain assignment would throw.
  const define = (key: string, value: (...args: unknown[]) => unknown) => Object.defineProperty(guarded, key, { value, writable: true, configurable: true });
  const names = new Set<string>();
  for (let o: object | null = raw; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) if (name !== 'constructor' && typeof target[name] === 'function') names.add(name);
  }
  for (const key of names) {
    if (!key.startsWith('C_')) {
      define(key, (...args: unknown[]) => target[key](...args));
      continue;
    }
    const fn = key.replace(/Async$/, '');
    define(key, (...args: unknown[]) => {
      try {
        const result = target[key](...args);
        return result instanceof Promise ? result.catch((e: unknown) => Promise.reject(toCkrFailure(e, fn))) : result;
      } catch (e) {
        throw toCkrFailure(e, fn);
      }
    });
  }
  return guarded as unknown as PKCS11;
}

export interface SlotSummary {
  id: number;
  description: string;
  manufacturer: string;
  tokenPresent: boolean;
  token?: TokenInfo;
}

/** A blank-padded CK_UTF8CHAR field (label, serial...) without its padding. */
export const unpadded = (text: string): string => text.replace(/[\s\0]+$/, '');

/** An open library (and, inside withToken, a token, a session and a login). */
export class Token {
  readonly C: Pkcs11Module;
  readonly p11: PKCS11;
  readonly modulePath: string;
  readonly #raw: PKCS11;
  slot: Handle | undefined;
  info: TokenInfo | undefined;
  session: Handle | undefined;
  #initialized = false;
  #loggedIn = false;
  #created: Handle[] = [];
  #names = new Map<string, Map<number, string>>();

  constructor(C: Pkcs11Module, raw: PKCS11, modulePath: string) {
    this.C = C;
    this.#raw = raw;
    this.p11 = guard(raw);
    this.modulePath = modulePath;
  }

  initialize(): void {
    try {
      // OS locking: key generation runs on a worker thread (the *Async calls) while the spinner turns.
      this.p11.C_Initialize({ flags: this.C.CKF_OS_LOCKING_OK });
      this.#initialized = true;
    } catch (e) {
      // A host process (or a test) already initialized the library: use it, and leave it initialized.
      if (!(e instanceof CkrFailure && e.value === this.C.CKR_CRYPTOKI_ALREADY_INITIALIZED)) throw e;
    }
  }

  /**
   * C_Finalize + C_Initialize: the module re-reads its tokens. SoftHSM2 only shows an initialized token
   * under its new slot ID after this.
   */
  reinitialize(): void {
    if (!this.#initialized) return; // not ours to finalize
    this.p11.C_Finalize();
    this.p11.C_Initialize({ flags: this.C.CKF_OS_LOCKING_OK });
  }

  /** The slot ID as a number (handles are CK_ULONG buffers). */
  slotId(handle: Handle | undefined = this.slot): number {
    if (!handle) return -1;
    return handle.length >= 8 ? Number(handle.readBigUInt64LE(0)) : handle.readUInt32LE(0);
  }

  slotHandle(id: number): Handle {
    const handle = Buffer.alloc(8);
    handle.writeBigUInt64LE(BigInt(id));
    return handle;
  }

  slots(tokenPresent = false): SlotSummary[] {
    return this.p11.C_GetSlotList(tokenPresent).map((handle) => {
      const info: SlotInfo = this.p11.C_GetSlotInfo(handle);
      const present = (info.flags & (this.constant('CKF_TOKEN_PRESENT') ?? 1)) !== 0;
      return {
        id: this.slotId(handle),
        description: unpadded(info.slotDescription),
        manufacturer: unpadded(info.manufacturerID),
        tokenPresent: present,
        ...(present ? { token: this.p11.C_GetTokenInfo(handle) } : {}),
      };
    });
  }

  /** Picks the token: --slot wins (the module judges the ID), else the first token whose label matches. */
  select(label: string | undefined, slot: number | undefined): void {
    if (slot !== undefined) {
      const handle = this.slotHandle(slot);
      const info = this.p11.C_GetTokenInfo(handle);
      if (label !== undefined && unpadded(info.label) !== label) {
        throw new CliError('ENVIRONMENT', `slot ${slot} holds token "${unpadded(info.label)}", not "${label}"`, 'drop --slot: tokens are found by label');
      }
      this.slot = handle;
      this.info = info;
      return;
    }
    if (label === undefined) {
      throw new CliError('USAGE', 'no token given', 'pass --label <token label> (or --slot <id>); `hsm-cli list-slots` lists them');
    }
    const labels: string[] = [];
    for (const handle of this.p11.C_GetSlotList(true)) {
      const info = this.p11.C_GetTokenInfo(handle);
      if (unpadded(info.label) === label) {
        this.slot = handle;
        this.info = info;
        return;
      }
      if ((info.flags & this.C.CKF_TOKEN_INITIALIZED) !== 0) labels.push(`"${unpadded(info.label)}"`);
    }
    throw new CliError(
      'ENVIRONMENT',
      `no token labelled "${label}" in ${this.modulePath}`,
      labels.length ? `tokens present: ${labels.join(', ')} (hsm-cli list-slots)` : 'no initialized token: create one with hsm-cli init-token',
    );
  }

  get label(): string | undefined {
    return this.info ? unpadded(this.info.label) : undefined;
  }

  open(readWrite: boolean): void {
    if (!this.slot) throw new Error('open() before select()');
    this.session = this.p11.C_OpenSession(this.slot, this.C.CKF_SERIAL_SESSION | (readWrite ? this.C.CKF_RW_SESSION : 0));
  }

  login(user: 'user' | 'so', pin: string): void {
    this.p11.C_Login(this.sessionHandle, user === 'so' ? this.C.CKU_SO : this.C.CKU_USER, pin);
    this.#loggedIn = true;
  }

  logout(): void {
    if (!this.#loggedIn) return;
    this.#loggedIn = false;
    this.p11.C_Logout(this.sessionHandle);
  }

  get sessionHandle(): Handle {
    if (!this.session) throw new Error('no session open');
    return this.session;
  }

  /** Objects this command created: destroyed if the command fails later on. */
  track(...handles: Handle[]): void {
    this.#created.push(...handles);
  }

  /** Best effort: destroy what this command created (the original failure is what gets reported). */
  rollback(): void {
    for (const handle of this.#created.splice(0).reverse()) {
      try {
        this.p11.C_DestroyObject(this.sessionHandle, handle);
      } catch {
        // keep destroying the rest
      }
    }
  }

  /** Logout, close the session, finalize (if we initialized) and unload. Never throws. */
  close(): void {
    const steps = [
      () => this.logout(),
      () => this.session && this.p11.C_CloseSession(this.session),
      () => this.#initialized && this.p11.C_Finalize(),
      () => this.#initialized && this.#raw.close(),
    ];
    for (const step of steps) {
      try {
        step();
      } catch {
        // cleanup must not hide the command's own result or failure
      }
    }
    this.session = undefined;
  }

  /** All objects matching a template (C_FindObjectsInit/C_FindObjects/C_FindObjectsFinal). */
  find(template: Template): Handle[] {
    const session = this.sessionHandle;
    this.p11.C_FindObjectsInit(session, template);
    try {
      const found: Handle[] = [];
      for (;;) {
        const batch = this.p11.C_FindObjects(session, 64);
        if (batch.length === 0) return found;
        found.push(...batch);
      }
    } finally {
      this.p11.C_FindObjectsFinal(session);
    }
  }

  /** The first key labelled `label` of the first class (in order) that has one; a clear error if none. */
  findKey(label: string, classes: readonly ('private' | 'public' | 'secret')[]): { handle: Handle; class: string } {
    for (const cls of classes) {
      const [handle] = this.find([
        { type: this.C.CKA_CLASS, value: this.objectClass(cls) },
        { type: this.C.CKA_LABEL, value: label },
      ]);
      if (handle) return { handle, class: cls };
    }
    throw new CliError(
      'ENVIRONMENT',
      `no ${classes.join(' or ')} key labelled "${label}" on token "${this.label}"`,
      `hsm-cli find-key --label ${this.label} --key-label ${label} --show-similar`,
    );
  }

  objectClass(cls: 'private' | 'public' | 'secret'): number {
    return { private: this.C.CKO_PRIVATE_KEY, public: this.C.CKO_PUBLIC_KEY, secret: this.C.CKO_SECRET_KEY }[cls];
  }

  /**
   * Readable attributes of an object, decoded, by CKA name. One call for all; when the token refuses one
   * (sensitive, unknown to it), each is read alone and the refused ones are left out.
   */
  attributes(handle: Handle, names: readonly string[] = ATTRIBUTES.map((a) => a.name)): Record<string, AttributeValue> {
    const specs = ATTRIBUTES.filter((a) => names.includes(a.name) && typeof this.C[a.name as keyof Pkcs11Module] === 'number');
    const type = (name: string) => this.C[name as keyof Pkcs11Module] as number;
    const read = (list: typeof specs) =>
      this.p11.C_GetAttributeValue(this.sessionHandle, handle, list.map((a) => ({ type: type(a.name) })));
    const result: Record<string, AttributeValue> = {};
    const keep = (spec: (typeof specs)[number], raw: unknown) => {
      if (raw !== undefined) result[spec.name] = decodeAttribute(spec.kind, raw, this);
    };
    try {
      read(specs).forEach((attribute, i) => keep(specs[i], attribute.value));
    } catch {
      for (const spec of specs) {
        try {
          keep(spec, read([spec])[0]?.value);
        } catch (e) {
          // Refused (sensitive, unknown type): left out. An empty CK_DATE makes pkcs11js throw a TypeError.
          if (e instanceof CkrFailure) continue;
          if (spec.kind === 'date') result[spec.name] = '';
          else throw e;
        }
      }
    }
    return result;
  }

  /** A CK_ULONG attribute as a number (CKA_KEY_TYPE, CKA_CLASS...). */
  number(handle: Handle, name: 'CKA_KEY_TYPE' | 'CKA_CLASS' | 'CKA_MODULUS_BITS' | 'CKA_VALUE_LEN'): number {
    const [attribute] = this.p11.C_GetAttributeValue(this.sessionHandle, handle, [{ type: this.C[name] }]);
    const value = attribute?.value;
    return Buffer.isBuffer(value) ? ulong(value) : Number(value);
  }

  /** The constant name for a value (`CKO_`, `CKK_`, `CKM_`, `CKF_`...), or its hex when unknown. */
  name(prefix: string, value: number): string {
    let table = this.#names.get(prefix);
    if (!table) {
      table = new Map();
      // Where pkcs11js has two names for a value (CKK_ECDSA, CKK_EC), the later one is the current spec name.
      // for...in: the constants may be inherited (pkcs11js.ts reads them from the binding, uncopied).
      const constants = this.C as unknown as Record<string, unknown>;
      for (const key in constants) if (key.startsWith(prefix) && typeof constants[key] === 'number') table.set(constants[key] as number, key);
      this.#names.set(prefix, table);
    }
    return table.get(value) ?? `0x${value.toString(16).toUpperCase()}`;
  }

  /** The value of a constant by name (`CKM_SHA256_RSA_PKCS`), or undefined when pkcs11js does not know it. */
  constant(name: string): number | undefined {
    const value = this.C[name.toUpperCase() as keyof Pkcs11Module];
    return typeof value === 'number' ? value : undefined;
  }

  /** The names of the flags set in `value`, from a list of CKF_ names (flag values overlap between structures). */
  flags(value: number, names: readonly string[]): string[] {
    return names.filter((n) => {
      const bit = this.constant(n);
      return bit !== undefined && (value & bit) !== 0;
    });
  }
}

export interface TokenRequest {
  /** Select a token by --label/--slot (default true). */
  token?: boolean;
  /** Open a session (default: read-only when a token is selected). */
  session?: 'ro' | 'rw' | false;
  /** Log in: as the user (PIN required), the SO, or the user only when a PIN was given (no prompt). */
  login?: 'user' | 'so' | 'user-if-given' | false;
}

/**
 * Loads the module, runs `body` with the token, and always cleans up. When `body` (or anything after the
 * first object it created) fails, the objects it tracked are destroyed before the failure is reported.
 */
export async function withToken<T>(ctx: RunContext, request: TokenRequest, body: (t: Token) => Promise<T> | T): Promise<T> {
  const modulePath = String(ctx.options.module);
  if (!process.getBuiltinModule('node:fs').existsSync(modulePath)) {
    throw new CliError('ENVIRONMENT', `PKCS#11 module not found: ${modulePath}`, 'pass --module <path> or set PKCS11_MODULE (Debian: apt install softhsm2)');
  }
  const C = await (ctx.pkcs11 ?? loadPkcs11js)();
  const raw = new C.PKCS11();
  try {
    raw.load(modulePath);
  } catch (e) {
    throw new CliError('ENVIRONMENT', `cannot load PKCS#11 module ${modulePath}: ${(e as Error).message}`, 'is it a PKCS#11 library for this architecture?');
  }
  const t = new Token(C, raw, modulePath);
  try {
    t.initialize();
    const { token = true, login = false } = request;
    if (token) {
      const slot = ctx.options.slot as number | undefined;
      t.select(ctx.options.label as string | undefined, slot);
      const session = request.session ?? 'ro';
      if (session) t.open(session === 'rw');
      if (login === 'user' || login === 'so') {
        if (!ctx.options['no-login']) t.login(login, await readPin(ctx, login === 'so' ? 'so-pin' : 'user-pin', t.label));
      } else if (login === 'user-if-given' && typeof ctx.options['user-pin'] === 'string') {
        t.login('user', ctx.options['user-pin']);
      }
    }
    try {
      return await body(t);
    } catch (e) {
      t.rollback();
      throw e;
    }
  } finally {
    t.close();
  }
}
