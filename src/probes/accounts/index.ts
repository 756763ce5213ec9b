import { readText, type Host } from '../../hosts/host.js';
import type { Json, JsonObject } from '../../model.js';
import { parsePasswd, type PasswdEntry } from '../../platform/codecs/passwd.js';
import { defineProbe, ok, type FactSpec, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import { isPersonUid } from '../../platform/linux/homes.js';
import { isLocked, parseGroup, parseShadow, parseSudoers, passwdPasswordFields, sudoersDirEntry, type GroupEntry, type SudoersFile } from './parse.js';

const facts: Record<string, FactSpec> = {
  extraUid0: { type: 'array', description: 'Accounts other than root with uid 0.' },
  emptyPasswords: {
    type: 'array',
    description: 'Accounts whose password field is empty (log in without a password); null when /etc/shadow cannot be read (root needed).',
  },
  rootLocked: { type: 'boolean', description: "root's password is locked or absent (`!`, `*`, `!`-prefixed hash, or no entry)." },
  admins: {
    type: 'array',
    description:
      'Person accounts (uid 0 or 1000-59999) with administrator rights: {user, via} where via lists uid 0, sudo/wheel/admin group ' +
      'membership and sudoers lines granting ALL as root; null when a sudoers file cannot be read.',
  },
  adminGroupMembers: { type: 'array', description: 'Person accounts in the sudo, wheel or admin group (readable without root).' },
  guestAccounts: { type: 'array', description: 'Enabled accounts named guest* with a login shell; null when that cannot be told without /etc/shadow.' },
  reasons: { type: 'array', description: 'What could not be read or followed, and why a fact is null.' },
};

const adminGroups = ['sudo', 'wheel', 'admin'];
const noLoginShells = new Set(['/usr/sbin/nologin', '/sbin/nologin', '/bin/false', '/usr/bin/false', '/bin/true', '/usr/bin/true']);
const dayMs = 86_400_000;

interface Readable {
  text: string | undefined;
  /** The file exists but could not be read. */
  denied: boolean;
}

const read = async (host: Host, path: string): Promise<Readable> => {
  const text = await readText(host, path);
  return { text, denied: text === undefined && (await host.stat(path)) !== undefined };
};

/** Group name → members, including accounts whose primary group it is. */
const groupMembers = (groups: readonly GroupEntry[], passwd: readonly PasswdEntry[], group: GroupEntry): string[] => [
  ...new Set([...group.members, ...passwd.filter((entry) => entry.gid === group.gid).map((entry) => entry.name)]),
];

interface SudoersResult {
  files: SudoersFile[];
  /** False when some sudoers file exists but could not be read. */
  complete: boolean;
}

const readSudoers = async (host: Host, reasons: string[]): Promise<SudoersResult> => {
  const main = await read(host, '/etc/sudoers');
  if (main.denied) {
    reasons.push('/etc/sudoers cannot be read (root needed): sudoers grants unknown');
    return { files: [], complete: false };
  }
  if (main.text === undefined) {
    reasons.push('no /etc/sudoers (sudo not installed)');
    return { files: [], complete: true };
  }
  const first = parseSudoers('/etc/sudoers', main.text);
  const files = [first];
  let complete = true;
  for (const include of first.includes) reasons.push(`/etc/sudoers includes ${include}: not followed`);
  for (const dir of first.includeDirs) {
    if (dir !== '/etc/sudoers.d') {
      reasons.push(`/etc/sudoers includes directory ${dir}: not followed`);
      continue;
    }
    const names = ((await host.readDir(dir)) ?? []).filter(sudoersDirEntry).sort();
    for (const name of names) {
      const path = `${dir}/${name}`;
      const file = await read(host, path);
      if (file.denied) {
        reasons.push(`${path} cannot be read (root needed): sudoers grants unknown`);
        complete = false;
        continue;
      }
      if (file.text !== undefined) files.push(parseSudoers(path, file.text, first.cmndAliases));
    }
  }
  return { files, complete };
};

const collectLinux = async (host: Host, context: ProbeContext): Promise<JsonObject> => {
  const reasons: string[] = [];
  const passwdFile = await read(host, '/etc/passwd');
  if (passwdFile.text === undefined) {
    reasons.push(passwdFile.denied ? '/etc/passwd cannot be read' : 'no /etc/passwd');
    return { extraUid0: null, emptyPasswords: null, rootLocked: null, admins: null, adminGroupMembers: null, guestAccounts: null, reasons };
  }
  const passwd = parsePasswd(passwdFile.text);
  const passwordFields = passwdPasswordFields(passwdFile.text);
  const byName = new Map(passwd.map((entry) => [entry.name, entry]));

  const shadowFile = await read(host, '/etc/shadow');
  const shadow = shadowFile.text === undefined ? undefined : new Map(parseShadow(shadowFile.text).map((entry) => [entry.name, entry]));
  if (shadowFile.denied) reasons.push('/etc/shadow cannot be read (root needed): password states unknown');
  else if (shadow === undefined) reasons.push('no /etc/shadow: password states unknown');

  /** The password that applies: the passwd field unless it defers to shadow with `x`. Undefined = unknown. */
  const effectivePassword = (name: string): string | null | undefined => {
    const field = passwordFields.get(name);
    if (field === undefined) return null;
    if (field !== 'x') return field;
    if (shadow === undefined) return undefined;
    return shadow.get(name)?.password ?? null; // no shadow entry: no usable password
  };

  const extraUid0 = passwd.filter((entry) => entry.uid === 0 && entry.name !== 'root').map((entry) => entry.name);

  const fromPasswd = passwd.filter((entry) => passwordFields.get(entry.name) === '').map((entry) => entry.name);
  let emptyPasswords: string[] | null = null;
  if (shadow !== undefined) emptyPasswords = passwd.filter((entry) => effectivePassword(entry.name) === '').map((entry) => entry.name);
  else if (fromPasswd.length > 0) reasons.push(`empty password field in /etc/passwd: ${fromPasswd.join(', ')}`);

  const rootPassword = effectivePassword('root');
  const rootLocked = rootPassword === undefined ? null : rootPassword === null || isLocked(rootPassword);

  const groups = (await read(host, '/etc/group')).text;
  const groupEntries = groups === undefined ? [] : parseGroup(groups);
  if (groups === undefined) reasons.push('/etc/group cannot be read: group memberships unknown');
  const isPerson = (name: string): boolean => {
    const entry = byName.get(name);
    return entry === undefined || isPersonUid(entry.uid);
  };

  const via = new Map<string, string[]>();
  const add = (user: string, how: string): void => {
    if (!isPerson(user)) return;
    const list = via.get(user) ?? [];
    if (!list.includes(how)) list.push(how);
    via.set(user, list);
  };
  for (const entry of passwd) if (entry.uid === 0) add(entry.name, 'uid 0');
  const adminGroupMembers = new Set<string>();
  for (const group of groupEntries.filter((g) => adminGroups.includes(g.name))) {
    for (const member of groupMembers(groupEntries, passwd, group)) {
      if (!isPerson(member)) continue;
      adminGroupMembers.add(member);
      add(member, `group ${group.name}`);
    }
  }

  const sudoers = await readSudoers(host, reasons);
  const userAliases = new Map(sudoers.files.flatMap((file) => [...file.userAliases]));
  const expand = (item: string, depth = 0): string[] => {
    if (item.startsWith('!')) return [];
    if (item === 'ALL') return passwd.map((entry) => entry.name);
    if (item.startsWith('%:') || item.startsWith('+')) {
      reasons.push(`sudoers names ${item} (non-Unix group or netgroup): members not resolved`);
      return [];
    }
    if (item.startsWith('%#')) {
      const group = groupEntries.find((g) => String(g.gid) === item.slice(2));
      return group === undefined ? [] : groupMembers(groupEntries, passwd, group);
    }
    if (item.startsWith('%')) {
      const group = groupEntries.find((g) => g.name === item.slice(1));
      return group === undefined ? [] : groupMembers(groupEntries, passwd, group);
    }
    if (item.startsWith('#')) return passwd.filter((entry) => String(entry.uid) === item.slice(1)).map((entry) => entry.name);
    const alias = userAliases.get(item);
    if (alias !== undefined && depth < 8) return alias.flatMap((member) => expand(member, depth + 1));
    return [item];
  };
  for (const file of sudoers.files) {
    for (const grant of file.grants) for (const item of grant.who) for (const user of expand(item)) add(user, grant.at);
  }
  const adminList: Json = [...via.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([user, how]) => ({ user, via: how }));
  const admins = sudoers.complete && groups !== undefined ? adminList : null;

  const today = Math.floor(context.now.getTime() / dayMs);
  const guestCandidates = passwd.filter((entry) => /^guest/i.test(entry.name) && !noLoginShells.has(entry.shell));
  let guestAccounts: string[] | null = [];
  for (const entry of guestCandidates) {
    const password = effectivePassword(entry.name);
    const expire = shadow?.get(entry.name)?.expireDays ?? null;
    if (password === undefined) {
      guestAccounts = null;
      reasons.push(`${entry.name} has a login shell; whether it is enabled needs /etc/shadow`);
      break;
    }
    const expired = expire !== null && expire <= today;
    if (password !== null && !isLocked(password) && !expired) guestAccounts.push(entry.name);
  }

  return {
    extraUid0,
    emptyPasswords,
    rootLocked,
    admins,
    adminGroupMembers: [...adminGroupMembers].sort(),
    guestAccounts,
    reasons,
  };
};

export const accounts = defineProbe({
  id: 'accounts',
  title: 'Local accounts',
  needs: ['read'],
  facts,
  // Read from /etc/passwd and /etc/group, which every user can read: /etc/shadow and sudoers
  // being refused leaves them whole (the facts that need those are null instead).
  completeWithoutPermission: ['extraUid0', 'adminGroupMembers'],
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => ok(await collectLinux(host, context)),
  },
});
