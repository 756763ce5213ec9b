import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from './load.js';

describe('catalog patterns', () => {
  it('refuses a lookahead or a backreference at the pattern, with file:line:col', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'charter-catalog-')), 'apps.yaml');
    writeFileSync(
      file,
      [
        'schemaVersion: 1',
        'apps:',
        '  - id: chat',
        '    name: Chat',
        '    categories: [messenger]',
        '    approved: false',
        "    namePatterns: ['^chat', '^chat(?!pro)']",
        '    windows:',
        "      uninstallNames: ['(c)\\1']",
        '',
      ].join('\n'),
    );
    const error: unknown = await loadCatalog(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const lines = (error as Error).message.split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/apps\.yaml:7:\d+: app 'chat': invalid regular expression "\^chat\(\?!pro\)": lookahead and lookbehind .* not supported/),
      expect.stringMatching(/apps\.yaml:9:\d+: app 'chat': invalid regular expression .*: backreferences .* not supported/),
    ]);
  });
});
