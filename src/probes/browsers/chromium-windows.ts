/**
 * The Chromium family on Windows, in one PowerShell run (files on Windows targets are read through
 * PowerShell, not the Host's readFile): in every user profile (Win32_UserProfile, not the special
 * ones), for every known user-data directory (chromium-dirs.ts), `Local State`, each profile
 * folder's `Preferences` (≤ 8 MB), its `Web Applications\Manifest Resources` folder names and its
 * web-app registry files (`Sync Data\LevelDB\*.log|*.ldb`, ≤ 8 MB each, base64, opened with
 * read/write/delete sharing so a running browser does not refuse it); and the Start-menu web-app
 * shortcuts (`Start Menu\Programs\<Browser> Apps\*.lnk`, read with WScript.Shell's CreateShortcut,
 * which reads a .lnk and writes nothing unless Save() is called). The same pure parsers as on
 * Linux and macOS read the answers. Not read: Uninstall entries (`--uninstall-app-id=`) of users'
 * registry hives, and profiles outside %LOCALAPPDATA%. The same run reads Firefox
 * (firefox-windows-script.ts, firefox-windows.ts). Not checked on a real Windows machine:
 * the answer shape of the test fixtures is built from documentation.
 */
import type { Host } from '../../hosts/host.js';
import type { Json, JsonObject } from '../../model.js';
import { psQuote, psScript, runPowerShell, type PsResult } from '../../platform/windows/powershell.js';
import { psHomes } from '../../platform/windows/homes.js';
import type { ProbeContext } from '../probe.js';
import { browserOfProgram, userDataDirs } from './chromium-dirs.js';
import { isSafeProfileDir, parseLocalState, parsePreferencesPermissions } from './chromium-parse.js';
import { isAppId, isLevelDbDataFile, readRegistry, type RegistryApp } from './chromium-registry.js';
import { execArguments } from './chromium-shortcuts.js';
import { emptyCollection, type BrowserCollection, type BrowserGap } from './collector.js';
import { firefoxWindowsFunctions } from './firefox-windows-script.js';
import type { BrowserId } from './shapes.js';

const dirs = userDataDirs('windows');

/**
 * The script: the same text on every run (a replay matches it). Each home's answer also carries
 * `firefox` (firefox-windows-script.ts): one PowerShell process reads both families.
 */
