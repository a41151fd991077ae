/**
 * Reads the reference and the spec tables from a content directory and runs the whole pipeline:
 * parse -> validate -> registry. The site's content loaders, `npm run validate` and the CLI's cache
 * all come through here.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseReference } from './parse.ts';
import { validateReference, type SpecTables, type ValidateOptions } from './validate.ts';
import { parseFunctionTable, parseHistoricalValues, parseSpecValues } from './values.ts';
import { buildRegistry } from './registry.ts';
import type { Diagnostic, ParsedReference, Registry } from './types.ts';

export function loadSpecTables(contentDir: string): SpecTables {
  const values = parseSpecValues(readFileSync(join(contentDir, 'ckr-values.tsv'), 'utf8'));
  const historical = parseHistoricalValues(
    readFileSync(join(contentDir, 'ckr-historical.tsv'), 'utf8'),
    new Set(values.map((v) => v.name)),
  );
  const functions = parseFunctionTable(readFileSync(join(contentDir, 'ckr-functions.tsv'), 'utf8'));
  return { values, historical, functions };
}

export interface LoadedReference {
  parsed: ParsedReference;
  diagnostics: Diagnostic[];
  registry: Registry;
  spec: SpecTables;
}

export interface LoadOptions extends ValidateOptions {
  contentDir: string;
  /** The reference file; defaults to <contentDir>/ckr-reference.md. */
  file?: string;
}

export function loadReference({ contentDir, file, ...options }: LoadOptions): LoadedReference {
  const path = resolve(file ?? join(contentDir, 'ckr-reference.md'));
  const spec = loadSpecTables(contentDir);
  const parsed = parseReference(readFileSync(path, 'utf8'), path);
  const diagnostics = validateReference(parsed, spec, options);
  return { parsed, diagnostics, registry: buildRegistry(parsed, spec), spec };
}

/** Thrown by the build when the reference has errors: its message lists them all, file:line first. */
export class ReferenceError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      `The reference has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n` +
        errors.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'),
    );
    this.name = 'ReferenceError';
    this.diagnostics = diagnostics;
  }
}
