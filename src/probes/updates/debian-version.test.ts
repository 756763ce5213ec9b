import { describe, expect, it } from 'vitest';
import { compareDebianVersions, parseDebianVersion } from './debian-version.js';
import { sampleText } from '../../testing/updates-samples.js';

/** Pairs of real Debian versions (dpkg status and bookworm lists) with dpkg --compare-versions' verdict. */
const pairs = sampleText('dpkg-compare-versions.tsv')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => line.split('\t') as [string, string, string]);

describe('compareDebianVersions', () => {
  it('agrees with dpkg --compare-versions on every recorded pair', () => {
    expect(pairs.length).toBeGreaterThan(2000);
    const sign = (n: number): string => (n < 0 ? '<' : n > 0 ? '>' : '=');
    const disagreements = pairs.filter(([a, relation, b]) => sign(compareDebianVersions(a, b)) !== relation);
    expect(disagreements).toEqual([]);
    const reversed = pairs.filter(
      ([a, relation, b]) => sign(compareDebianVersions(b, a)) !== ({ '<': '>', '>': '<', '=': '=' } as Record<string, string>)[relation],
    );
    expect(reversed).toEqual([]);
  });

  it('sorts ~ before the end of the string and honours the epoch', () => {
    expect(compareDebianVersions('3.0.20-1~deb12u2', '3.0.20-1')).toBeLessThan(0);
    expect(compareDebianVersions('1:1.0', '9.9')).toBeGreaterThan(0);
    expect(parseDebianVersion('2:9.0.1378-2+deb12u2')).toEqual({ epoch: 2, upstream: '9.0.1378', revision: '2+deb12u2' });
  });
});
