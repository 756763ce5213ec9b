import { readText, type Host } from '../../hosts/host.js';
import type { JsonObject } from '../../model.js';
import { defineProbe, macosAndWindows, ok, type FactSpec, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import { listHomes } from '../../platform/linux/homes.js';
import { parsePasswd } from '../../platform/codecs/passwd.js';
import { linuxDataDirs, linuxMatrixConfigs } from './catalog-lookup.js';
import { scanDataDirs, scanMatrixConfigs } from './data-dirs.js';
import { scanProcesses, type ProcessScan } from './processes.js';

const facts: Record<string, FactSpec> = {
  processes: {
    type: 'array',
    description:
      'Running processes of catalog apps, one entry per app, user and executable (helpers grouped): ' +
      '{appId, pid (lowest), name (comm), exe (null when unreadable), user, uid, count, matchedBy ' +
      '(flatpak, snap, exe, argv0 or comm)}. Null when the target is not a running system.',
  },
  processCount: { type: 'number', description: 'Processes found in /proc; null when not a running system.' },
  dataDirs: {
    type: 'array',
    description:
      'Per-user data directories of catalog apps that exist: {appId, user, path, lastChange (newest ' +
      'mtime of the directory and its direct children, ISO 8601), lastChangePath}.',
  },
  matrixConfigs: {
    type: 'array',
    description:
      'Element-style config.json files that exist: {appId (the app whose catalog entry lists the ' +
      'path), user, path, homeserver (server name, lower case; null when none), baseUrlHost (host of ' +
      'm.homeserver.base_url: where the client connects; null when none), brand, linkHosts (hosts of ' +
      'the download, update and link URLs: desktop_builds, update_base_url, mobile_builds, ' +
      'host_for_links, permalink_prefix), error (only when the file is not a JSON object)}.',
  },
  notes: { type: 'array', description: 'What limited this collection (not a running system, no root, ...).' },
};

/** uid → user name, from /etc/passwd and the homes found without a passwd entry. */
const userNames = async (host: Host, homes: readonly { user: string; uid: number }[]): Promise<Map<number, string>> => {
  const names = new Map<number, string>();
  const passwd = await readText(host, '/etc/passwd');
  for (const entry of passwd === undefined ? [] : parsePasswd(passwd)) {
    if (!names.has(entry.uid)) names.set(entry.uid, entry.name);
  }
  for (const home of homes) if (!names.has(home.uid)) names.set(home.uid, home.user);
  return names;
};

const collectProcesses = async (
  host: Host,
  context: ProbeContext,
  homes: readonly { user: string; uid: number }[],
  notes: string[],
): Promise<ProcessScan | undefined> => {
  if (!context.capabilities.live) {
    notes.push('processes: needs a live system');
    return undefined;
  }
  const scan = await scanProcesses(host, context, context.catalog, await userNames(host, homes));
  if (!scan) notes.push('processes: /proc could not be listed');
  else if (scan.unreadableExe > 0) {
    notes.push(
      `processes: the executable of ${scan.unreadableExe} process(es) could not be read ` +
        '(without root, processes of other users are not fully visible); they were matched by name only',
    );
  }
  return scan;
};

const collectLinux = async (host: Host, context: ProbeContext): Promise<JsonObject> => {
  const notes: string[] = [];
  const homes = await listHomes(host, context);
  const [scan, dataDirs, matrixConfigs] = await Promise.all([
    collectProcesses(host, context, homes, notes),
    scanDataDirs(host, homes, linuxDataDirs(context.catalog)),
    scanMatrixConfigs(host, homes, linuxMatrixConfigs(context.catalog)),
  ]);
  if (homes.length === 0) notes.push('data directories: no home directory found');
  return {
    processes: scan ? scan.processes : null,
    processCount: scan ? scan.processCount : null,
    dataDirs,
    matrixConfigs,
    notes,
  };
};

export const appActivity = defineProbe({
  id: 'app-activity',
  title: 'Use of catalog apps: running processes, data directories, Matrix client configs',
  needs: ['read'],
  facts,
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => ok(await collectLinux(host, context)),
    ...macosAndWindows(
      () => import('./macos.js'),
      () => import('./windows.js'),
    ),
  },
});
