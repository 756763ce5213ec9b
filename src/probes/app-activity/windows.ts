/**
 * app-activity on Windows, in one PowerShell run: Win32_Process (pid, image name, executable path,
 * owner when Get-Process -IncludeUserName is allowed, i.e. as administrator), and, in every user
 * profile (Win32_UserProfile, not the special ones), the catalog's Windows data directories with the
 * newest change among them and their direct children, and its Element-style config.json files,
 * read whole. The list of relative paths comes from the catalog and is written into the script.
 */
import type { Host } from '../../hosts/host.js';
import type { ProbeOutcome } from '../../model.js';
import type { Catalog } from '../../policy/catalog.js';
import { catalogDataDirs, catalogMatrixConfigs, type CatalogPath } from '../../software/match.js';
import { psQuote, psScript, runPowerShell } from '../../platform/windows/powershell.js';
import { psHomes } from '../../platform/windows/homes.js';
import { failed, ok, unsupported, type ProbeContext } from '../probe.js';
import { answerParts, windowsDataDirs, windowsMatrixConfigs, windowsPaths, windowsProcesses } from './windows-parse.js';

export const windowsCatalogPaths = (catalog: Catalog): { dirs: CatalogPath[]; configs: CatalogPath[] } => ({
  dirs: windowsPaths(catalogDataDirs(catalog, 'windows')),
  configs: windowsPaths(catalogMatrixConfigs(catalog, 'windows')),
});

const psArray = (paths: readonly CatalogPath[]): string => `@(${paths.map((p) => psQuote(p.path)).join(', ')})`;

/** The script for a catalog: the same catalog always gives the same text (a replay matches it). */
export const windowsActivityScript = (catalog: Catalog, live: boolean): string => {
  const { dirs, configs } = windowsCatalogPaths(catalog);
  const processes = live
    ? `
$owners = @{}; $ownerNote = $null
try { foreach ($p in Get-Process -IncludeUserName) { $owners[[string]$p.Id] = $p.UserName } } catch { $ownerNote = $_.Exception.Message }
$procs = @(foreach ($p in Get-CimInstance -ClassName Win32_Process) { [pscustomobject]@{ pid = $p.ProcessId; name = $p.Name; exe = $p.ExecutablePath; user = $owners[[string]$p.ProcessId] } })`
    : '$procs = $null; $ownerNote = $null';
  return psScript(`
$dirs = ${psArray(dirs)}
$configs = ${psArray(configs)}
${processes.trim()}
${psHomes}
$found = @(foreach ($h in $homes) { foreach ($rel in $dirs) {
  $p = Join-Path $h.home $rel
  $items = if ($rel.Contains('*')) { @(Get-Item -Path $p -Force -ErrorAction SilentlyContinue) } else { @(Get-Item -LiteralPath $p -Force -ErrorAction SilentlyContinue) }
  foreach ($i in $items) {
    $n = $i.LastWriteTimeUtc; $np = $i.FullName
    if ($i.PSIsContainer) { foreach ($c in @(Get-ChildItem -LiteralPath $i.FullName -Force -ErrorAction SilentlyContinue | Select-Object -First 200)) { if ($c.LastWriteTimeUtc -gt $n) { $n = $c.LastWriteTimeUtc; $np = $c.FullName } } }
    [pscustomobject]@{ user = $h.user; rel = $rel; path = $i.FullName; lastChange = (Iso $n); lastChangePath = $np }
  }
} })
$cfg = @(foreach ($h in $homes) { foreach ($rel in $configs) {
  $p = Join-Path $h.home $rel
  if (Test-Path -LiteralPath $p -PathType Leaf) {
    $t = $null; $e = $null
    try { if ((Get-Item -LiteralPath $p -Force).Length -le 1MB) { $t = [IO.File]::ReadAllText($p) } else { $e = 'larger than 1 MB' } } catch { $e = $_.Exception.Message }
    [pscustomobject]@{ user = $h.user; rel = $rel; path = $p; content = $t; error = $e }
  }
} })
$r = [ordered]@{ processes = $procs; ownerNote = $ownerNote; dirs = $found; configs = $cfg }`);
};

export const collectWindows = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.exec) return unsupported('on Windows app activity is read through PowerShell, which cannot run on this target');
  const live = context.capabilities.live;
  const { dirs, configs } = windowsCatalogPaths(context.catalog);
  const answer = await runPowerShell(host, 'Win32_Process and profile data directories', windowsActivityScript(context.catalog, live));
  if (!answer.ok) return failed(answer.reason);
  const parts = answerParts(answer.value);
  const notes: string[] = [];
  const scan = live && parts.processes !== null ? windowsProcesses(context.catalog, parts.processes) : null;
  if (!live) notes.push('processes: needs a live system');
  else if (scan === null) notes.push('processes: Win32_Process gave no list');
  else if (parts.processesNote !== null) {
    notes.push(`processes: owners unknown (Get-Process -IncludeUserName needs an administrator: ${parts.processesNote})`);
  }
  return ok({
    processes: scan ? scan.processes : null,
    processCount: scan ? scan.total : null,
    dataDirs: windowsDataDirs(dirs, parts.dirs),
    matrixConfigs: windowsMatrixConfigs(configs, parts.configs),
    notes,
  });
};
