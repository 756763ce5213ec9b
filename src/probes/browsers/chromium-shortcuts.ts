/**
 * OS launchers Chromium writes for installed web apps (pure parsers; reference app-metadata.md §6.4):
 * - Linux: `~/.local/share/applications/<prefix>-<app id>-<Profile>.desktop` with
 *   `Exec=<browser> [--user-data-dir=…] --profile-directory=<dir> --app-id=<id>`
 *   (chromium/chromium chrome/browser/shell_integration_linux.cc @01ab59ae; observed with Chromium
 *   156, whose launcher is named `chrome-…` too: fixtures/samples/browsers/chromium-156/applications).
 * - macOS: `~/Applications/<Browser> Apps.localized/<Name>.app/Contents/Info.plist` with
 *   `CrAppModeShortcutID`, `CrAppModeShortcutURL`, `CrAppModeShortcutName`, `CrAppModeProfileDir`,
 *   `CrAppModeUserDataDir` (chrome/common/mac/app_mode_common.mm; not observed here: no macOS).
 */
import { isAppId } from './chromium-registry.js';
import { keyFileGroups } from '../../platform/codecs/ini.js';

/** A launcher file's name that may be a web-app launcher: `<prefix>-<app id>-<profile>.desktop`. */
export const webAppLauncherName = /^[A-Za-z0-9_.-]+?-([a-p]{32})-[^/]+\.desktop$/;

/** Splits an Exec value into arguments (Desktop Entry Spec: double quotes, backslash escapes). */
export const execArguments = (exec: string): string[] => {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < exec.length; i++) {
    const c = exec[i] as string;
    if (quoted && c === '\\' && i + 1 < exec.length) {
      current += exec[++i] as string;
    } else if (c === '"') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && /\s/.test(c)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
};

export interface Launcher {
  appId: string;
  name: string | null;
  /** The program the launcher runs (first Exec argument), or the app-shim folder name. */
  program: string;
  profileDir: string | null;
  userDataDir: string | null;
  /** The start URL (macOS shims only). */
  url: string | null;
}

const option = (args: readonly string[], name: string): string | null => {
  const prefix = `--${name}=`;
  const found = args.find((a) => a.startsWith(prefix));
  return found === undefined ? null : found.slice(prefix.length);
};

/** A `.desktop` file's `[Desktop Entry]` → a web-app launcher, or null when it launches no app id. */
export const parseWebAppDesktopEntry = (text: string): Launcher | null => {
  const entry = keyFileGroups(text).get('Desktop Entry') ?? new Map<string, string>();
  const args = execArguments(entry.get('Exec') ?? '');
  const appId = option(args, 'app-id');
  if (appId === null || !isAppId(appId)) return null;
  return {
    appId,
    name: entry.get('Name') ?? null,
    program: args[0] ?? '',
    profileDir: option(args, 'profile-directory'),
    userDataDir: option(args, 'user-data-dir'),
    url: null,
  };
};

/** An app shim's Info.plist values → a launcher, or null when it names no app id. */
export const parseAppShim = (folder: string, values: (key: string) => string | null): Launcher | null => {
  const appId = values('CrAppModeShortcutID');
  if (appId === null || !isAppId(appId)) return null;
  return {
    appId,
    name: values('CrAppModeShortcutName'),
    program: folder,
    profileDir: values('CrAppModeProfileDir'),
    userDataDir: values('CrAppModeUserDataDir'),
    url: values('CrAppModeShortcutURL'),
  };
};
