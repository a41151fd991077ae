/**
 * The site's one load of the reference: parse, validate (including hsm-cli command lines against the
 * CLI's definitions), and build the registry. Memoised for the build; throws ReferenceError with every
 * diagnostic when content/ has an error, which fails the build.
 */
import { loadReference, ReferenceError, type LoadedReference } from '../reference/load.ts';
import { checkCommandLine } from '../cli/commands/index.ts';
import { siteConfig } from '../site-config.ts';

let loaded: LoadedReference | undefined;

export function siteReference(): LoadedReference {
  if (loaded) return loaded;
  const result = loadReference({ contentDir: siteConfig.contentDir, checkCommandLine });
  if (result.diagnostics.some((d) => d.severity === 'error')) throw new ReferenceError(result.diagnostics);
  loaded = result;
  return result;
}
