#!/usr/bin/env node
// hsm-cli entry point. Node runs the TypeScript sources directly (type stripping), or the command's
// bundle when one built from the current sources exists (scripts/build-cli.ts); the compile cache keeps
// start-up close to `node -e 0`.
import module from 'node:module';

module.enableCompileCache?.();
const argv = process.argv.slice(2);
const { main, command } = (await bundled(argv[0])) ?? (await import('./main.ts'));
process.exitCode = await main(argv, command ? { command } : {});

/**
 * node_modules/.cache/hsm-cli/<name>.mjs when <name>.json says it was built in this checkout from sources
 * that are all unchanged (size and mtime); undefined otherwise, and always with HSM_CLI_BUNDLES=0.
 */
async function bundled(name) {
  if (process.env.HSM_CLI_BUNDLES === '0' || !/^[a-z][a-z0-9-]*$/.test(name ?? '')) return undefined;
  const { readFileSync, statSync } = process.getBuiltinModule('node:fs');
  const root = new URL('../../', import.meta.url);
  const dir = new URL('node_modules/.cache/hsm-cli/', root);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest?.root !== root.href || typeof manifest.inputs !== 'object' || manifest.inputs === null) return undefined;
  for (const [file, entry] of Object.entries(manifest.inputs)) {
    const stat = Array.isArray(entry) ? statSync(new URL(file, root), { throwIfNoEntry: false }) : undefined;
    if (!stat || stat.mtimeMs !== entry[0] || stat.size !== entry[1]) return undefined;
  }
  return import(new URL(`${name}.mjs`, dir).href);
}
