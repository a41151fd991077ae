/**
 * One file per hsm-cli command: `node scripts/build-cli.ts` (run by `npm ci` as the `prepare` script, and
 * by `npm test` and `npm run bench` before they run the CLI).
 *
 * Node loads each ES module on its own (resolution, read, compile-cache lookup, linking: about 0.5 ms and
 * 25 KB of young heap each), so `hsm-cli sign` from the sources loads 13 modules and its young heap fills
 * once (a 3 to 6 ms scavenge). The bundle of a command holds main.ts, the command's file and what they
 * import statically, as one module (sign: ~40 KB); `npm run bench` measures a one-shot sign 7 to 13 ms
 * faster with it, and explain-error ~10 ms.
 *
 * The bundles are a cache of the sources, never a second program:
 *  - they go to node_modules/.cache/hsm-cli/<command>.mjs (.mjs: Node need not detect the format), with
 *    <command>.json listing every source file bundled and this script (size and mtime); src/cli/bin.js runs
 *    a bundle only when all of them are unchanged and the checkout has not moved, and the sources
 *    otherwise (or with HSM_CLI_BUNDLES=0);
 *  - `import.meta.url` (and .filename, .dirname) in a bundled file is that file's own source location, so
 *    every path computed from it (package.json, content/, similar.ts) is the one the sources compute
 *    (import.meta.resolve('pkcs11js') from the cache folder finds the same node_modules/pkcs11js);
 *  - what the sources load lazily (help, explanations, the prompt, the command list) stays a lazy import
 *    of the source file, and errors.ts and exit-codes.ts are imported from their source files too: their
 *    classes and objects cross between bundled and lazily loaded code (`instanceof CkrFailure`), so there
 *    is one copy of each. Bundled lazy imports: pkcs11js.ts (every token command needs it) and those in
 *    the command's own file (explain-error's explain.ts: what it always runs). npm packages stay imports.
 *    A module both bundled and reached from a lazily loaded one (options.ts, args.ts, urls.ts via help.ts)
 *    exists twice in such a run, so those hold no state and are compared by value (help.ts groups the
 *    token options with isDeepStrictEqual, not by identity).
 * tests/cli/bundle.test.ts checks the bundles behave as the sources and are used only while fresh.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { COMMANDS } from '../src/cli/commands/index.ts';

export const ROOT = resolve(import.meta.dirname, '..');
export const BUNDLE_DIR = join(ROOT, 'node_modules', '.cache', 'hsm-cli');
const CLI = join(ROOT, 'src', 'cli');
/** Imported from their source files by every bundle (one copy of their classes and objects). */
const SHARED = new Set([join(CLI, 'errors.ts'), join(CLI, 'exit-codes.ts')]);
/** A lazy import that is bundled anyway: every token command loads pkcs11js. */
const BUNDLED_LAZY = new Set([join(CLI, 'pkcs11js.ts')]);

/** What bin.js reads next to each bundle. */
export interface BundleManifest {
  /** The checkout (file URL of the repository, with a trailing slash) the bundle was built in. */
  root: string;
  /** Each bundled source and scripts/build-cli.ts, relative to root: [mtimeMs, size]. */
  inputs: Record<string, [number, number]>;
}

/** `entry`: the command's own file, whose lazy imports are what the command runs (explain-error's explain.ts). */
const sourceUrls = (entry: string): Plugin => ({
  name: 'hsm-cli-sources',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      const lazy = args.kind === 'dynamic-import' && !BUNDLED_LAZY.has(path) && args.importer !== entry;
      if (lazy || SHARED.has(path)) {
        return { path: pathToFileURL(path).href, external: true };
      }
      return undefined;
    });
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(args.path, 'utf8');
      const own: Record<string, string> = { url: pathToFileURL(args.path).href, filename: args.path, dirname: dirname(args.path) };
      return { contents: text.replace(/\bimport\.meta\.(url|filename|dirname)\b/g, (_, key: string) => JSON.stringify(own[key])), loader: 'ts' };
    });
  },
});

const ENTRY_NAME = (name: string) => `hsm-cli-${name}-entry.ts`;

async function bundle(name: string): Promise<void> {
  const entry = join(CLI, 'commands', `${name}.ts`);
  const result = await build({
    stdin: {
      contents: `export { main } from ${JSON.stringify(join(CLI, 'main.ts'))};\nexport { default as command } from ${JSON.stringify(entry)};\n`,
      resolveDir: CLI,
      sourcefile: ENTRY_NAME(name),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    outfile: join(BUNDLE_DIR, `${name}.mjs`),
    banner: { js: `// hsm-cli ${name}: built by scripts/build-cli.ts from src/cli (a cache: bin.js checks ${name}.json)` },
    absWorkingDir: ROOT,
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceUrls(entry)],
  });
  const inputs: BundleManifest['inputs'] = {};
  // Every bundled source, and this script: a bundle made by an older build-cli.ts is stale too.
  for (const input of [...Object.keys(result.metafile.inputs), import.meta.filename]) {
    if (input.endsWith(ENTRY_NAME(name))) continue; // the virtual entry
    const path = resolve(ROOT, input);
    const stat = statSync(path);
    inputs[relative(ROOT, path)] = [stat.mtimeMs, stat.size];
  }
  const manifest: BundleManifest = { root: pathToFileURL(ROOT + '/').href, inputs };
  writeFileSync(join(BUNDLE_DIR, `${name}.json`), `${JSON.stringify(manifest, null, 1)}\n`);
}

/** Builds every command's bundle; returns the command names. */
export async function buildCliBundles(): Promise<string[]> {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const names = COMMANDS.map((c) => c.name);
  await Promise.all(names.map(bundle));
  return names;
}

if (import.meta.main) {
  const started = performance.now();
  const names = await buildCliBundles();
  console.log(`hsm-cli: ${names.length} command bundles in ${relative(ROOT, BUNDLE_DIR)}/ (${Math.round(performance.now() - started)} ms)`);
}
