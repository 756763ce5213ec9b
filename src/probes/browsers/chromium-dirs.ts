/**
 * Where the Chromium family keeps its user-data directories, relative to a home, per platform.
 * Sources (reference app-metadata.md §6.1): chromium/chromium docs/user_data_dir.md @4c58b9ed
 * (Chrome, Chromium, channels), osquery/osquery osquery/tables/applications/chrome/utils.cpp
 * @184bde50 (Edge, Brave, snap Chromium), brave/brave-core chromium_src/chrome/install_static/
 * chromium_install_modes.cc (Brave folder names). Flatpak: `~/.var/app/<id>/config` is the app's
 * XDG_CONFIG_HOME (flatpak common/flatpak-context.c); the per-id paths are derived, not observed.
 * A user-data directory moved with --user-data-dir, $CHROME_USER_DATA_DIR or $XDG_CONFIG_HOME is
 * not found (README, browser evidence).
 */
import type { Platform } from '../../model.js';
import type { BrowserId } from './shapes.js';

export interface UserDataDir {
  browser: BrowserId;
  /** Relative to the home, `/`-separated (Windows paths are joined with `\` by the Windows script). */
  path: string;
}

const linux: readonly UserDataDir[] = [
  { browser: 'chrome', path: '.config/google-chrome' },
  { browser: 'chrome', path: '.config/google-chrome-beta' },
  { browser: 'chrome', path: '.config/google-chrome-unstable' },
  { browser: 'chrome', path: '.var/app/com.google.Chrome/config/google-chrome' },
  { browser: 'chromium', path: '.config/chromium' },
  { browser: 'chromium', path: 'snap/chromium/common/chromium' },
  { browser: 'chromium', path: '.var/app/org.chromium.Chromium/config/chromium' },
  { browser: 'edge', path: '.config/microsoft-edge' },
  { browser: 'edge', path: '.config/microsoft-edge-beta' },
  { browser: 'edge', path: '.config/microsoft-edge-dev' },
  { browser: 'edge', path: '.var/app/com.microsoft.Edge/config/microsoft-edge' },
  { browser: 'brave', path: '.config/BraveSoftware/Brave-Browser' },
  { browser: 'brave', path: '.config/BraveSoftware/Brave-Browser-Beta' },
  { browser: 'brave', path: '.config/BraveSoftware/Brave-Browser-Nightly' },
  { browser: 'brave', path: 'snap/brave/current/.config/BraveSoftware/Brave-Browser' },
  { browser: 'brave', path: '.var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser' },
];

const macos: readonly UserDataDir[] = [
  { browser: 'chrome', path: 'Library/Application Support/Google/Chrome' },
  { browser: 'chrome', path: 'Library/Application Support/Google/Chrome Beta' },
  { browser: 'chrome', path: 'Library/Application Support/Google/Chrome Canary' },
  { browser: 'chromium', path: 'Library/Application Support/Chromium' },
  { browser: 'edge', path: 'Library/Application Support/Microsoft Edge' },
  { browser: 'edge', path: 'Library/Application Support/Microsoft Edge Beta' },
  { browser: 'brave', path: 'Library/Application Support/BraveSoftware/Brave-Browser' },
];

const windows: readonly UserDataDir[] = [
  { browser: 'chrome', path: 'AppData/Local/Google/Chrome/User Data' },
  { browser: 'chrome', path: 'AppData/Local/Google/Chrome Beta/User Data' },
  { browser: 'chrome', path: 'AppData/Local/Google/Chrome SxS/User Data' },
  { browser: 'chromium', path: 'AppData/Local/Chromium/User Data' },
  { browser: 'edge', path: 'AppData/Local/Microsoft/Edge/User Data' },
  { browser: 'edge', path: 'AppData/Local/Microsoft/Edge Beta/User Data' },
  { browser: 'brave', path: 'AppData/Local/BraveSoftware/Brave-Browser/User Data' },
];

export const userDataDirs = (platform: Platform): readonly UserDataDir[] => (platform === 'macos' ? macos : platform === 'windows' ? windows : linux);

/** Display names for evidence. */
export const browserNames: Readonly<Record<BrowserId, string>> = {
  chrome: 'Chrome',
  chromium: 'Chromium',
  edge: 'Edge',
  brave: 'Brave',
  firefox: 'Firefox',
};

/**
 * The browser a launcher's program belongs to (`/usr/bin/google-chrome-stable`, `chromium`,
 * `microsoft-edge`, `brave-browser`, `flatpak run org.chromium.Chromium`), or null.
 */
export const browserOfProgram = (program: string): Exclude<BrowserId, 'firefox'> | null => {
  const name = program.toLowerCase();
  if (/brave/.test(name)) return 'brave';
  if (/edge/.test(name)) return 'edge';
  if (/chromium/.test(name)) return 'chromium';
  if (/chrome/.test(name)) return 'chrome';
  return null;
};
