/**
 * pkcs11js (the pinned 2.1.7) loaded through its native binding, without its JavaScript layer.
 *
 * pkcs11js's index.js ends with `module.exports = { ...binding, PKCS11 }`: the spread copies the binding's
 * 656 constants into a new object one hidden-class transition at a time (4 to 7 ms and a garbage collection
 * at start-up), and its PKCS11 constructor wraps every C_ method of every instance. For a one-shot
 * `hsm-cli sign` that is about a quarter of the time the CLI adds to Node's own start-up
 * (`npm run bench`, figure cli.sign-one-shot). So this module requires the same native binding index.js
 * requires (build/Release/pkcs11.node) and puts back, once on the prototype, what index.js adds on top of
 * it, so the API is the one pkcs11js documents (index.d.ts):
 *  - output methods (C_Sign, C_Encrypt, C_WrapKey...) return the output buffer cut to the length the
 *    module reported, where the binding returns the length;
 *  - the *Async methods (promises) and the callback forms, from the binding's *Callback methods;
 *  - C_FindObjects(session) without a count returns one handle or null;
 *  - CKA_START_DATE/CKA_END_DATE accept a Date (handed one, the bare binding aborts the process).
 * Errors are the binding's own: an Error whose message is `CKR_NAME:decimal` (token.ts keeps only the
 * number), or a TypeError for a bad argument. index.js turns the first into a Pkcs11Error with the same
 * text and code, so Pkcs11Error and NativeError are the two exports this module does not have.
 *
 * tests/cli run every command through it against SoftHSM2, and tests/cli/pkcs11js.test.ts compares it
 * with pkcs11js's index.js call by call.
 */
import type * as Pkcs11js from 'pkcs11js';

/** What `hsm-cli` uses of pkcs11js: everything but the two error classes (see above). */
export type Pkcs11Module = Omit<typeof Pkcs11js, 'Pkcs11Error' | 'NativeError'>;

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Callback = (error: Error | null, value?: unknown) => void;

/**
 * The methods index.js adapts, as it does: the position of the output buffer (cut to the returned
 * length) and of the callback (the *Callback method; the *Async method is its promise).
 */
const ADAPTED: Record<string, { output?: number; callback?: number }> = {
  C_Digest: { output: 2, callback: 3 },
  C_Sign: { output: 2, callback: 3 },
  C_Encrypt: { output: 2, callback: 3 },
  C_Decrypt: { output: 2, callback: 3 },
  C_DigestFinal: { output: 1, callback: 2 },
  C_SignFinal: { output: 1, callback: 2 },
  C_EncryptFinal: { output: 1, callback: 2 },
  C_DecryptFinal: { output: 1, callback: 2 },
  C_EncryptUpdate: { output: 2 },
  C_DecryptUpdate: { output: 2 },
  C_SignRecover: { output: 2 },
  C_VerifyRecover: { output: 2 },
  C_Verify: { callback: 3 },
  C_GenerateKey: { callback: 3 },
  C_VerifyFinal: { callback: 2 },
  C_GenerateKeyPair: { callback: 4 },
  C_DeriveKey: { callback: 4 },
  C_WrapKey: { output: 4, callback: 5 },
  C_UnwrapKey: { callback: 5 },
  C_DigestEncryptUpdate: { output: 2, callback: 3 },
  C_DecryptDigestUpdate: { output: 2, callback: 3 },
  C_SignEncryptUpdate: { output: 2, callback: 3 },
  C_DecryptVerifyUpdate: { output: 2, callback: 3 },
};

/** The methods whose template may hold a Date for CKA_START_DATE/CKA_END_DATE, and the template's position. */
const WITH_TEMPLATE: Record<string, number> = { C_CreateObject: 1, C_CopyObject: 2, C_SetAttributeValue: 2 };

let loaded: Pkcs11Module | undefined;

/** The binding with pkcs11js's API; loaded once per process. */
export function loadNativePkcs11js(): Pkcs11Module {
  if (loaded) return loaded;
  // Where npm put pkcs11js (the ESM resolver, already warm), then the binding as index.js requires it
  // (require's cache: a process that also loads index.js shares one binding).
  const path = process.getBuiltinModule('node:url').fileURLToPath(new URL('build/Release/pkcs11.node', import.meta.resolve('pkcs11js')));
  const binding = { exports: process.getBuiltinModule('node:module').createRequire(path)(path) as Record<string, unknown> & { PKCS11: new () => object } };

  class PKCS11 extends binding.exports.PKCS11 {
    constructor(library?: string) {
      super();
      if (library) (this as unknown as { load(path: string): void }).load(library);
    }
  }
  const proto = PKCS11.prototype as unknown as Record<string, Method>;
  const native = binding.exports.PKCS11.prototype as unknown as Record<string, Method>;

  for (const [name, { output, callback }] of Object.entries(ADAPTED)) {
    const sync = native[name];
    const withCallback = native[`${name}Callback`];
    const cut = (args: unknown[], length: unknown) => (args[output!] as Buffer).subarray(0, length as number);
    /** The *Callback method with a callback that gets the cut output. */
    const viaCallback = function (this: unknown, args: unknown[], cb: Callback) {
      const call = args.slice(0, callback);
      call[callback!] = (error: Error | null, value: unknown) => (error ? cb(error) : cb(null, output === undefined ? value : cut(args, value)));
      return withCallback.apply(this, call);
    };
    proto[name] = function (this: unknown, ...args: unknown[]) {
      if (callback !== undefined && args.length > callback && typeof args[callback] === 'function') {
        return viaCallback.call(this, args, args[callback] as Callback);
      }
      const result = sync.apply(this, args);
      return output === undefined ? result : cut(args, result);
    };
    if (callback !== undefined) {
      proto[`${name}Async`] = function (this: unknown, ...args: unknown[]) {
        return new Promise((resolve, reject) => viaCallback.call(this, args, (error, value) => (error ? reject(error) : resolve(value))));
      };
    }
  }

  const findObjects = native.C_FindObjects;
  proto.C_FindObjects = function (this: unknown, ...args: unknown[]) {
    if (args.length < 2) return (findObjects.call(this, args[0], 1) as unknown[])[0] ?? null;
    return findObjects.apply(this, args);
  };

  const dates = new Set([binding.exports.CKA_START_DATE, binding.exports.CKA_END_DATE]);
  for (const [name, at] of Object.entries(WITH_TEMPLATE)) {
    const method = native[name];
    proto[name] = function (this: unknown, ...args: unknown[]) {
      const template = args[at];
      if (Array.isArray(template)) {
        for (const attribute of template as { type: unknown; value?: unknown }[]) {
          if (dates.has(attribute.type) && attribute.value instanceof Date) {
            attribute.value = Buffer.from(attribute.value.toISOString().slice(0, 10).replace(/-/g, ''));
          }
        }
      }
      return method.apply(this, args);
    };
  }

  // The constants are read through the prototype chain (no copy); `for...in` lists them.
  loaded = Object.create(binding.exports, { PKCS11: { value: PKCS11, enumerable: true } }) as Pkcs11Module;
  return loaded;
}
