/**
 * The value space as rows of cells for the home page map: one row per category band, each assigned
 * value a code cell, runs of unassigned values a gap cell (short runs cell by cell, long runs as one
 * labelled cell), and the unassigned stretches between bands as rows of their own.
 */
import { CATEGORIES, type CkrCategory } from '../reference/categories.ts';

export type MapCell =
  | { kind: 'code'; name: string; value: number }
  | { kind: 'gap'; from: number; to: number };

export interface MapRow {
  category?: CkrCategory;
  from: number;
  to: number;
  cells: MapCell[];
}

/** Gaps shorter than this are drawn one empty cell per value. */
const SHORT_GAP = 3;

function gapCells(from: number, to: number): MapCell[] {
  if (to < from) return [];
  if (to - from + 1 < SHORT_GAP) {
    return Array.from({ length: to - from + 1 }, (_, i) => ({ kind: 'gap' as const, from: from + i, to: from + i }));
  }
  return [{ kind: 'gap', from, to }];
}

export function valueSpaceMap(codes: readonly { name: string; value: number }[]): MapRow[] {
  const sorted = [...codes].sort((a, b) => a.value - b.value);
  const rows: MapRow[] = [];
  let previousEnd = -1;
  for (const category of CATEGORIES) {
    if (category.min > previousEnd + 1) {
      rows.push({ from: previousEnd + 1, to: category.min - 1, cells: gapCells(previousEnd + 1, category.min - 1) });
    }
    const inside = sorted.filter((c) => c.value >= category.min && c.value <= category.max);
    const cells: MapCell[] = [];
    let next = category.min;
    // The vendor band is four billion values wide: show its codes, not its gaps in between.
    const vendor = category.slug === 'vendor';
    for (const code of inside) {
      if (!vendor) cells.push(...gapCells(next, code.value - 1));
      cells.push({ kind: 'code', name: code.name, value: code.value });
      next = code.value + 1;
    }
    if (!vendor) cells.push(...gapCells(next, category.max));
    else if (next <= category.max) cells.push({ kind: 'gap', from: next, to: category.max });
    rows.push({ category, from: category.min, to: category.max, cells });
    previousEnd = category.max;
  }
  return rows;
}
