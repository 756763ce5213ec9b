import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest.js';

const manifest = (files: unknown[]): string => JSON.stringify({ name: 'charter', version: '1.2.3', files });

describe('parseManifest', () => {
  it('keeps the name, version and shipped policy paths', () => {
    expect(parseManifest(manifest(['policies/lu-state-charter.yaml', 'policies/catalog/apps.yaml']))).toEqual({
      name: 'charter',
      version: '1.2.3',
      files: ['policies/lu-state-charter.yaml', 'policies/catalog/apps.yaml'],
    });
  });

  it.each([['policies/../../etc/passwd'], ['/etc/passwd'], ['policies\\..\\x'], ['dist/cli.js'], ['policies/'], ['policies/.hidden']])(
    'refuses %s: it could be written outside the package root',
    (file) => {
      expect(() => parseManifest(manifest([file]))).toThrow(/unsafe path/);
    },
  );

  it('refuses a manifest without files', () => {
    expect(() => parseManifest(JSON.stringify({ name: 'charter', version: '1' }))).toThrow(/malformed/);
  });
});
