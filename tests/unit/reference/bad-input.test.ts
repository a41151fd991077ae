/**
 * Broken references: each mistake must come back as a file:line diagnostic at the right line, and the
 * pipeline must never throw. The fixtures are small references (helpers.ts) with one mistake each; the
 * "missing entry" diagnostics a small fixture always gets are left out (see run()).
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../../src/reference/validate.ts';
import { hexPadded } from '../../../src/reference/values.ts';
import {
  CHECKER_KIND, FILE, SPEC, checkCommandLine, entry, entryBody, heading, lineOf, loginContext, reference, run, show, validReference,
} from './helpers.ts';

const valid = validReference();
const pinHeading = heading('CKR_PIN_INCORRECT');

/** Exactly one problem, at `line`, whose message matches `message`; the same through CRLF and a BOM. */
function expectOne(text: string, line: number, message: RegExp | string, options = {}) {
  const { problems } = run(text, options);
  expect(show(problems)).toHaveLength(1);
  expect(problems[0].file).toBe(FILE);
  expect(problems[0].line).toBe(line);
  expect(problems[0].severity).toBe('error');
  if (typeof message === 'string') expect(problems[0].message).toContain(message);
  else expect(problems[0].message).toMatch(message);
  // Same diagnostics (lines and messages) with Windows line endings and with a BOM.
  expect(show(run(text.replace(/\n/g, '\r\n'), options).all)).toEqual(show(run(text, options).all));
  expect(show(run('\uFEFF' + text, options).all)).toEqual(show(run(text, options).all));
  return problems[0];
}

describe('the fixture itself', { timeout: 30_000 }, () => {
  it('is valid apart from the codes it does not cover', () => {
    const { parsed, problems, all } = run(valid, { checkCommandLine });
    expect(show(problems)).toEqual([]);
    expect(parsed.entries.map((e) => e.name)).toEqual(['CKR_PIN_INCORRECT', 'CKR_PIN_INVALID']);
    expect(all).toHaveLength(SPEC.values.length - 2);
  });

  it('formats diagnostics as file:line: severity: message', () => {
    const { problems } = run(valid.replace('(0x000000A0, 160)', '(0x000000A0, 161)'));
    expect(formatDiagnostics(problems)).toBe(`${FILE}:5: error: CKR_PIN_INCORRECT: hex 0x000000A0 is 160 but the decimal says 161`);
  });
});

describe('headings', { timeout: 30_000 }, () => {
  it('a heading without the decimal: `### CKR_PIN_INCORRECT (0x000000A0)`', () => {
    const text = valid.replace(pinHeading, '### CKR_PIN_INCORRECT (0x000000A0)');
    expectOne(text, lineOf(text, '### CKR_PIN_INCORRECT'), /is not in the format "### CKR_NAME \(0xHHHHHHHH, DECIMAL\)": no decimal value$/);
    // The entry is still read, so the code is not also reported missing.
    expect(run(text).parsed.entries[0]).toMatchObject({ name: 'CKR_PIN_INCORRECT', headingHex: 0xa0, headingDecimal: undefined });
  });

  it('hex and decimal that disagree', () => {
    const text = valid.replace(pinHeading, '### CKR_PIN_INCORRECT (0x000000A0, 161)');
    expectOne(text, 5, 'CKR_PIN_INCORRECT: hex 0x000000A0 is 160 but the decimal says 161');
  });

  it('a value that agrees with itself but not with the spec names the code that has it', () => {
    const text = valid.replace(pinHeading, heading('CKR_PIN_INCORRECT', 0xa1));
    expectOne(text, 5, 'CKR_PIN_INCORRECT is 0x000000A0 (160) in the spec, not 0x000000A1 (161) (that is CKR_PIN_INVALID)');
  });

  it('extra spaces: `###  CKR_X  (0x..., n)`', () => {
    const text = valid.replace(pinHeading, '###  CKR_PIN_INCORRECT  (0x000000A0, 160)');
    expectOne(text, 5, /not in the format .*: extra or missing spaces$/);
  });

  it('lower-case hex', () => {
    const text = valid.replace(pinHeading, '### CKR_PIN_INCORRECT (0x000000a0, 160)');
    expectOne(text, 5, 'hex must be 8 upper-case digits (0x000000A0)');
  });

  it('short hex', () => {
    const text = valid.replace(pinHeading, '### CKR_PIN_INCORRECT (0xA0, 160)');
    expectOne(text, 5, 'hex must be 8 upper-case digits (0x000000A0)');
  });

  it('no values at all, a lower-case name, text after the values', () => {
    expectOne(valid.replace(pinHeading, '### CKR_PIN_INCORRECT'), 5, 'no (0xHHHHHHHH, DECIMAL) after the name');
    const text = valid.replace(pinHeading, '### CKR_PIN_INCORRECT (0x000000A0, 160) deprecated');
    expectOne(text, 5, 'unexpected text "deprecated" after the values');
    // A lower-case name is reported, and the entry is still read under its upper-case name.
    const lower = valid.replace(pinHeading, '### ckr_pin_incorrect (0x000000A0, 160)');
    expectOne(lower, 5, /not in the format .*: the name must be upper case$/);
    expect(run(lower).parsed.entries[0].name).toBe('CKR_PIN_INCORRECT');
    // A heading that only starts like an entry is reported, not dropped.
    expectOne(valid.replace(pinHeading, '### CKR_'), 5, /^heading "### CKR_" is not in the format .*: no code name$/);
  });
});

