/** What a freedesktop desktop entry declares about its app: `Categories`, with `Keywords` and `GenericName`. */
import type { DeclaredMetadata } from './app.js';
import type { DesktopEntry } from './parse.js';

/**
 * The `freedesktop` declaration of one desktop file, or undefined when it declares neither
 * categories nor search words. `keywords` holds `Keywords=` then `GenericName=` (both unlocalised):
 * the second signal the classification uses when categories are missing or vague (app-metadata.md §1.2).
 */
export const desktopMetadata = (file: string, entry: DesktopEntry): DeclaredMetadata | undefined => {
  const keywords = entry.genericName === null ? entry.keywords : [...entry.keywords, entry.genericName];
  if (entry.categories.length === 0 && keywords.length === 0) return undefined;
  return { scheme: 'freedesktop', file, field: 'Categories', values: [...entry.categories], ...(keywords.length > 0 ? { keywords: [...keywords] } : {}) };
};
