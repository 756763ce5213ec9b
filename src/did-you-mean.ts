/**
 * "Did you mean": the known names closest to what was typed. Compared without case and without the
 * punctuation people drop or change (`ENC01`, `enc_01` and `Enc-01` all name ENC-01), by optimal
 * string alignment distance (Damerau–Levenshtein with adjacent transpositions). A candidate is
 * offered when it is within a third of the longer name's length (at least 1, at most 3 edits), or
 * when one name starts the other (`ssh` for `ssh:HOST`, `json` for `js`).
 */
const normalise = (name: string): string => name.toLowerCase().replace(/[\s_.:/@[\]-]+/g, '');

export const editDistance = (a: string, b: string): number => {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
};

/** Up to `limit` candidates, closest first (ties in the candidates' order); none when nothing is close. */
export const didYouMean = (typed: string, candidates: readonly string[], limit = 3): string[] => {
  const wanted = normalise(typed);
  if (wanted === '') return [];
  const scored: { name: string; distance: number; index: number }[] = [];
  candidates.forEach((name, index) => {
    const known = normalise(name);
    if (known === '') return;
    if (known === wanted) {
      scored.push({ name, distance: 0, index });
      return;
    }
    const distance = editDistance(wanted, known);
    const allowed = Math.min(3, Math.max(1, Math.floor(Math.max(wanted.length, known.length) / 3)));
    const prefix = Math.min(wanted.length, known.length) >= 2 && (known.startsWith(wanted) || wanted.startsWith(known));
    if (distance <= allowed || prefix) scored.push({ name, distance: prefix ? Math.min(distance, 1) : distance, index });
  });
  return scored
    .sort((x, y) => x.distance - y.distance || x.index - y.index)
    .slice(0, limit)
    .map((s) => s.name);
};

/** ` (did you mean X or Y?)`, or nothing. English; callers with a language pass their own words. */
export const didYouMeanSuffix = (typed: string, candidates: readonly string[]): string => {
  const close = didYouMean(typed, candidates);
  return close.length === 0 ? '' : ` (did you mean ${close.join(' or ')}?)`;
};
