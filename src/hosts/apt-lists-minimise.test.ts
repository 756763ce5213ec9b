import { describe, expect, it } from 'vitest';
import { decodeLz4Frames, lz4StoredFrame } from '../platform/codecs/lz4.js';
import { minimiseAptLists } from './apt-lists-minimise.js';

describe('minimiseAptLists', () => {
  const status = Buffer.from('Package: bash\nStatus: install ok installed\nVersion: 5.2\n\nPackage: gone\nStatus: deinstall ok config-files\nVersion: 1\n');
  const list = 'Package: bash\nVersion: 5.2.15\n\nPackage: zsh\nVersion: 5.9\n\nPackage: gone\nVersion: 2\n';

  it('keeps only installed packages, in plain and lz4 lists', () => {
    const files = new Map<string, Buffer | undefined>([
      ['/var/lib/dpkg/status', status],
      ['/var/lib/apt/lists/x_Packages', Buffer.from(list)],
      ['/var/lib/apt/lists/y_Packages.lz4', lz4StoredFrame(Buffer.from(list))],
      ['/etc/other', Buffer.from(list)],
    ]);
    const { files: out, minimised } = minimiseAptLists(files);
    expect(minimised).toEqual(['/var/lib/apt/lists/x_Packages', '/var/lib/apt/lists/y_Packages.lz4']);
    expect(out.get('/var/lib/apt/lists/x_Packages')?.toString()).toBe('Package: bash\nVersion: 5.2.15\n');
    expect(decodeLz4Frames(out.get('/var/lib/apt/lists/y_Packages.lz4') ?? Buffer.alloc(0)).toString()).toBe('Package: bash\nVersion: 5.2.15\n');
    expect(out.get('/etc/other')?.toString()).toBe(list);
  });

  it('changes nothing without a recorded dpkg status', () => {
    const files = new Map([['/var/lib/apt/lists/x_Packages', Buffer.from(list)]]);
    expect(minimiseAptLists(files).minimised).toEqual([]);
  });
});
