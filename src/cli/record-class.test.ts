import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../model.js';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const work = mkdtempSync(join(tmpdir(), 'charter-record-class-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const tree = (dir: string, files: Record<string, string>): string => {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
};

const classOf = async (target: string): Promise<string> => {
  const io = memoryIo({ cwd: work });
  await run(['check', '--target', target, '--format', 'json'], io);
  return (JSON.parse(io.out()) as Report).target.class;
};

const base = { 'etc/os-release': 'ID=debian\nVERSION_ID="12"\n', 'bin/sh': '' };

describe('the class of a root at rest, and of its recording', () => {
  it('is the same: os-image with a kernel, container-image without', async () => {
    const os = tree(join(work, 'os'), { ...base, 'etc/fstab': '\n', 'boot/vmlinuz-6.1.0-18-amd64': '' });
    const container = tree(join(work, 'container'), { ...base, 'etc/fstab': '# UNCONFIGURED FSTAB FOR BASE SYSTEM\n', '.dockerenv': '' });
    expect(await classOf(`root:${os}`)).toBe('os-image');
    expect(await classOf(`root:${container}`)).toBe('container-image');
    for (const name of ['os', 'container']) {
      const io = memoryIo({ cwd: work });
      expect(await run(['record', '--target', `root:${join(work, name)}`, '--output', join(work, `${name}-replay`)], io), io.err()).toBe(0);
    }
    expect(await classOf(`replay:${join(work, 'os-replay')}`)).toBe('os-image');
    expect(await classOf(`replay:${join(work, 'container-replay')}`)).toBe('container-image');
  });
});
