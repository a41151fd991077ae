/**
 * Figures, their budgets, the human table and the JSON report.
 */
import { fmt, type Summary } from './stats.ts';

export interface Budget {
  /** What is compared with the limit: the ratio column or the value itself. */
  on: 'ratio' | 'value';
  op: '<=' | '>=';
  limit: number;
  /** As the issue states it: `≤ 1.3×`, `≥ 1,000,000 inputs/s`. */
  text: string;
}

export interface Figure {
  id: string;
  name: string;
  unit: string;
  /** Median and spread; undefined when the figure could not be measured in this mode. */
  value?: Summary;
  baseline?: { name: string; value: Summary; unit?: string };
  /** value/baseline unless `ratioIs` says otherwise. */
  ratio?: number;
  ratioIs?: string;
  budget?: Budget;
  ok?: boolean;
  /** The value is a lower bound (a build stopped at its timeout). */
  lowerBound?: boolean;
  notes: string[];
  detail?: unknown;
}

export function judge(figure: Figure): Figure {
  const { budget } = figure;
  if (!budget || !figure.value) return figure;
  const x = budget.on === 'ratio' ? figure.ratio : figure.value.median;
  if (x === undefined || !Number.isFinite(x)) return figure;
  figure.ok = budget.op === '<=' ? x <= budget.limit : x >= budget.limit;
  return figure;
}

function number(x: number, unit: string): string {
  if (unit === 'KB') return fmt(x, 1);
  if (unit === '×') return fmt(x, 2);
  if (Math.abs(x) >= 1000) return fmt(x, 0);
  return fmt(x);
}

const spread = (s: Summary, unit: string) => (s.n > 1 ? `${number(s.min, unit)}–${number(s.max, unit)} (n=${s.n})` : `n=1`);

export function formatTable(figures: readonly Figure[]): string {
  const header = ['figure', 'value', 'unit', 'min–max', 'baseline', 'baseline min–max', 'ratio', 'budget', ''];
  const rows = figures.map((f) => {
    const unit = f.unit;
    const value = f.value ? `${f.lowerBound ? '>' : ''}${number(f.value.median, unit)}` : 'skipped';
    const base = f.baseline ? `${number(f.baseline.value.median, f.baseline.unit ?? unit)}${f.baseline.unit && f.baseline.unit !== unit ? ` ${f.baseline.unit}` : ''} ${f.baseline.name}` : '—';
    const ratio = f.ratio !== undefined && Number.isFinite(f.ratio) ? `${f.lowerBound ? '>' : ''}${fmt(f.ratio, 2)}×${f.ratioIs ? ` (${f.ratioIs})` : ''}` : '—';
    const mark = f.ok === undefined ? (f.budget ? '?' : '') : f.ok ? '✓' : '✗';
    return [f.name, value, unit, f.value ? spread(f.value, unit) : '', base, f.baseline ? spread(f.baseline.value, f.baseline.unit ?? unit) : '', ratio, f.budget?.text ?? '', mark];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `name value unit baseline ratio`, one line per figure (the protocol's plain form). */
export function formatLines(figures: readonly Figure[]): string {
  return figures
    .map((f) => [f.id, f.value ? number(f.value.median, f.unit).replace(/,/g, '') : 'skipped', f.unit, f.baseline ? number(f.baseline.value.median, f.baseline.unit ?? f.unit).replace(/,/g, '') : '-', f.ratio !== undefined ? fmt(f.ratio, 3) : '-'].join(' '))
    .join('\n');
}

export function formatNotes(figures: readonly Figure[]): string {
  const out: string[] = [];
  for (const f of figures) {
    if (f.notes.length === 0) continue;
    out.push(`${f.name}${f.ok === false ? ' (budget missed)' : ''}:`);
    for (const n of f.notes) out.push(...n.split('\n').map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)));
  }
  return out.join('\n');
}
