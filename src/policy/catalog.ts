/**
 * The app catalog: platform identifiers → one canonical app id with categories.
 * Data lives in policies/catalog/*.yaml and is validated by schemas/catalog.schema.json.
 */

export const appCategories = ['messenger', 'social-network', 'cloud-sync', 'remote-access'] as const;
export type AppCategory = (typeof appCategories)[number];

export interface LinuxIdentifiers {
  /** Package names in dpkg, rpm, apk or pacman databases. */
  packages?: string[];
  flatpak?: string[];
  snap?: string[];
  /** Basenames of .desktop files (without the .desktop suffix). */
  desktopFiles?: string[];
  /** Process names (comm, or the basename of argv[0] / exe). */
  processes?: string[];
  /** Per-user data directories, relative to the home directory (no leading ~/). */
  dataDirs?: string[];
  /** Install directories (absolute), e.g. /opt/Signal. */
  installDirs?: string[];
  /** Element-style config.json files, relative to the home directory. */
  matrixConfigs?: string[];
}

export interface MacosIdentifiers {
  bundleIds?: string[];
  processes?: string[];
  /** Relative to the home directory, e.g. Library/Application Support/Signal. */
  dataDirs?: string[];
  matrixConfigs?: string[];
}

export interface WindowsIdentifiers {
  /** Regular expressions (case-insensitive) matched against Uninstall DisplayName. */
  uninstallNames?: string[];
  /** Uninstall subkey names, e.g. `{53F49750-6209-4FBF-9CA8-7A333C87D1ED}_is1` (Telegram Desktop). */
  uninstallKeys?: string[];
  /** AppX/MSIX package names or family names (the part before the publisher hash also matches). */
  appx?: string[];
  /** Image names, e.g. Telegram.exe. */
  processes?: string[];
  /** Relative to the user profile, with backslashes, e.g. AppData\\Roaming\\Signal. */
  dataDirs?: string[];
  matrixConfigs?: string[];
}

/**
 * What claims an Element-style config.json for this app besides its homeserver (which decides
 * where the data goes, see `homeservers`). These name the build; they never make an approval on
 * their own (src/probes/derived/software/derive.ts).
 */
export interface MatrixIdentifiers {
  /** `brand` values, compared case-insensitively with white space removed ("LuxChat 4 Gov" = "Luxchat4Gov"). */
  brands?: string[];
  /** Domains (suffix match on a label boundary) of the config's download, update and link URLs. */
  domains?: string[];
}

/** How an app is used in a browser: its web origins. */
export interface WebIdentifiers {
  /**
   * Origins, `https://web.whatsapp.com` (scheme, host, optional port; no path). A host may start
   * with `*.` to match any subdomain (`https://*.slack.com`).
   */
  origins?: string[];
}

export interface CatalogApp {
  /** Canonical kebab-case id, e.g. 'telegram', 'luxchat4gov'. */
  id: string;
  name: string;
  /**
   * The charter categories the app belongs to. Empty: known, and in none of them (an organisation
   * uses this to take an app that platform metadata would classify out of the rules).
   */
  categories: AppCategory[];
  /** Approved by the administration (e.g. LuxChat4Gov). */
  approved: boolean;
  /** Why it is (or is not) approved, in one sentence; reports show it beside the app. */
  reason?: string;
  /** Case-insensitive regular expressions matched against display names on every platform. */
  namePatterns?: string[];
  /** Matrix homeserver domains that identify this app in an Element-style config (suffix match). */
  homeservers?: string[];
  /** Brands and URL domains that claim an Element-style config for this app. */
  matrix?: MatrixIdentifiers;
  linux?: LinuxIdentifiers;
  macos?: MacosIdentifiers;
  windows?: WindowsIdentifiers;
  web?: WebIdentifiers;
  notes?: string;
}

/** Apps in match order: earlier entries win (LuxChat4Gov comes before generic Element). */
export interface Catalog {
  apps: CatalogApp[];
}
