import { readText, type Host } from '../../hosts/host.js';
import type { JsonObject } from '../../model.js';
import { defineProbe, macosAndWindows, ok, type FactSpec, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import { unitState } from '../../platform/linux/units.js';
import {
  displayManagerFromUnit,
  effectiveExecStart,
  gdmAutologin,
  gettyAutologinUser,
  inittabAutologins,
  lightdmSeats,
  lxdmAutologin,
  mergeIni,
  sddmAutologin,
  type AutologinFinding,
} from './parse.js';

const facts: Record<string, FactSpec> = {
  displayManagers: { type: 'array', description: 'Display managers installed (gdm, lightdm, sddm, lxdm, xdm, slim, nodm, ly), sorted.' },
  displayManager: { type: 'string', description: "The login screen in charge: on macOS 'loginwindow'." },
  enabledDisplayManager: {
    type: 'string',
    description: 'The display manager started at boot (display-manager.service link, else /etc/X11/default-display-manager); null when none.',
  },
  autologin: {
    type: 'boolean',
    description: 'An installed display manager or a console getty logs a user in without a password; false when none is configured.',
  },
  autologinUsers: { type: 'array', description: 'Users logged in automatically (sorted; `guest` for LightDM autologin-guest).' },
  guestLogin: {
    type: 'boolean',
    description: 'A guest account can log in: LightDM allow-guest (default true) or autologin-guest, with its guest-account script installed.',
  },
  evidence: { type: 'array', description: 'file:line and value of every autologin or guest setting found, and what was not readable.' },
};

/** Where LightDM looks for its guest-account script (the PATH its systemd unit gets). */
const lightdmPath = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

interface Manager {
  name: string;
  binaries: string[];
  units: string[];
}

const managers: Manager[] = [
  { name: 'gdm', binaries: ['/usr/sbin/gdm3', '/usr/sbin/gdm'], units: ['gdm.service', 'gdm3.service'] },
  { name: 'lightdm', binaries: ['/usr/sbin/lightdm'], units: ['lightdm.service'] },
  { name: 'sddm', binaries: ['/usr/bin/sddm'], units: ['sddm.service'] },
  { name: 'lxdm', binaries: ['/usr/sbin/lxdm'], units: ['lxdm.service'] },
  { name: 'xdm', binaries: ['/usr/bin/xdm'], units: ['xdm.service'] },
  { name: 'slim', binaries: ['/usr/bin/slim'], units: ['slim.service'] },
  { name: 'nodm', binaries: ['/usr/sbin/nodm'], units: ['nodm.service'] },
  { name: 'ly', binaries: ['/usr/bin/ly'], units: ['ly.service'] },
];

const unitDirs = ['/etc/systemd/system', '/run/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];

interface Reader {
  host: Host;
  evidence: string[];
  /** Files that exist but could not be read (permissions). */
  unreadable: string[];
}

const readConfig = async (reader: Reader, path: string): Promise<string | undefined> => {
  const text = await readText(reader.host, path);
  if (text === undefined && (await reader.host.stat(path)) !== undefined) {
    reader.unreadable.push(path);
    reader.evidence.push(`${path}: exists but cannot be read`);
  }
  return text;
};

/** `*.conf` files of a directory in name order, with their text. */
const confDir = async (reader: Reader, dir: string): Promise<{ path: string; text: string }[]> => {
  const names = ((await reader.host.readDir(dir)) ?? []).filter((name) => name.endsWith('.conf')).sort();
  const files: { path: string; text: string }[] = [];
  for (const name of names) {
    const text = await readConfig(reader, `${dir}/${name}`);
    if (text !== undefined) files.push({ path: `${dir}/${name}`, text });
  }
  return files;
};

const readFiles = async (reader: Reader, paths: readonly string[]): Promise<{ path: string; text: string }[]> => {
  const files: { path: string; text: string }[] = [];
  for (const path of paths) {
    const text = await readConfig(reader, path);
    if (text !== undefined) files.push({ path, text });
  }
  return files;
};

const exists = async (host: Host, path: string): Promise<boolean> => (await host.stat(path)) !== undefined;

const installedManagers = async (host: Host, context: ProbeContext): Promise<Set<string>> => {
  const installed = new Set<string>();
  for (const manager of managers) {
    const binary = await Promise.all(manager.binaries.map((path) => exists(host, path)));
    if (binary.includes(true)) {
      installed.add(manager.name);
      continue;
    }
    for (const unit of manager.units) if ((await unitState(host, unit, context)).installed) installed.add(manager.name);
  }
  return installed;
};

const enabledManager = async (host: Host): Promise<string | null> => {
  const alias = '/etc/systemd/system/display-manager.service';
  const link = await host.readLink(alias);
  if (link === '/dev/null') return null;
  if (link !== undefined) return displayManagerFromUnit(link);
  const configured = (await readText(host, '/etc/X11/default-display-manager'))?.trim();
  if (configured === undefined || configured === '') return null;
  const name = configured.slice(configured.lastIndexOf('/') + 1);
  return name === 'gdm3' ? 'gdm' : name;
};

const gdm = async (reader: Reader): Promise<AutologinFinding[]> => {
  const paths = ['/etc/gdm3/custom.conf', '/etc/gdm3/daemon.conf', '/etc/gdm/custom.conf'];
  return (await readFiles(reader, paths)).map(({ path, text }) => gdmAutologin(path, text));
};

/** LightDM's load order (later wins): data dirs, XDG config dir, /etc/lightdm/lightdm.conf.d, lightdm.conf. */
const lightdmFiles = async (reader: Reader): Promise<{ path: string; text: string }[]> => [
  ...(await confDir(reader, '/usr/share/lightdm/lightdm.conf.d')),
  ...(await confDir(reader, '/usr/local/share/lightdm/lightdm.conf.d')),
  ...(await confDir(reader, '/etc/xdg/lightdm/lightdm.conf.d')),
  ...(await confDir(reader, '/etc/lightdm/lightdm.conf.d')),
  ...(await readFiles(reader, ['/etc/lightdm/lightdm.conf'])),
];

const guestScriptPath = async (host: Host, script: string): Promise<string | undefined> => {
  const candidates = script.startsWith('/') ? [script] : lightdmPath.map((dir) => `${dir}/${script}`);
  for (const path of candidates) if (await exists(host, path)) return path;
  return undefined;
};

/** SDDM's load order (later wins): /usr/lib/sddm/sddm.conf.d, /etc/sddm.conf.d, /etc/sddm.conf. */
const sddmFiles = async (reader: Reader): Promise<{ path: string; text: string }[]> => [
  ...(await confDir(reader, '/usr/lib/sddm/sddm.conf.d')),
  ...(await confDir(reader, '/etc/sddm.conf.d')),
  ...(await readFiles(reader, ['/etc/sddm.conf'])),
];

/** nodm (Debian): /etc/default/nodm NODM_ENABLED and NODM_USER; nodm exists to log a user in. */
const nodm = async (reader: Reader): Promise<AutologinFinding> => {
  const path = '/etc/default/nodm';
  const text = await readConfig(reader, path);
  const result: AutologinFinding = { users: [], guest: false, evidence: [] };
  if (text === undefined) return result;
  const values = mergeIni([{ path, text: text.replace(/^(\s*)export\s+/gm, '$1') }]).get('');
  const enabled = values?.get('NODM_ENABLED');
  const user = values?.get('NODM_USER');
  const unquote = (value: string): string => value.replace(/^(["'])(.*)\1$/, '$2');
  if (enabled !== undefined) result.evidence.push(`${enabled.at}: NODM_ENABLED=${enabled.value}`);
  if (user !== undefined) result.evidence.push(`${user.at}: NODM_USER=${user.value}`);
  const on = enabled !== undefined && /^(true|yes|1)$/i.test(unquote(enabled.value));
  if (on && user !== undefined && unquote(user.value) !== '') result.users.push(unquote(user.value));
  return result;
};

const unitFile = async (reader: Reader, unit: string, template: string): Promise<{ path: string; text: string }[]> => {
  for (const name of [unit, template]) {
    for (const dir of unitDirs) {
      const path = `${dir}/${name}`;
      const text = await readText(reader.host, path);
      if (text !== undefined) return [{ path, text }];
    }
  }
  return [];
};

/** Drop-ins of one unit from every unit directory, in systemd's order: by file name, /etc masking /usr. */
const dropIns = async (reader: Reader, dirNames: readonly string[]): Promise<{ path: string; text: string }[]> => {
  const byName = new Map<string, string>();
  for (const dirName of dirNames) {
    for (const dir of unitDirs) {
      const names = (await reader.host.readDir(`${dir}/${dirName}`)) ?? [];
      for (const name of names) if (name.endsWith('.conf') && !byName.has(name)) byName.set(name, `${dir}/${dirName}/${name}`);
    }
  }
  const ordered = [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, path]) => path);
  return readFiles(reader, ordered);
};

/** Console gettys (getty@, serial-getty@, console-getty, container-getty@) whose ExecStart has --autologin. */
const gettys = async (reader: Reader): Promise<AutologinFinding> => {
  const result: AutologinFinding = { users: [], guest: false, evidence: [] };
  const pattern = /^((?:serial-|container-)?getty@|console-getty)([^.]*)\.service(\.d)?$/;
  const units = new Set<string>();
  for (const dir of ['/etc/systemd/system', '/run/systemd/system']) {
    for (const name of (await reader.host.readDir(dir)) ?? []) {
      const match = pattern.exec(name);
      if (match) units.add(`${match[1] ?? ''}${match[2] ?? ''}.service`);
    }
  }
  for (const unit of [...units].sort()) {
    const at = unit.indexOf('@');
    const template = at >= 0 ? `${unit.slice(0, at + 1)}.service` : unit;
    const dirs = template === unit ? [`${unit}.d`] : [`${template}.d`, `${unit}.d`];
    const files = [...(await unitFile(reader, unit, template)), ...(await dropIns(reader, dirs))];
    const exec = effectiveExecStart(files);
    if (exec === undefined) continue;
    const user = gettyAutologinUser(exec.value);
    if (user === undefined) continue;
    result.users.push(user);
    result.evidence.push(`${exec.at}: ${unit} ExecStart=${exec.value}`);
  }
  const inittab = await readConfig(reader, '/etc/inittab');
  for (const found of inittab === undefined ? [] : inittabAutologins('/etc/inittab', inittab)) {
    result.users.push(found.user);
    result.evidence.push(`${found.at}: getty --autologin ${found.user}`);
  }
  return result;
};

const collectLinux = async (host: Host, context: ProbeContext): Promise<JsonObject> => {
  const reader: Reader = { host, evidence: [], unreadable: [] };
  const installed = await installedManagers(host, context);
  const users = new Set<string>();
  const take = (manager: string | null, findings: readonly AutologinFinding[]): void => {
    for (const finding of findings) {
      const counted = manager === null || installed.has(manager);
      const suffix = counted ? '' : ` (${manager} is not installed: ignored)`;
      reader.evidence.push(...finding.evidence.map((line) => line + suffix));
      if (!counted) continue;
      for (const user of finding.users) users.add(user);
      if (finding.guest) users.add('guest');
    }
  };

  take('gdm', await gdm(reader));
  const lightdm = lightdmSeats(await lightdmFiles(reader));
  const lightdmInstalled = installed.has('lightdm');
  const guestScript = lightdmInstalled ? await guestScriptPath(host, lightdm.guestScript) : undefined;
  // autologin-guest needs the guest-account script like any guest session does.
  take('lightdm', [{ ...lightdm.autologin, guest: lightdm.autologin.guest && guestScript !== undefined }]);
  take('sddm', [sddmAutologin(await sddmFiles(reader))]);
  const lxdmText = await readConfig(reader, '/etc/lxdm/lxdm.conf');
  if (lxdmText !== undefined) take('lxdm', [lxdmAutologin('/etc/lxdm/lxdm.conf', lxdmText)]);
  take('nodm', [await nodm(reader)]);
  take(null, [await gettys(reader)]);

  let guestLogin: boolean | null = false;
  if (lightdmInstalled) {
    reader.evidence.push(
      lightdm.allowGuest.at === null
        ? `lightdm: allow-guest=${String(lightdm.allowGuest.value)} (LightDM default)`
        : `${lightdm.allowGuest.at}: allow-guest=${String(lightdm.allowGuest.value)}`,
      guestScript === undefined
        ? `lightdm: guest-account script ${lightdm.guestScript} is not installed, so no guest session can start`
        : `lightdm: guest-account script ${guestScript} is installed`,
    );
    guestLogin = (lightdm.allowGuest.value || lightdm.autologin.guest) && guestScript !== undefined;
  }
  const lightdmUnreadable = reader.unreadable.some((path) => path.includes('lightdm'));
  if (!guestLogin && lightdmUnreadable) guestLogin = null;

  const autologin = users.size > 0 ? true : reader.unreadable.length > 0 ? null : false;
  return {
    displayManagers: [...installed].sort(),
    enabledDisplayManager: await enabledManager(host),
    autologin,
    autologinUsers: [...users].sort(),
    guestLogin,
    evidence: reader.evidence,
  };
};

export const login = defineProbe({
  id: 'login',
  title: 'Login',
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
