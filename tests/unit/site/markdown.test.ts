/** The markdown bodies of code and context pages, read back with remark to check their structure. */
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { toString } from 'mdast-util-to-string';
import type { Code, Heading, List, Root, RootContent } from 'mdast';
import { codeBodyMarkdown, contextBodyMarkdown, stepsMarkdown } from '../../../src/site/markdown.ts';
import type { CodeRecord, Step } from '../../../src/reference/types.ts';
import { contextsById, registry } from './fixture.ts';

const parse = (markdown: string) => unified().use(remarkParse).parse(markdown) as Root;
const headings = (root: Root, depth = 2) => root.children.filter((n): n is Heading => n.type === 'heading' && n.depth === depth).map((h) => toString(h));
function codes(root: Root): Code[] {
  const out: Code[] = [];
  const visit = (nodes: RootContent[]) => {
    for (const n of nodes) {
      if (n.type === 'code') out.push(n);
      if ('children' in n) visit(n.children as RootContent[]);
    }
  };
  visit(root.children);
  return out;
}

function record(over: Partial<CodeRecord>): CodeRecord {
  return {
    name: 'CKR_PIN_INCORRECT', value: 0xa0, hex: '0x000000A0', hexShort: '0xA0', decimal: 160, category: 'pin', introduced: '1.0',
    inPkcs11js: true, meaning: 'Wrong PIN.', details: [], causes: ['a typo'], solutions: [{ kind: 'text', markdown: 'retype', line: 1 }],
    contexts: [], related: [], returnedBy: ['C_Login'], rules: [], line: 1, ...over,
  };
}

describe('codeBodyMarkdown', { timeout: 60_000 }, () => {
  it('gives every code of content/ Meaning, Causes, Solutions, then one "Context: <id>" per block, in order', () => {
    for (const code of registry.codes) {
      const root = parse(codeBodyMarkdown(code, contextsById));
      const expected = ['Meaning', 'Causes', 'Solutions', ...(code.seenOnSoftHsm ? ['Seen on SoftHSM2'] : []), ...code.contexts.map((c) => `Context: ${c.id}`)];
      expect(headings(root), code.name).toEqual(expected);
      // The solutions' code blocks come through whole.
      const blocks = codes(root).map((c) => c.value);
      for (const step of code.solutions) if (step.kind === 'code') expect(blocks, code.name).toContain(step.code);
      for (const context of code.contexts) for (const step of context.steps) if (step.kind === 'code') expect(blocks, code.name).toContain(step.code);
    }
  });

  it('says "not a failure" for a code without troubleshooting', () => {
    const ok = registry.codes.find((c) => c.name === 'CKR_OK')!;
    const md = codeBodyMarkdown(ok, contextsById);
    expect(headings(parse(md))).toEqual(['Meaning', 'Causes', 'Solutions']);
    expect(md).toContain(`Not a failure. ${ok.noTroubleshooting}`);
    expect(md).toContain('Nothing to fix.');
  });

  it('names the context by its title, or its id when unknown', () => {
    const md = codeBodyMarkdown(record({ contexts: [{ id: 'sign', steps: [{ kind: 'text', markdown: 'a', line: 1 }], line: 1 }, { id: 'gone', steps: [{ kind: 'text', markdown: 'b', line: 1 }], line: 1 }] }), contextsById);
    expect(md).toContain(`When this code comes back during **${contextsById.get('sign')!.title.toLowerCase()}**:`);
    expect(md).toContain('When this code comes back during **gone**:');
    expect(headings(parse(md)).slice(-2)).toEqual(['Context: sign', 'Context: gone']);
  });

  it('fences a code step that contains ``` safely: the block stays whole and the next heading stays a heading', () => {
    const tricky: Step = { kind: 'code', lang: 'bash', code: 'cat <<EOF\n```\nnot a fence\n```\nEOF', line: 1 };
    const md = codeBodyMarkdown(record({
      solutions: [tricky, { kind: 'text', markdown: 'after', line: 2 }],
      contexts: [{ id: 'login', steps: [tricky], line: 3 }],
    }), contextsById);
    const root = parse(md);
    expect(headings(root)).toEqual(['Meaning', 'Causes', 'Solutions', 'Context: login']);
    const blocks = codes(root);
    expect(blocks.map((b) => b.value)).toEqual([tricky.code, tricky.code]);
    expect(blocks.map((b) => b.lang)).toEqual(['bash', 'bash']);
  });

  it('keeps multi-line causes and text steps inside their bullet', () => {
    const md = codeBodyMarkdown(record({
      causes: ['first line\nsecond line'],
      solutions: [{ kind: 'text', markdown: 'Run:\n```bash\nhsm-cli info\n```', line: 1 }, { kind: 'text', markdown: 'done', line: 2 }],
    }), contextsById);
    const root = parse(md);
    const lists = root.children.filter((n): n is List => n.type === 'list');
    expect(lists.map((l) => l.children.length)).toEqual([1, 2]);
    expect(toString(lists[0].children[0])).toContain('second line');
    const inItem = codes({ type: 'root', children: lists[1].children[0].children } as Root);
    expect(inItem.map((c) => c.value)).toEqual(['hsm-cli info']);
  });
});

describe('stepsMarkdown and contextBodyMarkdown', { timeout: 60_000 }, () => {
  it('numbers text steps when ordered, code blocks in between', () => {
    const md = stepsMarkdown([
      { kind: 'text', markdown: 'one', line: 1 },
      { kind: 'code', lang: 'bash', code: 'hsm-cli info', line: 2 },
      { kind: 'text', markdown: 'two', line: 3 },
    ], true);
    expect(md).toBe('1. one\n\n```bash\nhsm-cli info\n```\n\n2. two');
  });

  it('gives every context of content/ About, steps and its worked example', () => {
    for (const context of registry.contexts) {
      const root = parse(contextBodyMarkdown(context));
      expect(headings(root), context.id).toEqual(['About', 'Troubleshooting steps', ...(context.workedExample.length ? ['Worked example'] : [])]);
      if (context.example) expect(codes(root).map((c) => c.value), context.id).toContain(context.example);
      const ordered = root.children.find((n): n is List => n.type === 'list' && n.ordered === true);
      expect(ordered?.children.length ?? 0, context.id).toBe(context.steps.filter((s) => s.kind === 'text').length);
    }
  });
});
