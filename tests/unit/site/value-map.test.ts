/** The home page's map of the 32-bit value space: every code once, every unassigned value in a gap. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { valueSpaceMap, type MapCell, type MapRow } from '../../../src/site/value-map.ts';
import { CATEGORIES } from '../../../src/reference/categories.ts';
import { registry } from './fixture.ts';

const rows = valueSpaceMap(registry.codes);
const codeCells = (row: MapRow) => row.cells.filter((c): c is Extract<MapCell, { kind: 'code' }> => c.kind === 'code');
const gapCells = (row: MapRow) => row.cells.filter((c): c is Extract<MapCell, { kind: 'gap' }> => c.kind === 'gap');
const cellFrom = (c: MapCell) => (c.kind === 'code' ? c.value : c.from);
const cellTo = (c: MapCell) => (c.kind === 'code' ? c.value : c.to);

describe('valueSpaceMap of the spec codes', () => {
  it('shows every code exactly once, as a cell of its category band', () => {
    const cells = rows.flatMap(codeCells);
    expect(cells.map((c) => c.name).sort()).toEqual(registry.codes.map((c) => c.name).sort());
    for (const code of registry.codes) {
      const holders = rows.filter((r) => codeCells(r).some((c) => c.name === code.name));
      expect(holders, code.name).toHaveLength(1);
      expect(holders[0].category?.slug, code.name).toBe(code.category);
      expect(codeCells(holders[0]).find((c) => c.name === code.name)!.value).toBe(code.value);
    }
  });

  it('has one row per category band, in the order of the table, with the unassigned stretches between bands as rows', () => {
    expect(rows.filter((r) => r.category).map((r) => r.category!.slug)).toEqual(CATEGORIES.map((c) => c.slug));
    const between = rows.filter((r) => !r.category);
    const expected: [number, number][] = [];
    for (let i = 1; i < CATEGORIES.length; i++) {
      if (CATEGORIES[i].min > CATEGORIES[i - 1].max + 1) expected.push([CATEGORIES[i - 1].max + 1, CATEGORIES[i].min - 1]);
    }
    expect(between.map((r) => [r.from, r.to])).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining([[0x1c0, 0x1ff], [0x300, 0x7fffffff]]));
    for (const row of between) {
      expect(codeCells(row)).toEqual([]);
      expect(gapCells(row).map((g) => [g.from, g.to])).toEqual([[row.from, row.to]]);
    }
  });

  it('covers 0 to 0xFFFFFFFF with rows in order, each row with its cells in order and without overlap', () => {
    expect(rows[0].from).toBe(0);
    expect(rows.at(-1)!.to).toBe(0xffffffff);
    for (let i = 1; i < rows.length; i++) expect(rows[i].from, `row ${i}`).toBe(rows[i - 1].to + 1);
    for (const row of rows) {
      expect(cellFrom(row.cells[0])).toBe(row.from);
      expect(cellTo(row.cells.at(-1)!)).toBe(row.to);
      for (let i = 1; i < row.cells.length; i++) expect(cellFrom(row.cells[i]), `${row.category?.slug} cell ${i}`).toBe(cellTo(row.cells[i - 1]) + 1);
      for (const cell of row.cells) expect(cellFrom(cell)).toBeLessThanOrEqual(cellTo(cell));
    }
  });

  it('makes the gaps of each band exactly its unassigned values', () => {
    const assigned = new Set(registry.codes.map((c) => c.value));
    for (const row of rows.filter((r) => r.category)) {
      const gaps = gapCells(row);
      // No gap holds a code, and every value of the band that is not a code is in a gap.
      for (const gap of gaps) {
        for (const code of registry.codes) expect(code.value >= gap.from && code.value <= gap.to, `${code.name} in a gap`).toBe(false);
      }
      const gapSize = gaps.reduce((n, g) => n + (g.to - g.from + 1), 0);
      const codesInBand = registry.codes.filter((c) => c.value >= row.from && c.value <= row.to).length;
      expect(gapSize + codesInBand, row.category!.slug).toBe(row.to - row.from + 1);
      if (row.category!.slug !== 'vendor') {
        for (let v = row.from; v <= row.to; v++) {
          const inGap = gaps.some((g) => v >= g.from && v <= g.to);
          expect(inGap, `${row.category!.slug} 0x${v.toString(16)}`).toBe(!assigned.has(v));
        }
      }
    }
  });

  it('draws short gaps value by value and long gaps as one cell', () => {
    for (const row of rows) {
      const gaps = row.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === 'gap');
      for (const { c, i } of gaps) {
        const size = cellTo(c) - cellFrom(c) + 1;
        if (size > 1) expect(size, `${row.category?.slug}`).toBeGreaterThanOrEqual(3);
        // Two long gaps are never adjacent (one run is one cell).
        const next = row.cells[i + 1];
        if (next?.kind === 'gap') expect(size === 1 && cellTo(next) === cellFrom(next)).toBe(true);
      }
    }
    const general = rows.find((r) => r.category?.slug === 'general')!;
    expect(general.cells.find((c) => c.kind === 'gap' && c.from === 4)).toEqual({ kind: 'gap', from: 4, to: 4 });
    expect(general.cells.find((c) => c.kind === 'gap' && c.from === 0xb)).toEqual({ kind: 'gap', from: 0xb, to: 0xf });
    const vendor = rows.find((r) => r.category?.slug === 'vendor')!;
    expect(vendor.cells).toEqual([
      { kind: 'code', name: 'CKR_VENDOR_DEFINED', value: 0x80000000 },
      { kind: 'gap', from: 0x80000001, to: 0xffffffff },
    ]);
  });

  it('shows as gaps the unassigned values ../shared/reference/README.md lists', () => {
    const readme = fileURLToPath(new URL('../../../../shared/reference/README.md', import.meta.url));
    let text: string;
    try {
      text = readFileSync(readme, 'utf8');
    } catch {
      return; // ../shared is beside the clone in CI and here; nothing to compare without it
    }
    const list = /Unassigned values inside the ranges: ([^(]+)\(/.exec(text.replace(/\s+/g, ' '))![1];
    const ranges = [...list.matchAll(/0x([0-9A-F]+)(?:–0x([0-9A-F]+))?/g)].map((m) => [Number.parseInt(m[1], 16), Number.parseInt(m[2] ?? m[1], 16)]);
    expect(ranges.length).toBeGreaterThanOrEqual(10);
    const gaps = rows.flatMap(gapCells);
    for (const [from, to] of ranges) {
      for (let v = from; v <= to; v++) expect(gaps.some((g) => v >= g.from && v <= g.to), `0x${v.toString(16)}`).toBe(true);
    }
  });

  it('does not depend on the order of its input, and handles no codes', () => {
    expect(valueSpaceMap([...registry.codes].reverse())).toEqual(rows);
    const empty = valueSpaceMap([]);
    expect(empty.flatMap(codeCells)).toEqual([]);
    expect(empty.filter((r) => r.category)).toHaveLength(CATEGORIES.length);
  });
});
