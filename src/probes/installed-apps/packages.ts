/** System package databases: dpkg, rpm, apk, pacman. */
import type { Host } from '../../hosts/host.js';
import { readText } from '../../hosts/host.js';
import type { PackageRecord } from './parse.js';
import { parseApkInstalled, parseDpkgStatus, parsePacmanDesc, parseRpmQuery, rpmQueryFormat } from './parse.js';
import type { SourceResult } from './app.js';
import { absentResult, errorResult, okResult, plural, systemApp } from './app.js';

const dpkgStatus = '/var/lib/dpkg/status';
const dpkgStatusDir = '/var/lib/dpkg/status.d';

/** dpkg: the status file, plus one file per package in status.d on distroless images. */
export const collectDpkg = async (host: Host): Promise<SourceResult> => {
  const [status, statusD] = await Promise.all([readText(host, dpkgStatus), host.readDir(dpkgStatusDir)]);
  const parts = (statusD ?? []).filter((name) => !name.endsWith('.md5sums') && !name.startsWith('.'));
  if (status === undefined && parts.length === 0) return absentResult('dpkg', `no ${dpkgStatus}`);
  const texts = await Promise.all(parts.map((name) => readText(host, `${dpkgStatusDir}/${name}`)));
  const apps = (status === undefined ? [] : parseDpkgStatus(status)).map((p) => dpkgApp(p, dpkgStatus));
  texts.forEach((text, i) => {
    if (text === undefined) return;
    const path = `${dpkgStatusDir}/${parts[i] ?? ''}`;
    for (const p of parseDpkgStatus(text, { statusOptional: true })) apps.push(dpkgApp(p, path));
  });
  const read = [status === undefined ? [] : [dpkgStatus], parts.length > 0 ? [`${dpkgStatusDir}/ (${plural(parts.length, 'file')})`] : []].flat();
  return okResult('dpkg', `${plural(apps.length, 'installed package')} in ${read.join(' and ')}`, apps);
};

const dpkgApp = (p: PackageRecord, path: string) =>
  systemApp('dpkg', { name: p.name, version: p.version, path, id: p.architecture === null ? p.name : `${p.name}:${p.architecture}` });

/** Where rpm keeps its database (osv-scalibr's list), and the file names of its three backends. */
export const rpmDbDirs = ['/var/lib/rpm', '/usr/lib/sysimage/rpm', '/usr/share/rpm'] as const;
const rpmDbFiles = ['rpmdb.sqlite', 'Packages', 'Packages.db'];

const findRpmDb = async (host: Host): Promise<string | undefined> => {
  const listings = await Promise.all(rpmDbDirs.map((dir) => host.readDir(dir)));
  const index = listings.findIndex((names) => names?.some((name) => rpmDbFiles.includes(name)) === true);
  return index < 0 ? undefined : rpmDbDirs[index];
};

/**
 * rpm: its database (SQLite, Berkeley DB or NDB) has no practical text form, so `rpm -qa` is run, and
 * only when a database exists (an empty /var/lib/rpm, as Debian's rpm package leaves, is not one).
 */
export const collectRpm = async (host: Host): Promise<SourceResult> => {
  const dbPath = await findRpmDb(host);
  if (dbPath === undefined) return absentResult('rpm', `no rpm database in ${rpmDbDirs.join(', ')}`);
  const unreadable = `rpm database present but not readable without rpm (${dbPath})`;
  if (!host.capabilities.exec) return errorResult('rpm', `${unreadable}; this target cannot run commands`);
  const result = await host.run('rpm', ['--dbpath', dbPath, '-qa', '--qf', rpmQueryFormat], { timeoutMs: 20_000 });
  if (result.spawnError !== undefined) return errorResult('rpm', `${unreadable}: rpm could not be started (${result.spawnError})`);
  if (result.timedOut) return errorResult('rpm', `${unreadable}: rpm -qa timed out`);
  if (result.exitCode !== 0) {
    const why = result.stderr.trim().split('\n')[0] ?? '';
    return errorResult('rpm', `rpm -qa exited with ${result.exitCode}${why === '' ? '' : `: ${why}`}`);
  }
  const apps = parseRpmQuery(result.stdout).map((p) =>
    systemApp('rpm', { name: p.name, version: p.version, path: dbPath, id: p.architecture === null ? p.name : `${p.name}.${p.architecture}` }),
  );
  return okResult('rpm', `${plural(apps.length, 'installed package')} from rpm -qa --dbpath ${dbPath}`, apps);
};

export const apkDatabases = ['/lib/apk/db/installed', '/var/lib/apk/db/installed', '/usr/lib/apk/db/installed'] as const;

/** apk: the first installed-database file found (the three paths are links to one another when several exist). */
export const collectApk = async (host: Host): Promise<SourceResult> => {
  const texts = await Promise.all(apkDatabases.map((path) => readText(host, path)));
  const index = texts.findIndex((text) => text !== undefined);
  const text = texts[index];
  const path = apkDatabases[index];
  if (text === undefined || path === undefined) return absentResult('apk', `no ${apkDatabases.join(', ')}`);
  const apps = parseApkInstalled(text).map((p) => systemApp('apk', { name: p.name, version: p.version, path }));
  return okResult('apk', `${plural(apps.length, 'installed package')} in ${path}`, apps);
};

const pacmanLocal = '/var/lib/pacman/local';

/** pacman: one `desc` file per package directory in the local database. */
export const collectPacman = async (host: Host): Promise<SourceResult> => {
  const entries = await host.readDir(pacmanLocal);
  if (entries === undefined) return absentResult('pacman', `no ${pacmanLocal}`);
  const dirs = entries.filter((name) => name !== 'ALPM_DB_VERSION' && !name.startsWith('.'));
  const texts = await Promise.all(dirs.map((dir) => readText(host, `${pacmanLocal}/${dir}/desc`)));
  const apps = texts.flatMap((text, i) => {
    const p = text === undefined ? undefined : parsePacmanDesc(text);
    return p === undefined ? [] : [systemApp('pacman', { name: p.name, version: p.version, path: `${pacmanLocal}/${dirs[i] ?? ''}` })];
  });
  return okResult('pacman', `${plural(apps.length, 'installed package')} in ${pacmanLocal}`, apps);
};
