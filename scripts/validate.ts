/**
 * `npm run validate -- [file...]`: parse and validate reference files against the spec tables in
 * content/, print every diagnostic as file:line, exit 1 when there are errors.
 * Without a file, validates content/ckr-reference.md.
 */
import { relative, resolve } from 'node:path';
import { loadReference } from '../src/reference/load.ts';
import { CONTENT_DIR } from '../src/reference/registry.ts';
import { checkCommandLine } from '../src/cli/commands/index.ts';

const files = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (files.length === 0) files.push(resolve(CONTENT_DIR, 'ckr-reference.md'));

let errors = 0;
for (const file of files) {
  const { parsed, diagnostics } = loadReference({ contentDir: CONTENT_DIR, file, checkCommandLine });
  const shown = relative(process.cwd(), resolve(file)) || file;
  for (const d of diagnostics) {
    const path = d.file === resolve(file) ? shown : d.file;
    console.log(`${path}:${d.line}: ${d.severity}: ${d.message}`);
  }
  const count = diagnostics.filter((d) => d.severity === 'error').length;
  errors += count;
  console.log(
    `${shown}: ${parsed.entries.length} entries, ${parsed.contexts.length} contexts, ` +
      `${count} error${count === 1 ? '' : 's'}, ${diagnostics.length - count} warning${diagnostics.length - count === 1 ? '' : 's'}`,
  );
}
process.exitCode = errors > 0 ? 1 : 0; // not process.exit(): let piped output drain
