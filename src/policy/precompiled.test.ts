import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPolicy } from './load.js';
import { precompiledEntry, precompiledPolicy, type PrecompiledTable } from './precompiled.js';

const policies = new URL('../../policies/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'charter-precompiled-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('precompiled policies', () => {
  it('gives exactly what the full loader gives, and nothing once a file changes', async () => {
    cpSync(policies, work, { recursive: true });
    const file = join(work, 'lu-state-charter.yaml');
    const text = readFileSync(file, 'utf8');
    const full = await loadPolicy(file, { precompiled: false });
    const catalogPath = 'catalog/apps.yaml';
    const catalogText = readFileSync(join(work, catalogPath), 'utf8');
    const entry = precompiledEntry(full, text, [{ path: catalogPath, text: catalogText }]);
    const table = JSON.parse(JSON.stringify([entry])) as PrecompiledTable;
    expect(await precompiledPolicy(file, text, table)).toEqual(full);
    // An edited policy text is not found, even one of the same length; an edited catalog invalidates the entry.
    expect(await precompiledPolicy(file, `${text}\n# edited\n`, table)).toBeUndefined();
    const sameLength = text.replace('severity: high', 'severity: info');
    expect(sameLength).not.toBe(text);
    expect(sameLength.length).toBe(text.length);
    expect(await precompiledPolicy(file, sameLength, table)).toBeUndefined();
    writeFileSync(join(work, catalogPath), catalogText.replace('messenger', 'messengeR'));
    expect(await precompiledPolicy(file, text, table)).toBeUndefined();
    rmSync(join(work, catalogPath));
    expect(await precompiledPolicy(file, text, table)).toBeUndefined();
    writeFileSync(join(work, catalogPath), catalogText);
    expect(await precompiledPolicy(file, text, table)).toEqual(full);
  });

  it('takes the policy of the entry whose text is the file text, among several', async () => {
    const file = join(work, 'lu-state-charter.yaml');
    const text = readFileSync(join(policies, 'lu-state-charter.yaml'), 'utf8');
    const full = await loadPolicy(join(policies, 'lu-state-charter.yaml'), { precompiled: false });
    const decoy = precompiledEntry({ ...full, id: 'decoy' }, `${text} `, []);
    const table: PrecompiledTable = [decoy, precompiledEntry(full, text, [])];
    expect((await precompiledPolicy(file, text, table))?.id).toBe(full.id);
    expect((await precompiledPolicy(file, `${text} `, table))?.id).toBe('decoy');
    expect(await precompiledPolicy(file, text.slice(1), table)).toBeUndefined();
  });
});
