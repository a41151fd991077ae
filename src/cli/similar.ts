/** Near matches: "did you mean" for commands and options, similar labels for find-key. */

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** The closest candidate within two edits, if any. */
export function suggestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Labels close to `wanted`: equal ignoring case, one contains the other, or a few edits away. */
export function similarLabels(wanted: string, labels: readonly string[]): string[] {
  const a = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(a.length / 3));
  return [...new Set(labels)]
    .filter((label) => {
      const b = label.toLowerCase();
      return label !== wanted && (b.includes(a) || a.includes(b) || editDistance(a, b) <= limit);
    })
    .sort();
}
