/**
 * A synthetic reference of N codes for the build benchmark: the real content/ (spec tables and
 * ckr-reference.md) plus vendor-range codes 0x80000001, 0x80000002... written as full entries (meaning,
 * details, causes, solutions with a bash block, a context block, related) under
 * `## Vendor-Specific Errors`, with their rows added to ckr-values.tsv so the validator accepts them.
 *
 *   node scripts/bench/synthetic.ts <total codes> <output dir>
 *
 * The text varies from entry to entry (names, offsets, rotating sentences) so that digests, the search
 * index and gzip see distinct pages, at about the size of a real entry.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const REAL_CONTENT = join(REPO, 'content');

const CONTEXTS = ['sign', 'verify', 'encrypt', 'decrypt', 'login', 'wrap', 'unwrap', 'keygen', 'derive', 'digest', 'session', 'token-admin', 'objects', 'library', 'random'];
const VERSIONS = ['2.0', '2.20', '2.40', '3.0', '3.1'];
const SUBSYSTEMS = ['partition manager', 'cluster agent', 'key vault', 'policy engine', 'firmware loader', 'audit log', 'licence server', 'HA group', 'network client', 'quorum service', 'backup module', 'role manager'];
const LIMITS = ['object count', 'session count', 'key size', 'signing rate', 'partition storage', 'concurrent logins', 'audit buffer', 'TLS channel count'];

const CAUSES = [
  (s: string, o: string) => `The ${s} rejected the request and reported vendor offset ${o} instead of a standard code; its own log names the rule that fired`,
  (s: string, o: string) => `A ${s} setting on the appliance was changed after the client was configured, so requests that worked yesterday now fail with offset ${o}`,
  (s: string) => `The client library is older than the appliance firmware and maps a newer ${s} condition to a raw vendor value`,
  (s: string) => `A network interruption between the client and the ${s} left the request half-done; the client reports it as this vendor code`,
  (s: string, o: string) => `The partition reached a configured ${s} limit; offset ${o} is how this vendor signals that limit`,
  (s: string) => `Middleware between the application and the token (a proxy or remote-signing gateway) translated a ${s} failure into its own code`,
];

const DETAILS = [
  (name: string, o: string, s: string) =>
    `${name} is not defined by the PKCS#11 specification: it is a value the vendor chose in the range reserved for it, documented in its manual as CKR_VENDOR_DEFINED + ${o}. It comes from the ${s}, which checks every request before the cryptographic core sees it, so the operation never started and nothing on the token changed.`,
  (name: string, o: string, s: string) =>
    `Treat ${name} as a refusal by the ${s} rather than a cryptographic failure: the key and the data were not looked at. Logs that print the code as a signed 32-bit integer show a negative number; mask it with 0xFFFFFFFF to get ${o} above the vendor base back.`,
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function syntheticName(i: number): string {
  return `CKR_VENDOR_SYNTH_${pad(i, 5)}`;
}

/** One full entry for the i-th synthetic code (1-based), value 0x80000000 + i. */
export function syntheticEntry(i: number): string {
  const value = 0x80000000 + i;
  const hex = `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
  const offset = `0x${i.toString(16).toUpperCase()}`;
  const name = syntheticName(i);
  const subsystem = SUBSYSTEMS[i % SUBSYSTEMS.length];
  const limit = LIMITS[(i * 7) % LIMITS.length];
  const context = CONTEXTS[i % CONTEXTS.length];
  const causes = Array.from({ length: 3 + (i % 3) }, (_, k) => CAUSES[(i + k) % CAUSES.length](k % 2 ? limit : subsystem, offset));
  return `### ${name} (${hex}, ${value})
**Meaning**: The ${subsystem} of this vendor's HSM refused the call with its own code, offset ${offset} above CKR_VENDOR_DEFINED (synthetic entry ${i} of the build benchmark).

${DETAILS[i % DETAILS.length](name, offset, subsystem)}

When it happens during a ${context} operation, the ${limit} is the first thing to check: vendors often report a policy or quota decision with a value like this one rather than with CKR_FUNCTION_FAILED or CKR_GENERAL_ERROR.

**Common Causes**:
${causes.map((c) => `- ${c}`).join('\n')}

**Solutions**:
- Look the value up and read the vendor's manual for offset ${offset}; the client SDK headers usually name it
\`\`\`bash
# What the value is, and which library returned it
hsm-cli explain-error ${hex}
hsm-cli info

# Offset inside the vendor range, as vendors document it
printf 'CKR_VENDOR_DEFINED + 0x%X\\n' $(( ${hex} - 0x80000000 ))
grep -rni '${hex.slice(2)}' /path/to/vendor/sdk/include
\`\`\`
- Check the ${limit} of the partition in the appliance's management tool and raise it, or spread the load over another partition
- If it persists, open a support case with the code, the failing function, the time, and the client and firmware versions

**Context: ${context}**:
- Retry the ${context} operation once by hand to rule out a transient ${subsystem} state: \`hsm-cli list-slots\`
- Compare the time of the failure with the ${subsystem} log on the appliance: the vendor's own message for ${offset} is there

**Related**: CKR_VENDOR_DEFINED, CKR_GENERAL_ERROR, CKR_FUNCTION_FAILED

---

`;
}

