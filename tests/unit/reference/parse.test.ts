/** parseReference on small inline references: what each part of the format becomes, and where. */
import { describe, expect, it } from 'vitest';
import { parseReference, CONTEXTS_HEADING } from '../../../src/reference/parse.ts';
import { FILE, entry, heading, lineOf, reference, run, show } from './helpers.ts';

/** A reference built from lines, so a fixture reads like the file it stands for. */
const md = (...lines: string[]) => lines.join('\n') + '\n';

describe('a complete entry', () => {
  const text = reference({
    'PIN Errors': [
      heading('CKR_PIN_INCORRECT'),
      '**Meaning**: The PIN given to `C_Login` is wrong.',
      '',
      'A second paragraph that explains more.',
      '',
      '**Common Causes**:',
      '- A typo in the PIN',
      '- The *SO* PIN given for the user,',
      '  on two lines',
      '',
      '**Solutions**:',
      '- Check the PIN in the environment',
      '```bash',
      'export HSM_USER_PIN=...',
      'hsm-cli list-slots',
      '```',
      '- Then try again',
      '',
      '**Seen on SoftHSM2**: it counts the failures.',
      '',
      '**Context: login**:',
      '- → Log in again: `hsm-cli list-slots`',
      '- Count the attempts',
      '',
      '**Related**: CKR_PIN_LOCKED, CKR_PIN_LEN_RANGE, and CKR_PIN_LOCKED again',
      '',
      '---',
      '',
    ],
  });
  const { parsed, problems } = run(text);
  const e = parsed.entries[0];

  it('is valid and is the only entry', () => {
    expect(show(problems)).toEqual([]);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.title).toBe('Test Reference');
    expect(parsed.file).toBe(FILE);
  });

  it('has its name, heading values, section and lines', () => {
    expect(e).toMatchObject({ name: 'CKR_PIN_INCORRECT', headingHex: 0xa0, headingDecimal: 160, section: 'PIN Errors' });
    expect(e.line).toBe(lineOf(text, '### CKR_PIN_INCORRECT'));
    expect(e.sectionLine).toBe(lineOf(text, '## PIN Errors'));
    expect(e.labelLines).toEqual({
      meaning: lineOf(text, '**Meaning**'),
      'common causes': lineOf(text, '**Common Causes**'),
      solutions: lineOf(text, '**Solutions**'),
      'seen on softhsm2': lineOf(text, '**Seen on SoftHSM2**'),
      'context: login': lineOf(text, '**Context: login**'),
      related: lineOf(text, '**Related**'),
    });
  });

  it('keeps the meaning and the paragraphs after it as markdown', () => {
    expect(e.meaning).toBe('The PIN given to `C_Login` is wrong.');
    expect(e.details).toEqual(['A second paragraph that explains more.']);
  });

  it('reads causes as bullets, multi-line bullets whole', () => {
    expect(e.causes).toEqual(['A typo in the PIN', 'The *SO* PIN given for the user,\n  on two lines']);
  });

  it('reads solutions as bullets and a bash block, in order, each with its line', () => {
    expect(e.solutions).toEqual([
      { kind: 'text', markdown: 'Check the PIN in the environment', line: lineOf(text, '- Check the PIN') },
      { kind: 'code', lang: 'bash', code: 'export HSM_USER_PIN=...\nhsm-cli list-slots', line: lineOf(text, '```bash') },
      { kind: 'text', markdown: 'Then try again', line: lineOf(text, '- Then try again') },
    ]);
  });

  it('reads Seen on SoftHSM2, a Context block (arrow stripped) and Related (deduplicated)', () => {
    expect(e.seenOnSoftHsm).toBe('it counts the failures.');
    expect(e.noTroubleshooting).toBeUndefined();
    expect(e.contexts).toEqual([
      {
        id: 'login',
        line: lineOf(text, '**Context: login**'),
        steps: [
          { kind: 'text', markdown: 'Log in again: `hsm-cli list-slots`', line: lineOf(text, '- → Log in again') },
          { kind: 'text', markdown: 'Count the attempts', line: lineOf(text, '- Count the attempts') },
        ],
      },
    ]);
    expect(e.related).toEqual(['CKR_PIN_LOCKED', 'CKR_PIN_LEN_RANGE']);
  });
});

