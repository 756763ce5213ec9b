/** Pure helpers of the macOS installed-apps source: one Info.plist → one app entry. */
import { stringValue, type PlainDict } from '../../macos/plist.js';

export interface MacosApp {
  name: string;
  version: string | null;
  source: 'macos-bundle';
  scope: 'system' | 'user';
  user: string | null;
  path: string;
  /** CFBundleIdentifier. */
  id: string | null;
  /** CFBundleExecutable: the process name the app runs as. */
  executable: string | null;
}

const bundleBaseName = (path: string): string => (path.split('/').pop() ?? path).replace(/\.app$/i, '');

/**
 * The entry for a bundle. name: CFBundleDisplayName, else CFBundleName, else the folder name;
 * version: CFBundleShortVersionString (the marketing version), else CFBundleVersion.
 */
export const bundleApp = (path: string, info: PlainDict | undefined, owner: { scope: 'system' | 'user'; user: string | null }): MacosApp => ({
  name: stringValue(info, 'CFBundleDisplayName') ?? stringValue(info, 'CFBundleName') ?? bundleBaseName(path),
  version: stringValue(info, 'CFBundleShortVersionString') ?? stringValue(info, 'CFBundleVersion'),
  source: 'macos-bundle',
  scope: owner.scope,
  user: owner.user,
  path,
  id: stringValue(info, 'CFBundleIdentifier'),
  executable: stringValue(info, 'CFBundleExecutable'),
});

export const isBundleName = (name: string): boolean => /\.app$/i.test(name) && !name.startsWith('.');
