/**
 * Debian package version comparison, as dpkg does it (lib/dpkg/version.c, `dpkg_version_compare` and
 * `verrevcmp`): epoch numerically, then upstream version and Debian revision by alternating
 * non-digit runs (letters before other characters, `~` before everything, even the end of the
 * string) and digit runs compared as numbers.
 */

interface DebianVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

/** Splits `[epoch:]upstream[-revision]`; a missing epoch is 0, a missing revision is empty (= "0"). */
export const parseDebianVersion = (text: string): DebianVersion => {
  const version = text.trim();
  const colon = version.indexOf(':');
  const epochText = colon === -1 ? '' : version.slice(0, colon);
  const rest = colon === -1 ? version : version.slice(colon + 1);
  const dash = rest.lastIndexOf('-');
  return {
    epoch: epochText === '' ? 0 : Number.parseInt(epochText, 10) || 0,
    upstream: dash === -1 ? rest : rest.slice(0, dash),
    revision: dash === -1 ? '' : rest.slice(dash + 1),
  };
};

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** dpkg's `order()`: the weight of one non-digit character; 0 is the end of the string. */
const order = (c: number): number => {
  if (Number.isNaN(c) || c === 0 || isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
};

/** dpkg's `verrevcmp` over one part (upstream or revision). */
const verrevcmp = (a: string, b: string): number => {
  let i = 0;
  let j = 0;
  const at = (s: string, k: number): number => (k < s.length ? s.charCodeAt(k) : 0);
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(at(a, i))) || (j < b.length && !isDigit(at(b, j)))) {
      const ac = order(at(a, i));
      const bc = order(at(b, j));
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (at(a, i) === 48) i++;
    while (at(b, j) === 48) j++;
    while (isDigit(at(a, i)) && isDigit(at(b, j))) {
      if (firstDiff === 0) firstDiff = at(a, i) - at(b, j);
      i++;
      j++;
    }
    if (isDigit(at(a, i))) return 1;
    if (isDigit(at(b, j))) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
};

/** Negative when a < b, 0 when equal, positive when a > b (the sign is what counts). */
export const compareDebianVersions = (a: string, b: string): number => {
  if (a === b) return 0;
  const va = parseDebianVersion(a);
  const vb = parseDebianVersion(b);
  if (va.epoch !== vb.epoch) return va.epoch > vb.epoch ? 1 : -1;
  return verrevcmp(va.upstream, vb.upstream) || verrevcmp(va.revision, vb.revision);
};