describe('entries', { timeout: 30_000 }, () => {
  it('a duplicate code, at the second entry', () => {
    const text = reference({ 'PIN Errors': [...entry('CKR_PIN_INCORRECT'), ...entry('CKR_PIN_INCORRECT')] });
    const second = lineOf(text, '### CKR_PIN_INCORRECT', 6);
    expect(second).toBeGreaterThan(5);
    expectOne(text, second, 'duplicate entry for CKR_PIN_INCORRECT (first at line 5)');
  });

  it('an unknown **Label**', () => {
    const text = valid.replace('**Common Causes**:', '**Reasons**:\n- r\n\n**Common Causes**:');
    expectOne(text, lineOf(text, '**Reasons**'), /^unknown label \*\*Reasons\*\* in CKR_PIN_INCORRECT/);
  });

  it('a label given twice', () => {
    const text = valid.replace('**Common Causes**:', '**Meaning**: again\n\n**Common Causes**:');
    expectOne(text, lineOf(text, '**Meaning**: again'), `**Meaning** appears twice in CKR_PIN_INCORRECT (first at line ${lineOf(text, '**Meaning**')})`);
  });

  it('missing Meaning, Common Causes or Solutions, at the heading', () => {
    expectOne(valid.replace('**Meaning**: What the token says (17 characters of name).', 'Only a paragraph.'), 5, 'CKR_PIN_INCORRECT has no **Meaning**');
    expectOne(valid.replace('**Meaning**: What the token says (17 characters of name).', '**Meaning**:'), 5, 'CKR_PIN_INCORRECT has no **Meaning**');
    expectOne(valid.replace('**Common Causes**:\n- a cause\n', ''), 5, 'CKR_PIN_INCORRECT has no **Common Causes**');
    expectOne(valid.replace('**Solutions**:\n- a step\n', ''), 5, 'CKR_PIN_INCORRECT has no **Solutions**');
    expectOne(valid.replace('**Solutions**:\n- a step\n', '**Solutions**:\n'), 5, 'CKR_PIN_INCORRECT has no **Solutions**');
  });

  it('a code under the wrong category heading', () => {
    const text = reference({ 'PIN Errors': [...entry('CKR_PIN_INCORRECT'), ...entry('CKR_SESSION_CLOSED')] });
    expectOne(text, lineOf(text, '### CKR_SESSION_CLOSED'), 'CKR_SESSION_CLOSED (0xB0) belongs under "## Session Errors" (0xB0–0xBF), not "## PIN Errors"');
  });

  it('an unknown category heading, once, at the heading', () => {
    const text = reference({ 'PIN Problems': [...entry('CKR_PIN_INCORRECT'), ...entry('CKR_PIN_INVALID')] });
    expectOne(text, lineOf(text, '## PIN Problems'), /^"## PIN Problems" is not a category heading \(categories: Success Codes, /);
  });

  it('a category heading in another case: read as the category, with one warning at the heading', () => {
    const text = reference({ 'pin errors': [...entry('CKR_PIN_INCORRECT'), ...entry('CKR_PIN_INVALID')] });
    const { problems } = run(text);
    expect(show(problems)).toEqual([`${lineOf(text, '## pin errors')}: "## pin errors" read as the category "## PIN Errors": write it as in the category table`]);
    expect(problems[0].severity).toBe('warning');
  });

  it('an entry before the first ## heading is reported where it is, not only as missing', () => {
    const text = ['# T', '', ...entry('CKR_PIN_INCORRECT'), '## PIN Errors', '', ...entry('CKR_PIN_INVALID')].join('\n');
    expectOne(text, 3, '"### CKR_PIN_INCORRECT (0x000000A0, 160)" is not under a ## category heading');
    expect(run(text).all.some((d) => d.message.startsWith('missing entry for CKR_PIN_INCORRECT '))).toBe(true);
  });

  it('an unknown code name', () => {
    const text = reference({ 'PIN Errors': [...entry('CKR_PIN_INCORRECT'), heading('CKR_PIN_WRONG', 0xa9), ...entryBody('CKR_PIN_WRONG')] });
    expectOne(text, lineOf(text, '### CKR_PIN_WRONG'), 'unknown code name CKR_PIN_WRONG: not in ckr-values.tsv');
  });

  it('a historical name as an entry (CKR_KEY_SENSITIVE)', () => {
    const historical = SPEC.historical.find((h) => h.name === 'CKR_KEY_SENSITIVE')!;
    expect(historical).toBeDefined();
    const text = reference({ 'Attribute Errors': [heading('CKR_KEY_SENSITIVE', historical.value), ...entryBody('CKR_KEY_SENSITIVE')] });
    expectOne(text, lineOf(text, '### CKR_KEY_SENSITIVE'), `CKR_KEY_SENSITIVE is not a current PKCS#11 code (${historical.status}: `);
  });
});

describe('cross references', { timeout: 30_000 }, () => {
  it('an unknown context id in a `**Context: x**` block, at the block', () => {
    const text = valid.replace('- a step\n', '- a step\n\n**Context: sgin**:\n- do it\n');
    expectOne(text, lineOf(text, '**Context: sgin**'), 'CKR_PIN_INCORRECT: unknown context "sgin" (contexts: login)');
  });

  it('a `**Context: x**` block without steps, and a second block for the same context', () => {
    const empty = valid.replace('- a step\n', '- a step\n\n**Context: login**:\n');
    expectOne(empty, lineOf(empty, '**Context: login**'), 'CKR_PIN_INCORRECT: **Context: login** has no steps');
  });

  it('a context listing an unknown function, at **Functions**', () => {
    const text = reference({ 'PIN Errors': entry('CKR_PIN_INCORRECT') }, loginContext('C_Login, C_Logon'));
    expectOne(text, lineOf(text, '**Functions**'), 'context "login" lists C_Logon, which is not a PKCS#11 function in ckr-functions.tsv');
  });

  it('a function in two contexts, at the second context\'s **Functions**', () => {
    const session = ['### Session Operations', '**Context**: session', '', '**Functions**: C_OpenSession, C_Login', '', '**Troubleshooting Steps:**', '- x', ''];
    const text = reference({ 'PIN Errors': entry('CKR_PIN_INCORRECT') }, [...loginContext(), ...session]);
    expectOne(text, lineOf(text, '**Functions**: C_OpenSession'), 'C_Login is in context "login" and "session": a function belongs to one context');
  });

  it('a context defined twice, a context without id, a context id that is not a slug', () => {
    const twice = reference({ 'PIN Errors': entry('CKR_PIN_INCORRECT') }, [...loginContext('C_Login'), ...loginContext('C_Logout')]);
    const first = lineOf(twice, '### Login Operations');
    expectOne(twice, lineOf(twice, '### Login Operations', first + 1), `context "login" is defined twice (first at line ${first})`);
    const noId = reference({ 'PIN Errors': entry('CKR_PIN_INCORRECT') }, ['### Login Operations', '', '**Troubleshooting Steps:**', '- a', '']);
    expectOne(noId, lineOf(noId, '### Login Operations'), 'context "Login Operations" has no id');
    const upper = reference({ 'PIN Errors': entry('CKR_PIN_INCORRECT') }, loginContext().map((l) => l.replace('**Context**: login', '**Context**: Log_In')));
    expectOne(upper, lineOf(upper, '### Login Operations'), 'context id "Log_In" must be lower-case letters, digits and dashes');
  });

  it('a `**Related**` naming a non-code, at **Related**', () => {
    const text = valid.replace('- a step\n', '- a step\n\n**Related**: CKR_PIN_LOCKED, CKR_PIN_WRONG\n');
    expectOne(text, lineOf(text, '**Related**'), 'CKR_PIN_INCORRECT: **Related** names CKR_PIN_WRONG, which is not a PKCS#11 code');
    const self = valid.replace('- a step\n', '- a step\n\n**Related**: CKR_PIN_INCORRECT\n');
    expectOne(self, lineOf(self, '**Related**'), 'CKR_PIN_INCORRECT: **Related** names the entry itself');
  });

  it('a CKR_ name in an entry\'s prose that is not a code, at the entry (placeholders allowed)', () => {
    const text = valid.replace('**Meaning**: What the token says (17 characters of name).', '**Meaning**: What the token says (17 characters of name).\n\nSee CKR_PIN_BAD, CKR_NAME, CKR_PIN_ and CKR_PIN_XXX.');
    expectOne(text, lineOf(text, '### CKR_PIN_INCORRECT'), 'CKR_PIN_INCORRECT mentions CKR_PIN_BAD, which is not a PKCS#11 code');
    // In a solution step, the step's line.
    const inStep = valid.replace('- a step\n', '- a step, then CKR_PIN_OOPS\n');
    expectOne(inStep, lineOf(inStep, 'CKR_PIN_OOPS'), 'CKR_PIN_INCORRECT mentions CKR_PIN_OOPS, which is not a PKCS#11 code');
    // Historical names may be mentioned.
    expect(show(run(valid.replace('- a cause', '- a cause (CKR_KEY_SENSITIVE in v1.0)')).problems)).toEqual([]);
  });

  it('a CKR_ name that is not a code in a prose section or a context\'s About', () => {
    const prose = reference({ 'Quick Reference': ['Look up CKR_NOT_A_CODE.', ''], 'PIN Errors': entry('CKR_PIN_INCORRECT') });
    expectOne(prose, lineOf(prose, 'Look up CKR_NOT_A_CODE'), 'section "Quick Reference" mentions CKR_NOT_A_CODE, which is not a PKCS#11 code');
    const about = reference({ 'PIN Errors': entry('CKR_PIN_INCORRECT') }, loginContext().map((l) => l.replace('Logging in.', 'Logging in can fail with CKR_LOGIN_FAILED.')));
    expectOne(about, lineOf(about, '**About**'), 'context login mentions CKR_LOGIN_FAILED, which is not a PKCS#11 code');
  });

  it('wrong claims about the reference in prose, at their line', () => {
    const text = reference({ 'Error Categories': ['', '- [PIN Errors (0xA0-0xBF)](#pin-errors)', '- [Data Errors (0x20-0x2F)](#data-errors)', '', 'All 80+ codes.'], 'PIN Errors': entry('CKR_PIN_INCORRECT') });
    const { problems } = run(text);
    expect(show(problems)).toEqual([
      `${lineOf(text, '[PIN Errors')}: the text gives PIN Errors as 0xA0-0xBF; the category is 0xA0–0xAF`,
      `${lineOf(text, 'All 80+ codes')}: the text claims 80+ codes, but the reference has 1 entries`,
    ]);
  });
});

describe('hsm-cli command lines', { timeout: 30_000 }, () => {
  const name = CHECKER_KIND === 'real' ? 'the real checkCommandLine of src/cli/commands/index.ts' : 'a fake checkCommandLine (src/cli absent)';

  it(`an unknown command or option, at its line (${name})`, () => {
    const text = valid.replace('- a step\n', '- a step\n```bash\n# hsm-cli comments are not commands\nhsm-cli list-slotz\nhsm-cli list-slots --bogus 1\n```\n- or `hsm-cli infoo`\n');
    const { problems } = run(text, { checkCommandLine });
    expect(problems.map((d) => d.line)).toEqual([lineOf(text, 'hsm-cli list-slotz'), lineOf(text, 'hsm-cli list-slots --bogus'), lineOf(text, 'hsm-cli infoo')]);
    expect(problems[0].message).toMatch(/^CKR_PIN_INCORRECT: `hsm-cli list-slotz`: unknown command "list-slotz"/);
    expect(problems[1].message).toBe('CKR_PIN_INCORRECT: `hsm-cli list-slots --bogus 1`: unknown option --bogus for list-slots');
    expect(problems[2].message).toMatch(/^CKR_PIN_INCORRECT: `hsm-cli infoo`: unknown command "infoo"/);
    if (CHECKER_KIND === 'real') expect(problems[0].message).toContain('(did you mean list-slots?)');
    expect(show(run(text.replace(/\n/g, '\r\n'), { checkCommandLine }).problems)).toEqual(show(problems));
    // Without a checker, command lines are not judged.
    expect(show(run(text).problems)).toEqual([]);
  });

  it('an unknown command in a context step, a worked example, a backslash-continued line and a prose code block', () => {
    const contexts = [...loginContext(), '**Worked Example**:', '```bash', 'hsm-cli init-token \\', '  --label demo --colour red', '```', ''];
    const text = reference({
      'Quick Troubleshooting Commands': ['```bash', '# health check', 'hsm-cli info', 'hsm-cli lst-slots', '```', ''],
      'PIN Errors': [...entry('CKR_PIN_INCORRECT').slice(0, -3), '', '**Context: login**:', '- run `hsm-cli loginn`', '', '---', ''],
    }, contexts);
    const { problems } = run(text, { checkCommandLine });
    expect(problems.map((d) => d.line)).toEqual([
      lineOf(text, 'hsm-cli lst-slots'),
      lineOf(text, 'hsm-cli loginn'),
      lineOf(text, 'hsm-cli init-token \\'),
    ]);
    expect(problems[0].message).toMatch(/^section "Quick Troubleshooting Commands": `hsm-cli lst-slots`: unknown command "lst-slots"/);
    expect(problems[1].message).toMatch(/^CKR_PIN_INCORRECT in context login: `hsm-cli loginn`: unknown command/);
    expect(problems[2].message).toMatch(/^context login: `hsm-cli init-token +--label demo --colour red`: unknown option --colour/);
  });

  it('works with a small fake checker too (the validator only relies on the callback)', () => {
    const seen: string[] = [];
    const fake = (line: string) => (seen.push(line), line.includes('--nope') ? ['unknown option --nope'] : []);
    const text = valid.replace('- a step\n', '- a step\n```bash\nhsm-cli sign --nope\nhsm-cli info\n```\n');
    expectOne(text, lineOf(text, 'hsm-cli sign --nope'), 'CKR_PIN_INCORRECT: `hsm-cli sign --nope`: unknown option --nope', { checkCommandLine: fake });
    expect(seen).toContain('hsm-cli info');
  });
});

describe('files that are not references', { timeout: 30_000 }, () => {
  it('a code fence left open, at the fence', () => {
    const lines = [...entry('CKR_PIN_INCORRECT'), heading('CKR_PIN_INVALID'), '**Meaning**: m', '', '**Common Causes**:', '- c', '', '**Solutions**:', '```bash', 'hsm-cli list-slots', ''];
    const text = reference({ 'PIN Errors': lines });
    expectOne(text, lineOf(text, '```bash'), 'code fence ``` opened here is never closed (everything after it became code)');
    // Also when the file does not end with a newline, and for ~~~ fences.
    expectOne(text.trimEnd(), lineOf(text, '```bash'), 'code fence ``` opened here is never closed');
    const tilde = text.replace('```bash', '~~~bash');
    expectOne(tilde, lineOf(tilde, '~~~bash'), 'code fence ~~~ opened here is never closed');
  });

  it('an empty file and a whitespace-only file: one error at line 1 (and the missing codes)', () => {
    for (const text of ['', ' ', '\n\n\n', ' \t\r\n\r\n', '\uFEFF', '\uFEFF\n  \n']) {
      const { all, problems, parsed } = run(text);
      expect(show(problems), JSON.stringify(text)).toEqual(['1: the reference is empty']);
      expect(all[0].message).toBe('the reference is empty');
      expect(parsed.entries).toEqual([]);
    }
  });

  it('CRLF line endings: a valid file stays valid, with the same lines and text', () => {
    const lf = run(valid);
    const crlf = run(valid.replace(/\n/g, '\r\n'));
    expect(show(crlf.all)).toEqual(show(lf.all));
    expect(crlf.parsed.entries.map((e) => [e.name, e.line, e.meaning, e.causes, e.headingHex, e.headingDecimal]))
      .toEqual(lf.parsed.entries.map((e) => [e.name, e.line, e.meaning, e.causes, e.headingHex, e.headingDecimal]));
    expect(crlf.parsed.contexts.map((c) => [c.id, c.line, c.functions])).toEqual(lf.parsed.contexts.map((c) => [c.id, c.line, c.functions]));
  });

  it('old Mac (lone CR) line endings and a stray CR keep entries and lines', () => {
    const lf = run(valid);
    const cr = run(valid.replace(/\n/g, '\r'));
    expect(show(cr.all)).toEqual(show(lf.all));
    expect(cr.parsed.entries.map((e) => [e.name, e.line, e.headingHex])).toEqual(lf.parsed.entries.map((e) => [e.name, e.line, e.headingHex]));
    // A stray CR inside the title line is a line break for remark: everything after moves down one line.
    const stray = run(valid.replace('# Test Reference', '# Test Reference\rcontinued'));
    expect(show(stray.problems)).toEqual([]);
    expect(stray.parsed.entries.map((e) => e.line)).toEqual(lf.parsed.entries.map((e) => e.line + 1));
  });

  it('a BOM: a valid file stays valid and its lines do not move', () => {
    const bom = run('\uFEFF' + valid);
    expect(show(bom.all)).toEqual(show(run(valid).all));
    expect(bom.parsed.title).toBe('Test Reference');
    expect(bom.parsed.entries.map((e) => e.line)).toEqual([5, lineOf(valid, '### CKR_PIN_INVALID')]);
  });

  it('binary-looking and hostile text does not throw', () => {
    const inputs = ['\0\0\0', '### CKR_', '### CKR_X (', '### CKR_X (0x', '### CKR_X (0x,)', '**', '```', '## \n### CKR_A (0xFFFFFFFFFF, 99999999999999999999)', '\u202E### CKR_OK (0x00000000, 0)', '#'.repeat(10_000), '- '.repeat(5_000)];
    for (const text of inputs) {
      expect(() => run(text, { checkCommandLine }), JSON.stringify(text.slice(0, 30))).not.toThrow();
      const lineCount = text.split(/\r\n|\r|\n/).length;
      for (const d of run(text).all) expect(d.line).toBeGreaterThanOrEqual(1), expect(d.line).toBeLessThanOrEqual(Math.max(lineCount, 1));
    }
    const huge = run(reference({ 'Vendor-Specific Errors': [`### CKR_VENDOR_DEFINED (0x100000000, 4294967296)`, ...entryBody('CKR_VENDOR_DEFINED')] }));
    expect(huge.problems.some((d) => d.message.includes('hex must be 8 upper-case digits'))).toBe(true);
    expect(hexPadded(0x80000000)).toBe('0x80000000');
  });
});
