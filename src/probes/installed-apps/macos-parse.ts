/** Pure helpers of the macOS installed-apps source: one Info.plist → one app entry. */
import { stringValue, type PlainDict } from '../../platform/macos/plist.js';
import type { DeclaredMetadata } from './app.js';

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
  /** `LSApplicationCategoryType`, when the bundle declares one. */
  metadata?: DeclaredMetadata[];
}

/**
 * `LSApplicationCategoryType`: the App Store category UTI a macOS bundle may declare (Apple,
 * Information Property List Key Reference, "Launch Services Keys"; app-metadata.md §4), kept as written.
 */
const categoryOf = (path: string, info: PlainDict | undefined): DeclaredMetadata[] => {
  // A UTI is a string: a number where one is expected is no category.
  const uti = typeof info?.LSApplicationCategoryType === 'string' ? stringValue(info, 'LSApplicationCategoryType') : null;
  return uti === null ? [] : [{ scheme: 'macos', file: `${path}/Contents/Info.plist`, field: 'LSApplicationCategoryType', values: [uti] }];
};

const bundleBaseName = (path: string): string => (path.split('/').pop() ?? path).replace(/\.app$/i, '');

/**
 * The entry for a bundle. name: CFBundleDisplayName, else CFBundleName, else the folder name;
 * version: CFBundleShortVersionString (the marketing version), else CFBundleVersion.
 */
export const bundleApp = (path: string, info: PlainDict | undefined, owner: { scope: 'system' | 'user'; user: string | null }): MacosApp => {
  const metadata = categoryOf(path, info);
  return {
    name: stringValue(info, 'CFBundleDisplayName') ?? stringValue(info, 'CFBundleName') ?? bundleBaseName(path),
    version: stringValue(info, 'CFBundleShortVersionString') ?? stringValue(info, 'CFBundleVersion'),
    source: 'macos-bundle',
    scope: owner.scope,
    user: owner.user,
    path,
    id: stringValue(info, 'CFBundleIdentifier'),
    executable: stringValue(info, 'CFBundleExecutable'),
    ...(metadata.length > 0 ? { metadata } : {}),
  };
};

export const isBundleName = (name: string): boolean => /\.app$/i.test(name) && !name.startsWith('.');