export const windowsBrowsersScript = psScript(`
${firefoxWindowsFunctions.trim()}
$dirs = @(${dirs.map((d) => `@(${psQuote(d.browser)}, ${psQuote(d.path.replace(/\//g, '\\'))})`).join(', ')})
$max = 8MB
function ReadBytes($p) {
  $f = [IO.File]::Open($p, [IO.FileMode]::Open, [IO.FileAccess]::Read, [IO.FileShare]'ReadWrite, Delete')
  try { if ($f.Length -gt $max) { throw "larger than 8 MB" }; $b = New-Object byte[] $f.Length; $n = 0; while ($n -lt $b.Length) { $k = $f.Read($b, $n, $b.Length - $n); if ($k -le 0) { break }; $n += $k }; return $b } finally { $f.Close() }
}
function ReadText($p) { try { if (-not (Test-Path -LiteralPath $p -PathType Leaf)) { return @{ text = $null; error = $null } }; return @{ text = [Text.Encoding]::UTF8.GetString((ReadBytes $p)); error = $null } } catch { return @{ text = $null; error = $_.Exception.Message } } }
${psHomes}
$sh = $null; try { $sh = New-Object -ComObject WScript.Shell } catch { }
$out = @(foreach ($h in $homes) {
  $homeError = $null; try { Get-ChildItem -LiteralPath (Join-Path $h.home 'AppData\\Local') -Force -ErrorAction Stop | Out-Null } catch { $homeError = $_.Exception.Message }
  $found = @(foreach ($d in $dirs) {
    $root = Join-Path $h.home $d[1]
    if (Test-Path -LiteralPath $root -PathType Container) {
      $ls = ReadText (Join-Path $root 'Local State'); $listError = $null; $names = @()
      try { $names = @(Get-ChildItem -LiteralPath $root -Directory -Force -ErrorAction Stop | ForEach-Object { $_.Name }) } catch { $listError = $_.Exception.Message }
      $profiles = @(foreach ($n in $names) { $pp = Join-Path $root $n; $pf = Join-Path $pp 'Preferences'
        if (Test-Path -LiteralPath $pf -PathType Leaf) {
          $pr = ReadText $pf
          $icons = $null; $iconsError = $null; $mr = Join-Path $pp 'Web Applications\\Manifest Resources'
          if (Test-Path -LiteralPath $mr) { try { $icons = @(Get-ChildItem -LiteralPath $mr -Directory -Force -ErrorAction Stop | ForEach-Object { $_.Name }) } catch { $iconsError = $_.Exception.Message } }
          $reg = @(); $regError = $null; $rd = Join-Path $pp 'Sync Data\\LevelDB'
          if (Test-Path -LiteralPath $rd) { try { $reg = @(foreach ($f in @(Get-ChildItem -LiteralPath $rd -File -Force -ErrorAction Stop | Where-Object { $_.Name -match '^[0-9]+\\.(log|ldb|sst)$' })) { [pscustomobject]@{ name = $f.Name; b64 = [Convert]::ToBase64String((ReadBytes $f.FullName)) } }) } catch { $regError = $_.Exception.Message } }
          [pscustomobject]@{ dir = $n; prefs = $pr.text; prefsError = $pr.error; icons = $icons; iconsError = $iconsError; registry = $reg; registryError = $regError }
        } })
      [pscustomobject]@{ browser = $d[0]; root = $root; localState = $ls.text; localStateError = $ls.error; listError = $listError; profiles = $profiles }
    } })
  $links = @(); $sm = Join-Path $h.home 'AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs'
  if ($sh -ne $null -and (Test-Path -LiteralPath $sm)) { $links = @(foreach ($l in @(Get-ChildItem -Path (Join-Path $sm '*Apps\\*.lnk') -Force -ErrorAction SilentlyContinue)) { $s = $sh.CreateShortcut($l.FullName); [pscustomobject]@{ path = $l.FullName; target = $s.TargetPath; args = $s.Arguments; name = $l.BaseName } }) }
  [pscustomobject]@{ user = $h.user; home = $h.home; homeError = $homeError; dirs = $found; shortcuts = $links; firefox = (FirefoxOf $h.home) }
})
$r = $out`);

const isObject = (j: Json | undefined): j is JsonObject => typeof j === 'object' && j !== null && !Array.isArray(j);
const list = (j: Json | undefined): JsonObject[] => (Array.isArray(j) ? j.filter(isObject) : isObject(j) ? [j] : []);
const str = (o: JsonObject, key: string): string | null => {
  const v = o[key];
  return typeof v === 'string' ? v : null;
};
const names = (j: Json | undefined): string[] => (Array.isArray(j) ? j.filter((n): n is string => typeof n === 'string') : typeof j === 'string' ? [j] : []);

const chromiumIds = new Set<string>(dirs.map((d) => d.browser));
const asBrowser = (id: string | null): Exclude<BrowserId, 'firefox'> | null =>
  id !== null && chromiumIds.has(id) ? (id as Exclude<BrowserId, 'firefox'>) : null;

/** Reads the script's answer (exported for tests). */
export const windowsCollection = (answer: Json, context: Pick<ProbeContext, 'includeBrowserHistory'>): BrowserCollection => {
  const collection = emptyCollection(context);
  const gap = (field: BrowserGap['field'], code: BrowserGap['code'], detail: string): void => {
    collection.gaps.push({ field, code, detail });
  };
  for (const home of list(answer)) {
    const user = str(home, 'user');
    const who = user === null ? '' : ` (user ${user})`;
    const registry = new Map<string, RegistryApp>();
    // Without administrator rights other users' AppData cannot be listed, and Test-Path then says "absent".
    const homeError = str(home, 'homeError');
    if (homeError !== null) {
      for (const field of ['profiles', 'webApps', 'permissions'] as const)
        gap(field, 'permission', `${str(home, 'home') ?? '?'}\\AppData\\Local${who} could not be listed: ${homeError}`);
    }
    for (const dir of list(home.dirs)) {
      const browser = asBrowser(str(dir, 'browser'));
      const root = str(dir, 'root');
      if (browser === null || root === null) continue;
      const label = `${browser} user data ${root}${who}`;
      const displayNames = new Map<string, string | null>();
      const localState = str(dir, 'localState');
      if (localState !== null) {
        const parsed = parseLocalState(localState);
        if (parsed.ok) for (const [d, n] of parsed.value) displayNames.set(d, n);
        else gap('profiles', 'unreadable', `${label}: ${parsed.reason}`);
      } else if (str(dir, 'localStateError') !== null) gap('profiles', 'unreadable', `${label}: Local State: ${str(dir, 'localStateError') ?? ''}`);
      if (str(dir, 'listError') !== null) gap('profiles', 'permission', `${label}: could not be listed: ${str(dir, 'listError') ?? ''}`);
      for (const p of list(dir.profiles)) {
        const profile = str(p, 'dir');
        if (profile === null || !isSafeProfileDir(profile)) continue;
        const path = `${root}\\${profile}`;
        const ref = { browser, user, profile };
        const plabel = `${browser} profile ${profile}${who}`;
        collection.profiles.push({ ...ref, path, displayName: displayNames.get(profile) ?? null });
        const prefs = str(p, 'prefs');
        if (prefs === null) gap('permissions', 'unreadable', `${plabel}: ${path}\\Preferences could not be read: ${str(p, 'prefsError') ?? 'no content'}`);
        else {
          const parsed = parsePreferencesPermissions(prefs);
          if (parsed.ok) for (const e of parsed.value) collection.permissions.push({ ...ref, ...e, file: `${path}\\Preferences` });
          else gap('permissions', 'unreadable', `${plabel}: ${path}\\Preferences: ${parsed.reason}`);
        }
        if (str(p, 'registryError') !== null) gap('webApps', 'unreadable', `${plabel}: web-app registry: ${str(p, 'registryError') ?? ''}`);
        const files = list(p.registry).flatMap((f) => {
          const name = str(f, 'name');
          const b64 = str(f, 'b64');
          return name !== null && b64 !== null && isLevelDbDataFile(name) ? [{ name, bytes: Buffer.from(b64, 'base64') }] : [];
        });
        const read = readRegistry(files);
        if (read.damage.length > 0) gap('webApps', 'unreadable', `${plabel}: web-app registry: ${read.damage.join('; ')}`);
        for (const app of read.apps) {
          if (!registry.has(app.appId)) registry.set(app.appId, app);
          collection.webApps.push({ ...ref, appId: app.appId, origin: app.origin, name: app.name, trace: 'registry', file: `${path}\\Sync Data\\LevelDB` });
        }
        if (str(p, 'iconsError') !== null) gap('webApps', 'permission', `${plabel}: Manifest Resources could not be listed: ${str(p, 'iconsError') ?? ''}`);
        const known = new Set(read.apps.map((a) => a.appId));
        for (const id of names(p.icons).filter(isAppId)) {
          if (!known.has(id))
            collection.webApps.push({
              ...ref,
              appId: id,
              origin: null,
              name: null,
              trace: 'manifest-resources',
              file: `${path}\\Web Applications\\Manifest Resources\\${id}`,
            });
        }
      }
    }
    for (const link of list(home.shortcuts)) {
      const args = execArguments(str(link, 'args') ?? '');
      const appId = args.find((a) => a.startsWith('--app-id='))?.slice('--app-id='.length) ?? null;
      const browser = browserOfProgram(str(link, 'target') ?? '');
      const file = str(link, 'path');
      if (appId === null || !isAppId(appId) || browser === null || file === null) continue;
      const profile = args.find((a) => a.startsWith('--profile-directory='))?.slice('--profile-directory='.length) ?? 'Default';
      collection.webApps.push({ browser, user, profile, appId, origin: registry.get(appId)?.origin ?? null, name: str(link, 'name'), trace: 'shortcut', file });
    }
    if (collection.history !== null && collection.profiles.some((p) => p.user === user)) {
      gap('history', 'not-collected', `Chromium family${who}: History databases are not read (only web apps and site permissions are)`);
    }
  }
  return collection;
};

const runs = new WeakMap<Host, WeakMap<ProbeContext, Promise<PsResult>>>();

/** The browsers script's answer, run once per host and probe run: the Chromium and Firefox collectors share it. */
export const runWindowsBrowsers = (host: Host, context: ProbeContext): Promise<PsResult> => {
  const byContext = runs.get(host) ?? new WeakMap<ProbeContext, Promise<PsResult>>();
  runs.set(host, byContext);
  let run = byContext.get(context);
  if (run === undefined) {
    run = runPowerShell(host, 'browser profiles', windowsBrowsersScript);
    byContext.set(context, run);
  }
  return run;
};

export const collectChromiumWindows = async (host: Host, context: ProbeContext): Promise<BrowserCollection> => {
  const fields = ['profiles', 'webApps', 'permissions', ...(context.includeBrowserHistory === true ? (['history'] as const) : [])] as const;
  const failedWith = (detail: string): BrowserCollection => {
    const collection = emptyCollection(context);
    for (const field of fields) collection.gaps.push({ field, code: 'probe-failed', detail: `Chromium family on Windows: ${detail}` });
    return collection;
  };
  if (!context.capabilities.exec) return failedWith('browser profiles are read through PowerShell, which cannot run on this target');
  const answer = await runWindowsBrowsers(host, context);
  return answer.ok ? windowsCollection(answer.value, context) : failedWith(answer.reason);
};