describe('labels', () => {
  it('accepts the colon inside the bold (`**Common Causes:**`) as well as outside', () => {
    const text = reference({
      'PIN Errors': [heading('CKR_PIN_INCORRECT'), '**Meaning:** Wrong PIN.', '', '**Common Causes:**', '- typo', '', '**Solutions:**', '- retype', ''],
    });
    const { parsed, problems } = run(text);
    expect(show(problems)).toEqual([]);
    expect(parsed.entries[0]).toMatchObject({ meaning: 'Wrong PIN.', causes: ['typo'], solutions: [{ kind: 'text', markdown: 'retype' }] });
  });

  it('reads the seed\'s `**No troubleshooting needed** - ...` as the reason, without causes or solutions', () => {
    const text = reference({
      'Success Codes': [heading('CKR_OK'), '**Meaning**: Success - operation completed without error', '', '**No troubleshooting needed** - this is the success code.', '', '---', ''],
    });
    const { parsed, problems } = run(text);
    expect(show(problems)).toEqual([]);
    const ok = parsed.entries[0];
    expect(ok.name).toBe('CKR_OK');
    expect(ok.meaning).toBe('Success - operation completed without error');
    expect(ok.noTroubleshooting).toBe('this is the success code.');
    expect(ok.causes).toEqual([]);
    expect(ok.solutions).toEqual([]);
    expect(ok.labelLines['no troubleshooting needed']).toBe(lineOf(text, '**No troubleshooting needed**'));
  });

  it('gives `**No troubleshooting needed**` alone a default reason', () => {
    const { parsed, problems } = run(reference({ 'Success Codes': [heading('CKR_OK'), '**Meaning**: Success.', '', '**No troubleshooting needed**', ''] }));
    expect(show(problems)).toEqual([]);
    expect(parsed.entries[0].noTroubleshooting).toBe('This code does not report a failure.');
  });
});

describe('contexts', () => {
  it('takes the id from **Context**, the functions, about, example, steps (arrows stripped) and the worked example', () => {
    const text = md(
      '# T',
      '',
      `## ${CONTEXTS_HEADING}`,
      '',
      'Intro prose of the section.',
      '',
      '### Signing Operations',
      '**Context**: `sign`',
      '',
      '**Functions**: C_SignInit, C_Sign,',
      'C_SignUpdate and C_SignFinal, C_Sign',
      '',
      '**About**: Signing makes a signature.',
      '',
      'More about signing.',
      '',
      '```bash',
      'hsm-cli explain-error CKR_KEY_HANDLE_INVALID --context sign',
      '```',
      '',
      '**Troubleshooting Steps:**',
      '- → Verify the key exists: `hsm-cli list-objects --label TOKEN --detailed`',
      '- →Check the mechanism',
      '- No arrow here',
      '',
      '**Worked Example**:',
      '```bash',
      'hsm-cli init-token --label demo',
      '```',
      '- then sign',
      '',
    );
    const parsed = parseReference(text, FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.contexts).toHaveLength(1);
    const c = parsed.contexts[0];
    expect(c.id).toBe('sign');
    expect(c.title).toBe('Signing Operations');
    expect(c.line).toBe(lineOf(text, '### Signing Operations'));
    expect(c.functions).toEqual(['C_SignInit', 'C_Sign', 'C_SignUpdate', 'C_SignFinal']);
    expect(c.about).toEqual(['Signing makes a signature.', 'More about signing.']);
    expect(c.example).toBe('hsm-cli explain-error CKR_KEY_HANDLE_INVALID --context sign');
    expect(c.steps).toEqual([
      { kind: 'text', markdown: 'Verify the key exists: `hsm-cli list-objects --label TOKEN --detailed`', line: lineOf(text, '- → Verify') },
      { kind: 'text', markdown: 'Check the mechanism', line: lineOf(text, '- →Check') },
      { kind: 'text', markdown: 'No arrow here', line: lineOf(text, '- No arrow') },
    ]);
    expect(c.workedExample).toEqual([
      { kind: 'code', lang: 'bash', code: 'hsm-cli init-token --label demo', line: lineOf(text, '```bash', lineOf(text, '**Worked Example**')) },
      { kind: 'text', markdown: 'then sign', line: lineOf(text, '- then sign') },
    ]);
    expect(c.labelLines).toMatchObject({ context: lineOf(text, '**Context**'), functions: lineOf(text, '**Functions**'), 'troubleshooting steps': lineOf(text, '**Troubleshooting Steps:**') });
    expect(parsed.prose).toEqual([{ heading: CONTEXTS_HEADING, markdown: 'Intro prose of the section.', line: 3, markdownLine: 5 }]);
  });

  it('takes the id from the `--context` of the example block when there is no **Context** (the seed\'s form)', () => {
    const text = md(
      `## ${CONTEXTS_HEADING}`,
      '',
      '### Login Operations',
      '',
      '```bash',
      'docker exec rust-hsm-app rust-hsm-cli explain-error CKR_PIN_INCORRECT --context login',
      '```',
      '',
      '**Troubleshooting Steps:**',
      '- → Verify correct PIN (user vs SO PIN)',
      '- → Check if PIN is locked: `rust-hsm-cli list-slots`',
    );
    const parsed = parseReference(text, FILE);
    const c = parsed.contexts[0];
    expect(c.id).toBe('login');
    expect(c.functions).toEqual([]);
    expect(c.example).toBe('docker exec rust-hsm-app rust-hsm-cli explain-error CKR_PIN_INCORRECT --context login');
    expect(c.steps.map((s) => s.kind === 'text' && s.markdown)).toEqual(['Verify correct PIN (user vs SO PIN)', 'Check if PIN is locked: `rust-hsm-cli list-slots`']);
    // No title: a warning at line 1, nothing else.
    expect(show(parsed.diagnostics)).toEqual(['1: no # title']);
    expect(parsed.diagnostics[0].severity).toBe('warning');
  });

  it('prefers **Context** over the example\'s --context', () => {
    const text = md(`## ${CONTEXTS_HEADING}`, '', '### X', '**Context**: keygen', '', '```bash', 'hsm-cli explain-error 0x60 --context sign', '```', '');
    expect(parseReference(text, FILE).contexts[0]).toMatchObject({ id: 'keygen', example: 'hsm-cli explain-error 0x60 --context sign' });
  });
});

