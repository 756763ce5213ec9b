import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { limits } from './limits.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### Limits'), readme.indexOf('## Targets'));
const MiB = 1024 * 1024;

describe('limits', () => {
  it('are the ones README documents', () => {
    expect(section).toContain(`| a policy, an extended policy, a catalog | ${String(limits.policyBytes / MiB)} MiB`);
    expect(section).toContain(`${limits.policyExpandedNodes.toLocaleString('en')} nodes`);
    expect(section).toContain(`| waivers, attestations, an inventory | ${String(limits.governanceBytes / MiB)} MiB each |`);
    expect(limits.inventoryBytes).toBe(limits.governanceBytes);
    expect(section).toContain(
      `| a \`--baseline\` (an earlier audit's JSON report) | ${String(limits.baselineBytes / MiB)} MiB besides its host lines, and per line`,
    );
    expect(section).toContain(
      `| a snapshot | ${String(limits.snapshotBytes / MiB)} MiB, and ${String(limits.snapshotBytes / MiB)} MiB once decompressed when it is gzip (a gzip bomb or a truncated file is refused); values nested at most ${String(limits.snapshotDepth)} deep`,
    );
    expect(section).toContain(
      `strings and keys at most ${String(limits.snapshotStringBytes / MiB)} MiB; a host name at most ${limits.hostNameChars.toLocaleString('en')} characters`,
    );
    expect(section).toContain(`host | ${String(limits.hostFileBytes / MiB)} MiB:`);
    expect(limits.sshFrameBytes).toBe(limits.hostFileBytes + 64 * 1024);
  });
});
