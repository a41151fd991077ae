/**
 * The browser side of the lookup: the box on every page, /lookup/?q= and the 404 page. Every page loads
 * only this small script; the engine (src/lookup/lookup.ts, the same module the CLI runs) and
 * /codes.json are fetched together on first use (focus or first keystroke in the box, or at once on
 * /lookup/?q= and the 404 page), like Pagefind's search. Input text is only ever set as textContent,
 * never parsed as HTML.
 */
import type { createLookup, LookupResult, LookupCode } from './lookup.ts';
import { codePath, withBase } from '../urls.ts';

interface CodesJsonLite {
  codes: (LookupCode & { hexShort: string })[];
  historical: Parameters<typeof createLookup>[0]['historical'];
}

const BASE = import.meta.env.BASE_URL;
let lookupPromise: Promise<(input: string) => LookupResult> | undefined;

/** The lookup, built from the engine and codes.json (both fetched in parallel) on first use. */
export function loadLookup(): Promise<(input: string) => LookupResult> {
  lookupPromise ??= Promise.all([
    import('./lookup.ts'),
    fetch(withBase(BASE, '/codes.json')).then((r) => {
      if (!r.ok) throw new Error(`codes.json: HTTP ${r.status}`);
      return r.json() as Promise<CodesJsonLite>;
    }),
  ]).then(([engine, data]) => engine.createLookup({ codes: data.codes, historical: data.historical }));
  lookupPromise.catch(() => {
    lookupPromise = undefined;
  });
  return lookupPromise;
}

export const pageOf = (name: string): string => withBase(BASE, codePath(name));

/** Where Enter should go for a result, if it names exactly one page. */
export function targetOf(result: LookupResult): string | undefined {
  switch (result.kind) {
    case 'code':
      return result.suggestion ? undefined : pageOf(result.code.name);
    case 'vendor':
      return pageOf('CKR_VENDOR_DEFINED');
    case 'historical':
      return result.seeAlso ? pageOf(result.seeAlso.name) : undefined;
    default:
      return undefined;
  }
}

const hex = (v: number) => `0x${v.toString(16).toUpperCase()}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function codeLink(code: LookupCode, extra = ''): HTMLElement {
  const a = el('a');
  a.href = pageOf(code.name);
  a.append(el('code', code.name), document.createTextNode(` ${hex(code.value)} · ${code.value}${extra}`));
  const item = el('div', undefined, 'ckr-result-code');
  item.append(a);
  if (code.meaning) item.append(el('span', code.meaning, 'ckr-result-meaning'));
  return item;
}

/** Render a result into `target` (replacing its content). */
export function renderResult(target: HTMLElement, result: LookupResult): void {
  const nodes: HTMLElement[] = [];
  switch (result.kind) {
    case 'code':
      if (result.suggestion) nodes.push(el('p', 'Did you mean:'));
      nodes.push(codeLink(result.code));
      break;
    case 'candidates': {
      nodes.push(el('p', result.message));
      const list = el('ul', undefined, 'ckr-result-list');
      for (const c of result.candidates) {
        const li = el('li');
        if (c.code) li.append(codeLink(c.code));
        else li.append(el('span', `${c.name} (${c.hex}): ${c.reason}`));
        list.append(li);
      }
      nodes.push(list);
      break;
    }
    case 'vendor': {
      nodes.push(el('p', result.message));
      if (result.vendorDefined) nodes.push(codeLink(result.vendorDefined, ` + ${result.offsetHex}`));
      break;
    }
    case 'historical':
      nodes.push(el('p', result.message));
      if (result.seeAlso) nodes.push(codeLink(result.seeAlso));
      break;
    case 'unassigned':
      nodes.push(el('p', result.message));
      for (const near of [result.below, result.above]) if (near) nodes.push(codeLink(near));
      break;
    case 'none':
      nodes.push(el('p', `${result.message} Press Enter to search the full text.`));
      break;
  }
  if ('alternatives' in result) {
    for (const alt of result.alternatives) nodes.push(el('p', alt.message, 'ckr-result-alt'));
  }
  target.replaceChildren(...nodes);
}

/** Hand the text to Starlight's Pagefind search dialog. */
export function openFullTextSearch(text: string): void {
  const open = document.querySelector<HTMLButtonElement>('site-search button[data-open-modal]');
  if (!open) return;
  open.click();
  let tries = 0;
  const fill = () => {
    const input = document.querySelector<HTMLInputElement>('#starlight__search input[type="text"], #starlight__search input');
    if (input) {
      input.value = text.slice(0, 200);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } else if (tries++ < 40) {
      setTimeout(fill, 50);
    }
  };
  fill();
}

/** Wire every `form[data-ckr-lookup]`: live results while typing, Enter opens the page. */
export function initLookupForms(root: ParentNode = document): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-ckr-lookup]')) {
    if (form.dataset.ready) continue;
    form.dataset.ready = '1';
    const input = form.querySelector<HTMLInputElement>('input[name="q"]');
    const output = form.querySelector<HTMLElement>('[data-ckr-lookup-result]');
    if (!input || !output) continue;
    let last: LookupResult | undefined;
    let seq = 0;
    const update = async () => {
      const mine = ++seq;
      const text = input.value;
      if (text.trim() === '') {
        output.replaceChildren();
        output.hidden = true;
        last = undefined;
        return;
      }
      try {
        const lookup = await loadLookup();
        if (mine !== seq) return;
        last = lookup(text);
        output.hidden = false;
        renderResult(output, last);
      } catch {
        output.hidden = false;
        output.textContent = 'The code list could not be loaded; press Enter to look it up on the lookup page.';
      }
    };
    // Fetch the engine and the data as soon as someone heads for the box, so the first keystroke is answered at once.
    const warm = () => void loadLookup().catch(() => undefined);
    input.addEventListener('focus', warm, { once: true });
    input.addEventListener('pointerenter', warm, { once: true });
    input.addEventListener('input', () => void update());
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        output.hidden = true;
      }
    });
    form.addEventListener('submit', async (event) => {
      if (input.value.trim() === '') return;
      event.preventDefault();
      try {
        const lookup = await loadLookup();
        last = lookup(input.value);
        const target = targetOf(last);
        if (target) {
          window.location.assign(target);
        } else if (last.kind === 'none') {
          openFullTextSearch(input.value);
        } else {
          output.hidden = false;
          renderResult(output, last);
        }
      } catch {
        form.submit();
      }
    });
  }
}

/**
 * For /lookup/?q= and the 404 page: resolve `query`; redirect when it names one page, otherwise show
 * the result in `target`. Returns the result (for the page to add what it wants).
 */
export async function resolveQuery(query: string, target: HTMLElement): Promise<LookupResult | undefined> {
  try {
    const result = (await loadLookup())(query);
    const destination = targetOf(result);
    if (destination) {
      window.location.replace(destination);
    } else {
      renderResult(target, result);
    }
    return result;
  } catch {
    target.textContent = 'The code list could not be loaded.';
    return undefined;
  }
}