describe('the document', () => {
  it('keeps prose sections with the heading line and the line their text starts on', () => {
    const text = md('Intro before any section.', '', '# Title', '', '## Quick Reference', '', '', 'Use `hsm-cli explain-error`.', '', '## PIN Errors', '', ...entry('CKR_PIN_INCORRECT'));
    const parsed = parseReference(text, FILE);
    expect(parsed.title).toBe('Title');
    expect(parsed.prose).toEqual([
      { heading: '', markdown: 'Intro before any section.', line: 1, markdownLine: 1 },
      { heading: 'Quick Reference', markdown: 'Use `hsm-cli explain-error`.', line: 5, markdownLine: 8 },
    ]);
    expect(parsed.entries.map((e) => [e.name, e.line])).toEqual([['CKR_PIN_INCORRECT', 12]]);
  });

  it('reports a second # title and ignores --- and html comments between entries', () => {
    const text = md('# One', '', '# Two', '', '## PIN Errors', '', '<!-- note -->', '---', ...entry('CKR_PIN_INCORRECT'));
    const parsed = parseReference(text, FILE);
    expect(show(parsed.diagnostics)).toEqual(['3: a second # title "Two" (the first is "One")']);
    expect(parsed.entries[0].details).toEqual([]);
  });

  it('reads a section with CKR_ entries under an unknown heading as a category (the validator reports the heading)', () => {
    const parsed = parseReference(md('# T', '', '## Signature/Encryption Errors', '', ...entry('CKR_SIGNATURE_INVALID')), FILE);
    expect(parsed.entries.map((e) => [e.name, e.section])).toEqual([['CKR_SIGNATURE_INVALID', 'Signature/Encryption Errors']]);
    expect(parsed.prose).toEqual([]);
  });

  it('reports a ### that is not an entry inside a category', () => {
    const text = md('# T', '', '## PIN Errors', '', '### Notes', 'text', '', ...entry('CKR_PIN_INCORRECT'));
    const parsed = parseReference(text, FILE);
    expect(show(parsed.diagnostics)).toEqual(['5: "### Notes" in category "PIN Errors" is not a code entry (### CKR_NAME (0xHHHHHHHH, DECIMAL))']);
    expect(parsed.entries).toHaveLength(1);
  });
});
