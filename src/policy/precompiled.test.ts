import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPolicy } from './load.js';
import { precompiledEntry, precompiledPolicy } from './precompiled.js';

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
    const [key, entry] = precompiledEntry(full, text, [{ path: catalogPath, text: readFileSync(join(work, catalogPath), 'utf8') }]);
    const table = JSON.parse(JSON.stringify({ [key]: entry })) as Record<string, typeof entry>;
    expect(await precompiledPolicy(file, text, table)).toEqual(full);
    // An edited policy text is not found; an edited catalog invalidates the entry.
    expect(await precompiledPolicy(file, `${text}\n# edited\n`, table)).toBeUndefined();
    writeFileSync(join(work, catalogPath), `${readFileSync(join(work, catalogPath), 'utf8')}\n# edited\n`);
    expect(await precompiledPolicy(file, text, table)).toBeUndefined();
  });
});
