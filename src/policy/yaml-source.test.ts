import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { PolicyError } from '../errors.js';
import { readYamlFile } from './yaml-source.js';

const dir = mkdtempSync(join(tmpdir(), 'charter-yaml-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const problemOf = async (file: string): Promise<string> => {
  const error: unknown = await readYamlFile(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PolicyError);
  return (error as PolicyError).message;
};

describe('readYamlFile', () => {
  it('reads a regular file', async () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, 'a: 1\n');
    expect((await readYamlFile(file)).data).toEqual({ a: 1 });
  });

  it('refuses a missing file, a directory and a FIFO in one problem at line 1, without reading (a FIFO would block)', async () => {
    expect(await problemOf(join(dir, 'missing.yaml'))).toMatch(/missing\.yaml:1:1: cannot read file: no such file$/);
    expect(await problemOf(dir)).toMatch(/:1:1: cannot read file: it is a directory, not a file$/);
    const fifo = join(dir, 'fifo.yaml');
    await execa('mkfifo', [fifo]);
    expect(await problemOf(fifo)).toMatch(/fifo\.yaml:1:1: cannot read file: it is a FIFO, not a regular file$/);
  });
});