export interface SyntheticResult {
  dir: string;
  codes: number;
  added: number;
  referenceBytes: number;
}

/** Writes a content dir with `total` codes (the real ones plus synthetic vendor codes). */
export function generateSynthetic(total: number, dir: string, source = REAL_CONTENT): SyntheticResult {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(source)) {
    if (file.endsWith('.tsv') || file.endsWith('.md')) copyFileSync(join(source, file), join(dir, file));
  }
  const valuesText = readFileSync(join(source, 'ckr-values.tsv'), 'utf8');
  const realCodes = valuesText.split(/\r?\n/).slice(1).filter((l) => l.trim() !== '').length;
  const added = total - realCodes;
  if (added < 0) throw new Error(`the real reference already has ${realCodes} codes (> ${total})`);

  const rows: string[] = [];
  const entries: string[] = [];
  for (let i = 1; i <= added; i++) {
    const value = 0x80000000 + i;
    const hex = `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
    rows.push([syntheticName(i), hex, String(value), VERSIONS[i % VERSIONS.length], 'synthetic vendor code (benchmark)', 'no'].join('\t'));
    entries.push(syntheticEntry(i));
  }
  writeFileSync(join(dir, 'ckr-values.tsv'), `${valuesText.replace(/\s*$/, '')}\n${rows.join('\n')}\n`);

  const reference = readFileSync(join(source, 'ckr-reference.md'), 'utf8');
  const marker = '\n## Context-Specific Troubleshooting';
  const at = reference.indexOf(marker);
  const vendor = reference.indexOf('\n## Vendor-Specific Errors');
  if (at < 0 || vendor < 0 || vendor > at) throw new Error('ckr-reference.md: expected "## Vendor-Specific Errors" before "## Context-Specific Troubleshooting"');
  const text = `${reference.slice(0, at).replace(/\s*$/, '')}\n\n---\n\n${entries.join('')}${reference.slice(at + 1)}`;
  writeFileSync(join(dir, 'ckr-reference.md'), text);
  return { dir, codes: realCodes + added, added, referenceBytes: Buffer.byteLength(text) };
}

if (import.meta.main) {
  const [total, dir] = process.argv.slice(2);
  if (!total || !dir || !/^\d+$/.test(total)) {
    console.error('usage: node scripts/bench/synthetic.ts <total codes> <output dir>');
    process.exit(2);
  }
  const result = generateSynthetic(Number(total), resolve(dir));
  console.log(`${result.dir}: ${result.codes} codes (${result.added} synthetic), ckr-reference.md ${result.referenceBytes} bytes`);
}
