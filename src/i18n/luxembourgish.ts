/**
 * The n-rule of Luxembourgish (Eifeler Regel, orthography of 2019): a word ending in `n` or `nn`
 * (`den`, `an`, `vun`, `keen`, `Konditiounen`) drops it before a word that starts with a consonant,
 * except before `n`, `d`, `t`, `z` and `h`; it keeps it before a vowel, those five consonants and at
 * the end of a phrase. Charter's Luxembourgish sentences put values, names and numbers after such
 * words, so the rule is applied when the sentence is written, from what follows.
 */

/** Letters a kept `n` may stand before. */
const keepsN = new Set(['a', 'e', 'i', 'o', 'u', 'ä', 'ë', 'é', 'è', 'ê', 'ö', 'ü', 'â', 'î', 'ô', 'û', 'n', 'd', 't', 'z', 'h']);

/** The first letter of the units 0–19 and tens 20–90 as Luxembourgish says them. */
const small = ['n', 'e', 'z', 'd', 'v', 'f', 's', 's', 'a', 'n', 'z', 'e', 'z', 'd', 'v', 'f', 's', 's', 'u', 'n'];
// zwanzeg, drësseg, véierzeg, fofzeg, sechzeg, siwwenzeg, achtzeg, nonzeg
const tens = ['', '', 'z', 'd', 'v', 'f', 's', 's', 'a', 'n'];

/**
 * The first letter of a whole number as Luxembourgish speaks it: `21` is eenanzwanzeg (units
 * first), `100` honnert, `200` zweehonnert, `1000` dausend, a million eng Millioun.
 */
export const spokenInitial = (value: number): string => {
  const n = Math.floor(Math.abs(value));
  if (n >= 1_000_000) return 'e';
  if (n >= 1000) return n < 2000 ? 'd' : spokenInitial(Math.floor(n / 1000));
  if (n >= 100) return n < 200 ? 'h' : spokenInitial(Math.floor(n / 100));
  if (n < 20) return small[n] ?? 'n';
  const units = n % 10;
  return units === 0 ? (tens[Math.floor(n / 10)] ?? 'z') : (small[units] ?? 'e');
};

/** How the text after a word starts, as heard: its first letter, or the first letter of its number. */
const nextSound = (next: string): string | undefined => {
  const start = next.replace(/^[^\p{L}\p{N}]+/u, '');
  const number = /^\d[\d.,\u00a0\u202f ]*/.exec(start);
  if (number !== null) return spokenInitial(Number(number[0].replace(/[^\d]/g, '').slice(0, 15)));
  return start.charAt(0).toLowerCase() || undefined;
};

/** `word` as it stands before `next`: `den Apparat`, `de Server`, `vun 12`, `vu 7`. */
export const nRule = (word: string, next: string): string => {
  if (!word.endsWith('n')) return word;
  const sound = nextSound(next);
  if (sound === undefined || keepsN.has(sound) || !/\p{L}/u.test(sound)) return word;
  return word.endsWith('nn') ? word.slice(0, -2) : word.slice(0, -1);
};

/** `word` followed by `next`, with the n-rule applied: `n('vun', '7 Elementer')` is `vu 7 Elementer`. */
export const withN = (word: string, next: string): string => `${nRule(word, next)} ${next}`;
