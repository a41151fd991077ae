/**
 * 7. /codes.json: exists, parses, lists every code once with the registry's values, and each url is
 * the code page on the site's origin under the base (and that page exists).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codePath, codesJsonPath, withBase } from '../../../src/urls.ts';
import { fileAt } from '../build.ts';
import type { Check, Failure } from '../types.ts';

const FIELDS = ['value', 'hex', 'hexShort', 'decimal'] as const;

export const codesJson: Check = {
  name: 'codes.json',
  run({ build, reference }) {
    const page = withBase(build.base, codesJsonPath());
    const file = fileAt(build, page);
    if (!file) return [{ page, link: '', problem: 'missing' }];
    let json: { codes?: Record<string, unknown>[]; historical?: unknown[] };
    try {
      json = JSON.parse(readFileSync(join(build.dir, file), 'utf8'));
    } catch (error) {
      return [{ page, link: '', problem: `does not parse: ${(error as Error).message}` }];
    }
    if (!Array.isArray(json.codes)) return [{ page, link: '', problem: 'has no codes array' }];
    const failures: Failure[] = [];
    const fail = (link: string, problem: string) => failures.push({ page, link, problem });
    if (json.codes.length !== reference.expectedCodes) fail('', `has ${json.codes.length} codes, expected ${reference.expectedCodes}`);
    if (!Array.isArray(json.historical) || json.historical.length !== reference.historical) {
      fail('', `has ${Array.isArray(json.historical) ? json.historical.length : 'no'} historical values, expected ${reference.historical}`);
    }
    const byName = new Map(json.codes.map((entry) => [entry.name, entry]));
    if (byName.size !== json.codes.length) fail('', 'lists a code twice');
    for (const code of reference.codes) {
      const entry = byName.get(code.name);
      if (!entry) {
        fail(code.name, 'missing');
        continue;
      }
      for (const field of FIELDS) {
        if (entry[field] !== code[field]) fail(code.name, `${field} is ${JSON.stringify(entry[field])}, expected ${JSON.stringify(code[field])}`);
      }
      const path = withBase(build.base, codePath(code.name));
      const url = new URL(path, build.origin).href;
      if (entry.url !== url) fail(String(entry.url), `url of ${code.name} should be ${url}`);
      else if (!fileAt(build, path)) fail(String(entry.url), `url of ${code.name} has no page`);
    }
    const known = new Set(reference.codes.map((code) => code.name));
    for (const name of byName.keys()) if (!known.has(name as string)) fail(String(name), 'not a code of content/ckr-values.tsv');
    return failures;
  },
};
