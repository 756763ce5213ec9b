/**
 * The words of plain sentences (src/plain/): what a failing or undecided finding means on this
 * machine, for a reader who is not a technician, and the labels of the to-do list and verdict.
 * Typed on `Language | 'lb'` so Luxembourgish is here before `languages` lists it.
 *
 * Facts are described by what their value says about the machine (`state`), never by the rule that
 * tests them, so a policy's own rule on a shipped fact reads plainly too; a fact this table does not
 * name gets the generic wording (`generic`). Values reach these functions already written as people
 * write them (dates in local time with the zone, durations, ages); strings from the checked machine
 * are inserted as they are and escaped by each reporter.
 */
import type { Json, Language, Severity } from '../model.js';

export type SentenceLanguage = Language | 'lb';

/** Values written as people write them, in the report's language and time zone (src/plain/values.ts). */
export interface ValueFormat {
  /** An instant: `22 November 2026 at 08:47 CET`. */
  date: (iso: string) => string;
  /** A calendar day or month: `31 August 2026`. */
  day: (isoDay: string) => string;
  /** How long ago, from the evaluation time: `3 days ago`. */
  age: (iso: string) => string;
  /** A number of seconds: `1 hour, 5 minutes`. */
  duration: (seconds: number) => string;
  /** A number of days: `7 days`. */
  days: (count: number) => string;
  /** A number of bytes: `1.5 GB` (decimal units, as disks and files are sold and shown). */
  size: (bytes: number) => string;
  number: (value: number) => string;
  /** `a, b and c` */
  and: (items: readonly string[]) => string;
  /** `a, b or c` */
  or: (items: readonly string[]) => string;
}

/** What a fact's phrase may use: the formats, the other facts of its family, the rule's limit. */
export interface PhraseContext {
  f: ValueFormat;
  /** Another fact of the same family (`release` beside `lifecycle.supported`), undefined when absent. */
  sibling: (name: string) => Json | undefined;
  /** The bound the rule sets on this fact (`atMost`, `atLeast`, `withinDays`), as a number. */
  limit?: number;
}

export interface FactWords {
  /** For an undecided finding: `whether the system disk is encrypted`. */
  whether: string;
  /** The observed value as a clause (`the system disk is not encrypted`); undefined: use the generic wording. */
  state: (value: Json, c: PhraseContext) => string | undefined;
}

/** One app of a list of apps (software.apps and any list of the same shape). */
export interface AppWords {
  installed: (via: string | undefined) => string;
  running: string;
  lastUsed: (age: string) => string;
  dataLeft: string;
  inBrowser: (sites: string | undefined) => string;
  /** Listed without any of the above (classified from its metadata, say). */
  present: string;
  /** How it was found: `package X`, `app X`. */
  package: (name: string) => string;
  /** `WhatsApp is installed (…) and running`: the name, then its parts joined. */
  clause: (name: string, parts: string) => string;
}

export interface SentenceWords {
  /** BCP 47 locale for Intl formats. */
  locale: string;
  and: (items: readonly string[]) => string;
  or: (items: readonly string[]) => string;
  /** Independent clauses of one sentence: `a; b`. */
  clauses: (items: readonly string[]) => string;
  /** `3 days ago`, when Intl's wording is not how the language writes it (lb); undefined: Intl's. */
  ago?: (count: number, unit: 'day' | 'hour' | 'minute') => string;
  app: AppWords;
  /** A program reachable from the network: `the service postgresql (process postgres) accepts connections from the network on port 5432/tcp`. */
  socket: (what: string, ports: string) => string;
  /** `the service postgresql (process postgres)`; `process` may be absent. */
  service: (name: string, process: string | undefined) => string;
  /** `the program node` */
  program: (process: string) => string;
  unknownProgram: string;
  /** `port 5432/tcp` */
  port: (port: string) => string;
  /** Items of a list fact this table does not name: `“accounts.x”: a, b`. */
  listed: (label: string, items: string) => string;
  generic: {
    /** The label of a fact this table does not name. */
    label: (fact: string) => string;
    is: (label: string, value: string) => string;
    /** With the expectation the value misses, in plain words. */
    isExpected: (label: string, value: string, expected: string) => string;
    whether: (label: string) => string;
    /** An undecided rule whose conditions name no fact: `whether this machine meets “…”`. */
    whetherRule: (title: string) => string;
    yes: string;
    no: string;
    notSet: string;
    expectedValue: (value: string) => string;
    atMost: (value: string) => string;
    atLeast: (value: string) => string;
    withinDays: (days: string) => string;
    /** `matches`, `oneOf`, `noneOf`, `notEquals`: never the pattern or the list itself. */
    notAccepted: string;
    missing: string;
  };
  /** An undecided finding: `On this machine, charter could not tell whether …`. */
  couldNotTell: (whether: string) => string;
  /** When nothing more precise can be said of a failure. */
  ruleNotMet: (title: string) => string;
  facts: Readonly<Record<string, FactWords>>;
  report: {
    /** Labels before a remediation, with their colon. */
    whatToDo: string;
    toDecide: string;
    failing: string;
    holding: string;
    todo: string;
    /** `(ENC-01, critical)` after a to-do item. */
    todoSource: (ruleId: string, severity: Severity) => string;
    meets: (failOn: Severity) => string;
    doesNotMeet: (failOn: Severity, failures: number, undecided: number) => string;
    nothingToDo: string;
    severity: Record<Severity, string>;
    /** Headings of the HTML page. */
    findings: string;
    printedFor: (target: string, date: string) => string;
  };
}

const isTrue = (v: Json): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const flag = (whether: string, yes: string, no: string): FactWords => ({
  whether,
  state: (v) => (isTrue(v) === undefined ? undefined : v === true ? yes : no),
});
const names = (v: Json): string[] | undefined => (Array.isArray(v) && v.every((x): x is string => typeof x === 'string') ? v : undefined);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: Json | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** Calls `then` with a non-empty string, else undefined. */
const said = (v: Json, then: (text: string) => string): string | undefined => (typeof v === 'string' && v !== '' ? then(v) : undefined);
/** Calls `then` with a date string, else undefined. */
const dated = (v: Json, then: (iso: string) => string): string | undefined => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? then(v) : undefined);
/** Calls `then` with a number, else undefined. */
const counted = (v: Json, then: (n: number) => string): string | undefined => (num(v) === undefined ? undefined : then(v as number));
/** Calls `then` with a non-empty list of names, else `none` (a list that is empty). */
const listing = (v: Json, then: (list: string[]) => string, none: string): string | undefined => {
  const list = names(v);
  if (list === undefined) return undefined;
  return list.length === 0 ? none : then(list);
};

// ---------------------------------------------------------------------------------------------
// English

const enFacts: Record<string, FactWords> = {
  'software.apps': { whether: 'which apps are on this machine', state: () => undefined },
  'software.approvedMessengerPresent': flag(
    'whether the approved messenger (LuxChat4Gov) is installed',
    'the approved messenger (LuxChat4Gov) is installed',
    'the approved messenger (LuxChat4Gov) is not installed',
  ),
  'disk-encryption.systemVolumeEncrypted': flag('whether the system disk is encrypted', 'the system disk is encrypted', 'the system disk is not encrypted'),
  'disk-encryption.swapEncrypted': flag(
    'whether the swap space (disk space used as memory) is encrypted',
    'the swap space is encrypted',
    'the swap space (disk space used as memory) is not encrypted',
  ),
  'disk-encryption.systemVolumeCipher': {
    whether: 'how strongly the system disk is encrypted',
    state: (v) => said(v, (text) => `the system disk is encrypted with ${text}, an algorithm the charter does not accept`),
  },
  'disk-encryption.systemVolumeKeyBits': {
    whether: 'how long the system disk’s encryption key is',
    state: (v, c) =>
      counted(
        v,
        (n) => `the system disk’s encryption key has ${c.f.number(n)} bits${c.limit === undefined ? '' : ` (at least ${c.f.number(c.limit)} are needed)`}`,
      ),
  },
  'management.enrolled': flag(
    'whether this machine is enrolled in central management',
    'this machine is enrolled in central management',
    'this machine is not enrolled in central management',
  ),
  'management.lastCheckIn': {
    whether: 'when the management agent last reported in',
    state: (v, c) =>
      dated(
        v,
        (iso) =>
          `the management agent last reported in ${c.f.age(iso)} (${c.f.date(iso)})${c.limit === undefined ? '' : `, more than ${c.f.days(c.limit)} ago`}`,
      ),
  },
  'lifecycle.supported': {
    whether: 'whether the operating system still receives security updates',
    state: (v, c) => {
      const release = str(c.sibling('release')) ?? 'the operating system';
      const end = str(c.sibling('endOfSupport'));
      if (v === true) return `${release} still receives security updates`;
      if (v !== false) return undefined;
      return `${release} no longer receives security updates${end === undefined ? '' : ` (support ended on ${c.f.day(end)})`}`;
    },
  },
  'updates.automatic': flag('whether automatic updates are on', 'automatic updates are on', 'automatic updates are off'),
  'updates.pendingSecurityUpdates': {
    whether: 'whether security updates are waiting to be installed',
    state: (v) => counted(v, (n) => (n === 1 ? '1 security update is waiting to be installed' : `${n} security updates are waiting to be installed`)),
  },
  'updates.upToDateSince': {
    whether: 'since when the machine has been up to date',
    state: (v, c) => dated(v, (iso) => `the machine has not been fully up to date since ${c.f.date(iso)} (${c.f.age(iso)})`),
  },
  'updates.listsUpdatedAt': {
    whether: 'when the machine last looked for updates',
    state: (v, c) => dated(v, (iso) => `the machine last looked for updates ${c.f.age(iso)} (${c.f.date(iso)})`),
  },
  'updates.rebootRequired': flag(
    'whether a restart is needed to finish installing updates',
    'a restart is needed to finish installing updates',
    'no restart is needed',
  ),
  'updates.rebootRequiredSince': {
    whether: 'since when a restart has been waiting',
    state: (v, c) => dated(v, (iso) => `the restart has been waiting since ${c.f.date(iso)} (${c.f.age(iso)})`),
  },
  'screen-lock.graphical': flag(
    'whether this machine has a graphical session',
    'this machine has a graphical session',
    'this machine has no graphical session',
  ),
  'screen-lock.lockEnabled': flag('whether the screen locks by itself', 'the screen locks by itself', 'the screen does not lock by itself'),
  'screen-lock.secondsToLock': {
    whether: 'after how long without use the screen locks',
    state: (v, c) =>
      counted(
        v,
        (n) => `the screen locks only after ${c.f.duration(n)} without use${c.limit === undefined ? '' : ` (at most ${c.f.duration(c.limit)} allowed)`}`,
      ),
  },
  'screen-lock.lockDelaySeconds': {
    whether: 'whether the password is asked for as soon as the screen goes dark',
    state: (v, c) =>
      counted(
        v,
        (n) =>
          `once the screen goes dark, the password is asked for only after ${c.f.duration(n)}${c.limit === undefined ? '' : ` (at most ${c.f.duration(c.limit)} allowed)`}`,
      ),
  },
  'login.autologin': flag(
    'whether a user is logged in automatically at start-up',
    'a user is logged in automatically at start-up, without a password',
    'no user is logged in automatically',
  ),
  'login.guestLogin': flag('whether a guest session is offered at login', 'a guest session is offered at login', 'no guest session is offered'),
  'firewall.enabled': flag('whether the firewall is on', 'the firewall is on', 'the firewall is off'),
  'firewall.defaultInbound': {
    whether: 'whether the firewall refuses incoming connections by default',
    state: (v) =>
      v === 'deny'
        ? 'the firewall refuses incoming connections by default'
        : v === 'allow'
          ? 'the firewall lets incoming connections in by default'
          : said(v, (text) => `the firewall’s default for incoming connections is “${text}”`),
  },
  'listening-services.exposed': { whether: 'which programs accept connections from the network', state: () => undefined },
  'ssh-server.active': flag('whether an SSH server is running', 'an SSH server is running', 'no SSH server is running'),
  'ssh-server.permitRootLogin': {
    whether: 'whether the SSH server refuses logins as root',
    state: (v) => (v === 'no' ? 'the SSH server refuses logins as root' : said(v, (text) => `the SSH server lets root log in (PermitRootLogin ${text})`)),
  },
  'ssh-server.passwordAuthentication': flag(
    'whether the SSH server accepts passwords',
    'the SSH server accepts passwords',
    'the SSH server does not accept passwords',
  ),
  'ssh-server.kbdInteractiveAuthentication': flag(
    'whether the SSH server accepts passwords typed at a prompt',
    'the SSH server accepts passwords typed at a prompt (keyboard-interactive)',
    'the SSH server does not accept keyboard-interactive logins',
  ),
  'ssh-server.permitEmptyPasswords': flag(
    'whether the SSH server accepts empty passwords',
    'the SSH server accepts empty passwords',
    'the SSH server refuses empty passwords',
  ),
  'accounts.extraUid0': {
    whether: 'which accounts have full administrator rights',
    state: (v, c) =>
      listing(
        v,
        (l) => `besides root, ${l.length === 1 ? 'this account has' : 'these accounts have'} full administrator rights: ${c.f.and(l)}`,
        'no account but root has full administrator rights',
      ),
  },
  'accounts.emptyPasswords': {
    whether: 'which accounts have no password',
    state: (v, c) =>
      listing(v, (l) => `${l.length === 1 ? 'this account has' : 'these accounts have'} no password: ${c.f.and(l)}`, 'every account has a password'),
  },
  'accounts.guestAccounts': {
    whether: 'whether guest accounts exist',
    state: (v, c) => listing(v, (l) => `${l.length === 1 ? 'a guest account exists' : 'guest accounts exist'}: ${c.f.and(l)}`, 'there is no guest account'),
  },
  'security-modules.enforcing': flag(
    'whether AppArmor or SELinux protects the system',
    'AppArmor or SELinux protects the system',
    'neither AppArmor nor SELinux is protecting the system (enforcing)',
  ),
  'logging.persistent': flag('whether system logs are kept across restarts', 'system logs are kept across restarts', 'system logs are lost at every restart'),
  'logging.timeSync': flag(
    'whether the clock is synchronised with a time server',
    'the clock is synchronised with a time server',
    'the clock is not synchronised with a time server',
  ),
};

/**
 * `and` and `or` lists of a locale: one Intl.ListFormat each, made on first use and kept (a
 * formatter, not any text), not one per sentence of every host of a fleet.
 */
const listFormat = (locale: string, type: 'conjunction' | 'disjunction'): ((items: readonly string[]) => string) => {
  let format: Intl.ListFormat | undefined;
  return (items) => (format ??= new Intl.ListFormat(locale, { type })).format(items);
};

const enSeverity: Record<Severity, string> = { info: 'information', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

const en: SentenceWords = {
  locale: 'en-GB',
  and: listFormat('en-GB', 'conjunction'),
  or: listFormat('en-GB', 'disjunction'),
  clauses: (items) => items.join('; '),
  app: {
    installed: (via) => `is installed${via === undefined ? '' : ` (${via})`}`,
    running: 'is running',
    lastUsed: (age) => `was last used ${age}`,
    dataLeft: 'has left data on this machine',
    inBrowser: (sites) => `is used in a web browser${sites === undefined ? '' : ` (${sites})`}`,
    present: 'is on this machine',
    package: (name) => `package ${name}`,
    clause: (name, parts) => `${name} ${parts}`,
  },
  socket: (what, ports) => `${what} accepts connections from the network on ${ports}`,
  service: (name, process) => `the service ${name}${process === undefined ? '' : ` (process ${process})`}`,
  program: (process) => `the program ${process}`,
  unknownProgram: 'an unknown program',
  port: (port) => `port ${port}`,
  listed: (label, items) => `${label}: ${items}`,
  generic: {
    label: (fact) => `“${fact}”`,
    is: (label, value) => `${label} is ${value}`,
    isExpected: (label, value, expected) => `${label} is ${value}, ${expected}`,
    whether: (label) => `the value of ${label}`,
    whetherRule: (title) => `whether this machine meets “${title}”`,
    yes: 'yes',
    no: 'no',
    notSet: 'not set',
    expectedValue: (value) => `expected ${value}`,
    atMost: (value) => `at most ${value} allowed`,
    atLeast: (value) => `at least ${value} needed`,
    withinDays: (days) => `older than ${days}`,
    notAccepted: 'which is not one of the accepted values',
    missing: 'which is missing',
  },
  couldNotTell: (whether) => `On this machine, charter could not tell ${whether}`,
  ruleNotMet: (title) => `This machine does not meet the rule “${title}”`,
  facts: enFacts,
  report: {
    whatToDo: 'What to do:',
    toDecide: 'To decide:',
    failing: 'what fails',
    holding: 'what holds',
    todo: 'To do, most serious first:',
    todoSource: (ruleId, severity) => `(${ruleId}, ${enSeverity[severity]})`,
    meets: (failOn) => `This machine meets the charter at \`--fail-on ${failOn}\`: nothing at or above “${enSeverity[failOn]}” failed or was left undecided.`,
    doesNotMeet: (failOn, failures, undecided) =>
      `This machine does not meet the charter at \`--fail-on ${failOn}\`: ${failures} ${failures === 1 ? 'failure' : 'failures'} and ${undecided} undecided ${undecided === 1 ? 'point' : 'points'} at or above “${enSeverity[failOn]}”.`,
    nothingToDo: 'Nothing to do.',
    severity: enSeverity,
    findings: 'Findings',
    printedFor: (target, date) => `${target}, checked on ${date}`,
  },
};

// ---------------------------------------------------------------------------------------------
// French

const frFacts: Record<string, FactWords> = {
  'software.apps': { whether: 'quelles applications sont présentes sur ce poste', state: () => undefined },
  'software.approvedMessengerPresent': flag(
    'si la messagerie approuvée (LuxChat4Gov) est installée',
    'la messagerie approuvée (LuxChat4Gov) est installée',
    'la messagerie approuvée (LuxChat4Gov) n’est pas installée',
  ),
  'disk-encryption.systemVolumeEncrypted': flag('si le disque système est chiffré', 'le disque système est chiffré', 'le disque système n’est pas chiffré'),
  'disk-encryption.swapEncrypted': flag(
    'si l’espace d’échange (swap, le disque utilisé comme mémoire) est chiffré',
    'l’espace d’échange est chiffré',
    'l’espace d’échange (swap, le disque utilisé comme mémoire) n’est pas chiffré',
  ),
  'disk-encryption.systemVolumeCipher': {
    whether: 'avec quelle force le disque système est chiffré',
    state: (v) => said(v, (text) => `le disque système est chiffré avec ${text}, un algorithme que la charte n’accepte pas`),
  },
  'disk-encryption.systemVolumeKeyBits': {
    whether: 'quelle est la longueur de la clé de chiffrement du disque système',
    state: (v, c) =>
      counted(
        v,
        (n) =>
          `la clé de chiffrement du disque système fait ${c.f.number(n)} bits${c.limit === undefined ? '' : ` (il en faut au moins ${c.f.number(c.limit)})`}`,
      ),
  },
  'management.enrolled': flag(
    'si ce poste est inscrit dans la gestion centralisée',
    'ce poste est inscrit dans la gestion centralisée',
    'ce poste n’est pas inscrit dans la gestion centralisée',
  ),
  'management.lastCheckIn': {
    whether: 'quand l’agent de gestion s’est manifesté pour la dernière fois',
    state: (v, c) =>
      dated(
        v,
        (iso) =>
          `l’agent de gestion s’est manifesté pour la dernière fois ${c.f.age(iso)} (${c.f.date(iso)})${c.limit === undefined ? '' : `, il y a plus de ${c.f.days(c.limit)}`}`,
      ),
  },
  'lifecycle.supported': {
    whether: 'si le système d’exploitation reçoit encore des mises à jour de sécurité',
    state: (v, c) => {
      const release = str(c.sibling('release')) ?? 'le système d’exploitation';
      const end = str(c.sibling('endOfSupport'));
      if (v === true) return `${release} reçoit encore des mises à jour de sécurité`;
      if (v !== false) return undefined;
      return `${release} ne reçoit plus de mises à jour de sécurité${end === undefined ? '' : ` (support terminé le ${c.f.day(end)})`}`;
    },
  },
  'updates.automatic': flag(
    'si les mises à jour automatiques sont activées',
    'les mises à jour automatiques sont activées',
    'les mises à jour automatiques sont désactivées',
  ),
  'updates.pendingSecurityUpdates': {
    whether: 'si des mises à jour de sécurité attendent d’être installées',
    state: (v) =>
      counted(v, (n) => (n <= 1 ? `${n} mise à jour de sécurité attend d’être installée` : `${n} mises à jour de sécurité attendent d’être installées`)),
  },
  'updates.upToDateSince': {
    whether: 'depuis quand le poste est à jour',
    state: (v, c) => dated(v, (iso) => `le poste n’est plus entièrement à jour depuis le ${c.f.date(iso)} (${c.f.age(iso)})`),
  },
  'updates.listsUpdatedAt': {
    whether: 'quand le poste a cherché des mises à jour pour la dernière fois',
    state: (v, c) => dated(v, (iso) => `le poste a cherché des mises à jour pour la dernière fois ${c.f.age(iso)} (${c.f.date(iso)})`),
  },
  'updates.rebootRequired': flag(
    'si un redémarrage est nécessaire pour terminer l’installation des mises à jour',
    'un redémarrage est nécessaire pour terminer l’installation des mises à jour',
    'aucun redémarrage n’est nécessaire',
  ),
  'updates.rebootRequiredSince': {
    whether: 'depuis quand un redémarrage est attendu',
    state: (v, c) => dated(v, (iso) => `le redémarrage est attendu depuis le ${c.f.date(iso)} (${c.f.age(iso)})`),
  },
  'screen-lock.graphical': flag('si ce poste a une session graphique', 'ce poste a une session graphique', 'ce poste n’a pas de session graphique'),
  'screen-lock.lockEnabled': flag('si l’écran se verrouille tout seul', 'l’écran se verrouille tout seul', 'l’écran ne se verrouille pas tout seul'),
  'screen-lock.secondsToLock': {
    whether: 'après combien de temps d’inactivité l’écran se verrouille',
    state: (v, c) =>
      counted(
        v,
        (n) => `l’écran ne se verrouille qu’après ${c.f.duration(n)} d’inactivité${c.limit === undefined ? '' : ` (${c.f.duration(c.limit)} au plus)`}`,
      ),
  },
  'screen-lock.lockDelaySeconds': {
    whether: 'si le mot de passe est demandé dès que l’écran s’éteint',
    state: (v, c) =>
      counted(
        v,
        (n) =>
          `quand l’écran s’éteint, le mot de passe n’est demandé qu’après ${c.f.duration(n)}${c.limit === undefined ? '' : ` (${c.f.duration(c.limit)} au plus)`}`,
      ),
  },
  'login.autologin': flag(
    'si un utilisateur est connecté automatiquement au démarrage',
    'un utilisateur est connecté automatiquement au démarrage, sans mot de passe',
    'aucun utilisateur n’est connecté automatiquement',
  ),
  'login.guestLogin': flag(
    'si une session invité est proposée à la connexion',
    'une session invité est proposée à la connexion',
    'aucune session invité n’est proposée',
  ),
  'firewall.enabled': flag('si le pare-feu est activé', 'le pare-feu est activé', 'le pare-feu est désactivé'),
  'firewall.defaultInbound': {
    whether: 'si le pare-feu refuse par défaut les connexions entrantes',
    state: (v) =>
      v === 'deny'
        ? 'le pare-feu refuse par défaut les connexions entrantes'
        : v === 'allow'
          ? 'le pare-feu laisse entrer par défaut les connexions entrantes'
          : said(v, (text) => `la règle par défaut du pare-feu pour les connexions entrantes est « ${text} »`),
  },
  'listening-services.exposed': { whether: 'quels programmes acceptent des connexions depuis le réseau', state: () => undefined },
  'ssh-server.active': flag('si un serveur SSH est en marche', 'un serveur SSH est en marche', 'aucun serveur SSH n’est en marche'),
  'ssh-server.permitRootLogin': {
    whether: 'si le serveur SSH refuse les connexions en tant que root',
    state: (v) =>
      v === 'no'
        ? 'le serveur SSH refuse les connexions en tant que root'
        : said(v, (text) => `le serveur SSH accepte les connexions en tant que root (PermitRootLogin ${text})`),
  },
  'ssh-server.passwordAuthentication': flag(
    'si le serveur SSH accepte les mots de passe',
    'le serveur SSH accepte les mots de passe',
    'le serveur SSH n’accepte pas les mots de passe',
  ),
  'ssh-server.kbdInteractiveAuthentication': flag(
    'si le serveur SSH accepte les mots de passe saisis à une invite',
    'le serveur SSH accepte les mots de passe saisis à une invite (keyboard-interactive)',
    'le serveur SSH n’accepte pas les connexions keyboard-interactive',
  ),
  'ssh-server.permitEmptyPasswords': flag(
    'si le serveur SSH accepte les mots de passe vides',
    'le serveur SSH accepte les mots de passe vides',
    'le serveur SSH refuse les mots de passe vides',
  ),
  'accounts.extraUid0': {
    whether: 'quels comptes ont tous les droits d’administrateur',
    state: (v, c) =>
      listing(
        v,
        (l) => `en plus de root, ${l.length === 1 ? 'ce compte a' : 'ces comptes ont'} tous les droits d’administrateur : ${c.f.and(l)}`,
        'aucun compte autre que root n’a tous les droits',
      ),
  },
  'accounts.emptyPasswords': {
    whether: 'quels comptes n’ont pas de mot de passe',
    state: (v, c) =>
      listing(
        v,
        (l) => `${l.length === 1 ? 'ce compte n’a' : 'ces comptes n’ont'} pas de mot de passe : ${c.f.and(l)}`,
        'tous les comptes ont un mot de passe',
      ),
  },
  'accounts.guestAccounts': {
    whether: 'si des comptes invités existent',
    state: (v, c) =>
      listing(v, (l) => `${l.length === 1 ? 'un compte invité existe' : 'des comptes invités existent'} : ${c.f.and(l)}`, 'il n’y a pas de compte invité'),
  },
  'security-modules.enforcing': flag(
    'si AppArmor ou SELinux protège le système',
    'AppArmor ou SELinux protège le système',
    'ni AppArmor ni SELinux ne protège le système (mode enforcing)',
  ),
  'logging.persistent': flag(
    'si les journaux système sont conservés après un redémarrage',
    'les journaux système sont conservés après un redémarrage',
    'les journaux système sont perdus à chaque redémarrage',
  ),
  'logging.timeSync': flag(
    'si l’horloge est synchronisée sur un serveur de temps',
    'l’horloge est synchronisée sur un serveur de temps',
    'l’horloge n’est pas synchronisée sur un serveur de temps',
  ),
};

const frSeverity: Record<Severity, string> = { info: 'information', low: 'faible', medium: 'moyenne', high: 'élevée', critical: 'critique' };

const fr: SentenceWords = {
  locale: 'fr',
  and: listFormat('fr', 'conjunction'),
  or: listFormat('fr', 'disjunction'),
  clauses: (items) => items.join(' ; '),
  app: {
    installed: (via) => `est installé${via === undefined ? '' : ` (${via})`}`,
    running: 'est en cours d’exécution',
    lastUsed: (age) => `a été utilisé pour la dernière fois ${age}`,
    dataLeft: 'a laissé des données sur ce poste',
    inBrowser: (sites) => `est utilisé dans un navigateur web${sites === undefined ? '' : ` (${sites})`}`,
    present: 'est présent sur ce poste',
    package: (name) => `paquet ${name}`,
    clause: (name, parts) => `${name} ${parts}`,
  },
  socket: (what, ports) => `${what} accepte des connexions depuis le réseau sur ${ports}`,
  service: (name, process) => `le service ${name}${process === undefined ? '' : ` (processus ${process})`}`,
  program: (process) => `le programme ${process}`,
  unknownProgram: 'un programme inconnu',
  port: (port) => `le port ${port}`,
  listed: (label, items) => `${label} : ${items}`,
  generic: {
    label: (fact) => `« ${fact} »`,
    is: (label, value) => `${label} vaut ${value}`,
    isExpected: (label, value, expected) => `${label} vaut ${value}, ${expected}`,
    whether: (label) => `la valeur de ${label}`,
    whetherRule: (title) => `si ce poste respecte « ${title} »`,
    yes: 'oui',
    no: 'non',
    notSet: 'non renseigné',
    expectedValue: (value) => `attendu : ${value}`,
    atMost: (value) => `${value} au plus`,
    atLeast: (value) => `au moins ${value}`,
    withinDays: (days) => `plus ancien que ${days}`,
    notAccepted: 'ce qui ne fait pas partie des valeurs acceptées',
    missing: 'ce qui manque',
  },
  couldNotTell: (whether) => `Sur ce poste, charter n’a pas pu déterminer ${whether}`,
  ruleNotMet: (title) => `Ce poste ne respecte pas la règle « ${title} »`,
  facts: frFacts,
  report: {
    whatToDo: 'Que faire :',
    toDecide: 'Pour trancher :',
    failing: 'ce qui échoue',
    holding: 'ce qui est respecté',
    todo: 'À faire, le plus grave d’abord :',
    todoSource: (ruleId, severity) => `(${ruleId}, ${frSeverity[severity]})`,
    meets: (failOn) =>
      `Ce poste respecte la charte avec \`--fail-on ${failOn}\` : rien de gravité « ${frSeverity[failOn]} » ou plus n’a échoué ni n’est resté indéterminé.`,
    doesNotMeet: (failOn, failures, undecided) =>
      `Ce poste ne respecte pas la charte avec \`--fail-on ${failOn}\` : ${failures} ${failures <= 1 ? 'échec' : 'échecs'} et ${undecided} ${undecided <= 1 ? 'point indéterminé' : 'points indéterminés'} de gravité « ${frSeverity[failOn]} » ou plus.`,
    nothingToDo: 'Rien à faire.',
    severity: frSeverity,
    findings: 'Constats',
    printedFor: (target, date) => `${target}, vérifié le ${date}`,
  },
};

// ---------------------------------------------------------------------------------------------
// German

const deFacts: Record<string, FactWords> = {
  'software.apps': { whether: 'welche Apps auf diesem Gerät sind', state: () => undefined },
  'software.approvedMessengerPresent': flag(
    'ob der zugelassene Messenger (LuxChat4Gov) installiert ist',
    'der zugelassene Messenger (LuxChat4Gov) ist installiert',
    'der zugelassene Messenger (LuxChat4Gov) ist nicht installiert',
  ),
  'disk-encryption.systemVolumeEncrypted': flag(
    'ob die Systemfestplatte verschlüsselt ist',
    'die Systemfestplatte ist verschlüsselt',
    'die Systemfestplatte ist nicht verschlüsselt',
  ),
  'disk-encryption.swapEncrypted': flag(
    'ob der Auslagerungsspeicher (Swap) verschlüsselt ist',
    'der Auslagerungsspeicher ist verschlüsselt',
    'der Auslagerungsspeicher (Swap, als Arbeitsspeicher genutzter Plattenplatz) ist nicht verschlüsselt',
  ),
  'disk-encryption.systemVolumeCipher': {
    whether: 'wie stark die Systemfestplatte verschlüsselt ist',
    state: (v) => said(v, (text) => `die Systemfestplatte ist mit ${text} verschlüsselt, einem Verfahren, das die Charta nicht zulässt`),
  },
  'disk-encryption.systemVolumeKeyBits': {
    whether: 'wie lang der Schlüssel der Systemfestplatte ist',
    state: (v, c) =>
      counted(
        v,
        (n) => `der Schlüssel der Systemfestplatte hat ${c.f.number(n)} Bit${c.limit === undefined ? '' : ` (mindestens ${c.f.number(c.limit)} sind nötig)`}`,
      ),
  },
  'management.enrolled': flag(
    'ob dieses Gerät in der zentralen Verwaltung angemeldet ist',
    'dieses Gerät ist in der zentralen Verwaltung angemeldet',
    'dieses Gerät ist nicht in der zentralen Verwaltung angemeldet',
  ),
  'management.lastCheckIn': {
    whether: 'wann sich der Verwaltungsagent zuletzt gemeldet hat',
    state: (v, c) =>
      dated(
        v,
        (iso) =>
          `der Verwaltungsagent hat sich zuletzt ${c.f.age(iso)} gemeldet (${c.f.date(iso)})${c.limit === undefined ? '' : `, vor mehr als ${c.f.days(c.limit)}`}`,
      ),
  },
  'lifecycle.supported': {
    whether: 'ob das Betriebssystem noch Sicherheitsupdates erhält',
    state: (v, c) => {
      const release = str(c.sibling('release')) ?? 'das Betriebssystem';
      const end = str(c.sibling('endOfSupport'));
      if (v === true) return `${release} erhält noch Sicherheitsupdates`;
      if (v !== false) return undefined;
      return `${release} erhält keine Sicherheitsupdates mehr${end === undefined ? '' : ` (Unterstützung endete am ${c.f.day(end)})`}`;
    },
  },
  'updates.automatic': flag('ob automatische Updates eingeschaltet sind', 'automatische Updates sind eingeschaltet', 'automatische Updates sind ausgeschaltet'),
  'updates.pendingSecurityUpdates': {
    whether: 'ob Sicherheitsupdates auf die Installation warten',
    state: (v) => counted(v, (n) => (n === 1 ? '1 Sicherheitsupdate wartet auf die Installation' : `${n} Sicherheitsupdates warten auf die Installation`)),
  },
  'updates.upToDateSince': {
    whether: 'seit wann das Gerät auf dem neuesten Stand ist',
    state: (v, c) => dated(v, (iso) => `das Gerät ist seit dem ${c.f.date(iso)} (${c.f.age(iso)}) nicht mehr vollständig auf dem neuesten Stand`),
  },
  'updates.listsUpdatedAt': {
    whether: 'wann das Gerät zuletzt nach Updates gesucht hat',
    state: (v, c) => dated(v, (iso) => `das Gerät hat zuletzt ${c.f.age(iso)} nach Updates gesucht (${c.f.date(iso)})`),
  },
  'updates.rebootRequired': flag(
    'ob ein Neustart nötig ist, um Updates abzuschließen',
    'ein Neustart ist nötig, um die Installation von Updates abzuschließen',
    'kein Neustart ist nötig',
  ),
  'updates.rebootRequiredSince': {
    whether: 'seit wann ein Neustart aussteht',
    state: (v, c) => dated(v, (iso) => `der Neustart steht seit dem ${c.f.date(iso)} aus (${c.f.age(iso)})`),
  },
  'screen-lock.graphical': flag(
    'ob dieses Gerät eine grafische Sitzung hat',
    'dieses Gerät hat eine grafische Sitzung',
    'dieses Gerät hat keine grafische Sitzung',
  ),
  'screen-lock.lockEnabled': flag(
    'ob sich der Bildschirm von selbst sperrt',
    'der Bildschirm sperrt sich von selbst',
    'der Bildschirm sperrt sich nicht von selbst',
  ),
  'screen-lock.secondsToLock': {
    whether: 'nach welcher Zeit ohne Benutzung sich der Bildschirm sperrt',
    state: (v, c) =>
      counted(
        v,
        (n) =>
          `der Bildschirm sperrt sich erst nach ${c.f.duration(n)} ohne Benutzung${c.limit === undefined ? '' : ` (höchstens ${c.f.duration(c.limit)} erlaubt)`}`,
      ),
  },
  'screen-lock.lockDelaySeconds': {
    whether: 'ob das Passwort verlangt wird, sobald der Bildschirm dunkel wird',
    state: (v, c) =>
      counted(
        v,
        (n) =>
          `wenn der Bildschirm dunkel wird, wird das Passwort erst nach ${c.f.duration(n)} verlangt${c.limit === undefined ? '' : ` (höchstens ${c.f.duration(c.limit)} erlaubt)`}`,
      ),
  },
  'login.autologin': flag(
    'ob beim Start automatisch ein Benutzer angemeldet wird',
    'beim Start wird automatisch ein Benutzer angemeldet, ohne Passwort',
    'kein Benutzer wird automatisch angemeldet',
  ),
  'login.guestLogin': flag(
    'ob bei der Anmeldung eine Gastsitzung angeboten wird',
    'bei der Anmeldung wird eine Gastsitzung angeboten',
    'keine Gastsitzung wird angeboten',
  ),
  'firewall.enabled': flag('ob die Firewall eingeschaltet ist', 'die Firewall ist eingeschaltet', 'die Firewall ist ausgeschaltet'),
  'firewall.defaultInbound': {
    whether: 'ob die Firewall eingehende Verbindungen standardmäßig abweist',
    state: (v) =>
      v === 'deny'
        ? 'die Firewall weist eingehende Verbindungen standardmäßig ab'
        : v === 'allow'
          ? 'die Firewall lässt eingehende Verbindungen standardmäßig durch'
          : said(v, (text) => `die Standardregel der Firewall für eingehende Verbindungen ist „${text}“`),
  },
  'listening-services.exposed': { whether: 'welche Programme Verbindungen aus dem Netzwerk annehmen', state: () => undefined },
  'ssh-server.active': flag('ob ein SSH-Server läuft', 'ein SSH-Server läuft', 'kein SSH-Server läuft'),
  'ssh-server.permitRootLogin': {
    whether: 'ob der SSH-Server Anmeldungen als root abweist',
    state: (v) =>
      v === 'no' ? 'der SSH-Server weist Anmeldungen als root ab' : said(v, (text) => `der SSH-Server lässt Anmeldungen als root zu (PermitRootLogin ${text})`),
  },
  'ssh-server.passwordAuthentication': flag(
    'ob der SSH-Server Passwörter annimmt',
    'der SSH-Server nimmt Passwörter an',
    'der SSH-Server nimmt keine Passwörter an',
  ),
  'ssh-server.kbdInteractiveAuthentication': flag(
    'ob der SSH-Server an einer Eingabeaufforderung getippte Passwörter annimmt',
    'der SSH-Server nimmt an einer Eingabeaufforderung getippte Passwörter an (keyboard-interactive)',
    'der SSH-Server nimmt keine keyboard-interactive-Anmeldungen an',
  ),
  'ssh-server.permitEmptyPasswords': flag(
    'ob der SSH-Server leere Passwörter annimmt',
    'der SSH-Server nimmt leere Passwörter an',
    'der SSH-Server weist leere Passwörter ab',
  ),
  'accounts.extraUid0': {
    whether: 'welche Konten volle Administratorrechte haben',
    state: (v, c) =>
      listing(
        v,
        (l) => `außer root ${l.length === 1 ? 'hat dieses Konto' : 'haben diese Konten'} volle Administratorrechte: ${c.f.and(l)}`,
        'außer root hat kein Konto volle Administratorrechte',
      ),
  },
  'accounts.emptyPasswords': {
    whether: 'welche Konten kein Passwort haben',
    state: (v, c) =>
      listing(v, (l) => `${l.length === 1 ? 'dieses Konto hat' : 'diese Konten haben'} kein Passwort: ${c.f.and(l)}`, 'jedes Konto hat ein Passwort'),
  },
  'accounts.guestAccounts': {
    whether: 'ob Gastkonten bestehen',
    state: (v, c) => listing(v, (l) => `${l.length === 1 ? 'ein Gastkonto besteht' : 'Gastkonten bestehen'}: ${c.f.and(l)}`, 'es gibt kein Gastkonto'),
  },
  'security-modules.enforcing': flag(
    'ob AppArmor oder SELinux das System schützt',
    'AppArmor oder SELinux schützt das System',
    'weder AppArmor noch SELinux schützt das System (Modus enforcing)',
  ),
  'logging.persistent': flag(
    'ob Systemprotokolle einen Neustart überdauern',
    'Systemprotokolle überdauern einen Neustart',
    'Systemprotokolle gehen bei jedem Neustart verloren',
  ),
  'logging.timeSync': flag(
    'ob die Uhr mit einem Zeitserver abgeglichen wird',
    'die Uhr wird mit einem Zeitserver abgeglichen',
    'die Uhr wird nicht mit einem Zeitserver abgeglichen',
  ),
};

const deSeverity: Record<Severity, string> = { info: 'Information', low: 'niedrig', medium: 'mittel', high: 'hoch', critical: 'kritisch' };

const de: SentenceWords = {
  locale: 'de',
  and: listFormat('de', 'conjunction'),
  or: listFormat('de', 'disjunction'),
  clauses: (items) => items.join('; '),
  app: {
    installed: (via) => `ist installiert${via === undefined ? '' : ` (${via})`}`,
    running: 'läuft gerade',
    lastUsed: (age) => `wurde zuletzt ${age} benutzt`,
    dataLeft: 'hat Daten auf diesem Gerät hinterlassen',
    inBrowser: (sites) => `wird in einem Webbrowser benutzt${sites === undefined ? '' : ` (${sites})`}`,
    present: 'ist auf diesem Gerät vorhanden',
    package: (name) => `Paket ${name}`,
    clause: (name, parts) => `${name} ${parts}`,
  },
  socket: (what, ports) => `${what} nimmt Verbindungen aus dem Netzwerk an, auf ${ports}`,
  service: (name, process) => `der Dienst ${name}${process === undefined ? '' : ` (Prozess ${process})`}`,
  program: (process) => `das Programm ${process}`,
  unknownProgram: 'ein unbekanntes Programm',
  port: (port) => `Port ${port}`,
  listed: (label, items) => `${label}: ${items}`,
  generic: {
    label: (fact) => `„${fact}“`,
    is: (label, value) => `${label} ist ${value}`,
    isExpected: (label, value, expected) => `${label} ist ${value}, ${expected}`,
    whether: (label) => `den Wert von ${label}`,
    whetherRule: (title) => `ob dieses Gerät „${title}“ erfüllt`,
    yes: 'ja',
    no: 'nein',
    notSet: 'nicht gesetzt',
    expectedValue: (value) => `erwartet: ${value}`,
    atMost: (value) => `höchstens ${value} erlaubt`,
    atLeast: (value) => `mindestens ${value} nötig`,
    withinDays: (days) => `älter als ${days}`,
    notAccepted: 'was keiner der zulässigen Werte ist',
    missing: 'was fehlt',
  },
  couldNotTell: (whether) => `Auf diesem Gerät konnte charter nicht feststellen, ${whether}`,
  ruleNotMet: (title) => `Dieses Gerät erfüllt die Regel „${title}“ nicht`,
  facts: deFacts,
  report: {
    whatToDo: 'Was zu tun ist:',
    toDecide: 'Zur Klärung:',
    failing: 'was nicht erfüllt ist',
    holding: 'was erfüllt ist',
    todo: 'Zu erledigen, Schwerwiegendstes zuerst:',
    todoSource: (ruleId, severity) => `(${ruleId}, ${deSeverity[severity]})`,
    meets: (failOn) =>
      `Dieses Gerät erfüllt die Charta bei \`--fail-on ${failOn}\`: Nichts ab Schweregrad „${deSeverity[failOn]}“ ist fehlgeschlagen oder offen geblieben.`,
    doesNotMeet: (failOn, failures, undecided) =>
      `Dieses Gerät erfüllt die Charta bei \`--fail-on ${failOn}\` nicht: ${failures} ${failures === 1 ? 'Fehlschlag' : 'Fehlschläge'} und ${undecided} ${undecided === 1 ? 'offener Punkt' : 'offene Punkte'} ab Schweregrad „${deSeverity[failOn]}“.`,
    nothingToDo: 'Nichts zu tun.',
    severity: deSeverity,
    findings: 'Ergebnisse',
    printedFor: (target, date) => `${target}, geprüft am ${date}`,
  },
};

// ---------------------------------------------------------------------------------------------
// Luxembourgish. The n-rule (Eifeler Regel): a final -n stays before a vowel and before d, h, n,
// t, z, and is dropped before other consonants ("virun dräi Deeg", "a mat").

const keepsN = (next: string): boolean => /^[aeiouäëéöüyhdntz0-9]/i.test(next.trim());
/** `an` or `a` before the next word. */
const lbAnd = (next: string): string => (keepsN(next) ? 'an' : 'a');
const lbJoin = (items: readonly string[], word: (next: string) => string): string => {
  if (items.length <= 1) return items.join('');
  const last = items[items.length - 1] ?? '';
  return `${items.slice(0, -1).join(', ')} ${word(last)} ${last}`;
};
/** Plural units after `virun` (dative): `virun 3 Deeg`. */
const lbUnit = { day: ['Dag', 'Deeg'], hour: ['Stonn', 'Stonnen'], minute: ['Minutt', 'Minutten'] } as const;

const lbFacts: Record<string, FactWords> = {
  'software.apps': { whether: 'wéi eng Appen op dësem Apparat sinn', state: () => undefined },
  'software.approvedMessengerPresent': flag(
    'ob den zougeloossene Messenger (LuxChat4Gov) installéiert ass',
    'den zougeloossene Messenger (LuxChat4Gov) ass installéiert',
    'den zougeloossene Messenger (LuxChat4Gov) ass net installéiert',
  ),
  'disk-encryption.systemVolumeEncrypted': flag('ob d’Systemplack verschlësselt ass', 'd’Systemplack ass verschlësselt', 'd’Systemplack ass net verschlësselt'),
  'disk-encryption.swapEncrypted': flag(
    'ob de Swap (Plaz op der Plack, déi als Späicher benotzt gëtt) verschlësselt ass',
    'de Swap ass verschlësselt',
    'de Swap (Plaz op der Plack, déi als Späicher benotzt gëtt) ass net verschlësselt',
  ),
  'disk-encryption.systemVolumeCipher': {
    whether: 'wéi staark d’Systemplack verschlësselt ass',
    state: (v) => said(v, (text) => `d’Systemplack ass mat ${text} verschlësselt, engem Verfahren, dat d’Charta net zouléisst`),
  },
  'disk-encryption.systemVolumeKeyBits': {
    whether: 'wéi laang de Schlëssel vun der Systemplack ass',
    state: (v, c) =>
      counted(
        v,
        (n) => `de Schlëssel vun der Systemplack huet ${c.f.number(n)} Bit${c.limit === undefined ? '' : ` (op d’mannst ${c.f.number(c.limit)} sinn néideg)`}`,
      ),
  },
  'management.enrolled': flag(
    'ob dësen Apparat an der zentraler Verwaltung ugemellt ass',
    'dësen Apparat ass an der zentraler Verwaltung ugemellt',
    'dësen Apparat ass net an der zentraler Verwaltung ugemellt',
  ),
  'management.lastCheckIn': {
    whether: 'wéini de Verwaltungsagent sech fir d’lescht gemellt huet',
    state: (v, c) =>
      dated(
        v,
        (iso) =>
          `de Verwaltungsagent huet sech fir d’lescht ${c.f.age(iso)} gemellt (${c.f.date(iso)})${c.limit === undefined ? '' : `, dat ass méi wéi ${c.f.days(c.limit)} hier`}`,
      ),
  },
  'lifecycle.supported': {
    whether: 'ob de Betriebssystem nach Sécherheetsupdates kritt',
    state: (v, c) => {
      const release = str(c.sibling('release')) ?? 'de Betriebssystem';
      const end = str(c.sibling('endOfSupport'));
      if (v === true) return `${release} kritt nach Sécherheetsupdates`;
      if (v !== false) return undefined;
      return `${release} kritt keng Sécherheetsupdates méi${end === undefined ? '' : ` (d’Ënnerstëtzung ass den ${c.f.day(end)} op en Enn gaangen)`}`;
    },
  },
  'updates.automatic': flag('ob automatesch Updates ageschalt sinn', 'automatesch Updates sinn ageschalt', 'automatesch Updates sinn ausgeschalt'),
  'updates.pendingSecurityUpdates': {
    whether: 'ob Sécherheetsupdates drop waarden, installéiert ze ginn',
    state: (v) =>
      counted(v, (n) => (n === 1 ? '1 Sécherheetsupdate waart drop, installéiert ze ginn' : `${n} Sécherheetsupdates waarden drop, installéiert ze ginn`)),
  },
  'updates.upToDateSince': {
    whether: 'zënter wéini den Apparat um leschte Stand ass',
    state: (v, c) => dated(v, (iso) => `den Apparat ass zënter dem ${c.f.date(iso)} (${c.f.age(iso)}) net méi ganz um leschte Stand`),
  },
  'updates.listsUpdatedAt': {
    whether: 'wéini den Apparat fir d’lescht no Updates gesicht huet',
    state: (v, c) => dated(v, (iso) => `den Apparat huet fir d’lescht ${c.f.age(iso)} no Updates gesicht (${c.f.date(iso)})`),
  },
  'updates.rebootRequired': flag(
    'ob en Neistart néideg ass, fir d’Updates fäerdeg z’installéieren',
    'en Neistart ass néideg, fir d’Updates fäerdeg z’installéieren',
    'keen Neistart ass néideg',
  ),
  'updates.rebootRequiredSince': {
    whether: 'zënter wéini en Neistart aussteet',
    state: (v, c) => dated(v, (iso) => `den Neistart steet zënter dem ${c.f.date(iso)} aus (${c.f.age(iso)})`),
  },
  'screen-lock.graphical': flag(
    'ob dësen Apparat eng grafesch Sessioun huet',
    'dësen Apparat huet eng grafesch Sessioun',
    'dësen Apparat huet keng grafesch Sessioun',
  ),
  'screen-lock.lockEnabled': flag('ob den Ecran sech vu selwer späert', 'den Ecran späert sech vu selwer', 'den Ecran späert sech net vu selwer'),
  'screen-lock.secondsToLock': {
    whether: 'no wéi laanger Zäit ouni Benotzung den Ecran sech späert',
    state: (v, c) =>
      counted(
        v,
        (n) =>
          `den Ecran späert sech eréischt no ${c.f.duration(n)} ouni Benotzung${c.limit === undefined ? '' : ` (héchstens ${c.f.duration(c.limit)} erlaabt)`}`,
      ),
  },
  'screen-lock.lockDelaySeconds': {
    whether: 'ob d’Passwuert gefrot gëtt, soubal den Ecran däischter gëtt',
    state: (v, c) =>
      counted(
        v,
        (n) =>
          `wann den Ecran däischter gëtt, gëtt d’Passwuert eréischt no ${c.f.duration(n)} gefrot${c.limit === undefined ? '' : ` (héchstens ${c.f.duration(c.limit)} erlaabt)`}`,
      ),
  },
  'login.autologin': flag(
    'ob beim Starten automatesch e Benotzer ugemellt gëtt',
    'beim Starten gëtt automatesch e Benotzer ugemellt, ouni Passwuert',
    'kee Benotzer gëtt automatesch ugemellt',
  ),
  'login.guestLogin': flag(
    'ob beim Umellen eng Gaascht-Sessioun ugebuede gëtt',
    'beim Umellen gëtt eng Gaascht-Sessioun ugebueden',
    'et gëtt keng Gaascht-Sessioun ugebueden',
  ),
  'firewall.enabled': flag('ob d’Firewall ageschalt ass', 'd’Firewall ass ageschalt', 'd’Firewall ass ausgeschalt'),
  'firewall.defaultInbound': {
    whether: 'ob d’Firewall erakommend Verbindungen standardméisseg refuséiert',
    state: (v) =>
      v === 'deny'
        ? 'd’Firewall refuséiert erakommend Verbindungen standardméisseg'
        : v === 'allow'
          ? 'd’Firewall léisst erakommend Verbindungen standardméisseg eran'
          : said(v, (text) => `d’Standardregel vun der Firewall fir erakommend Verbindungen ass „${text}“`),
  },
  'listening-services.exposed': { whether: 'wéi eng Programmer Verbindungen aus dem Netz unhuelen', state: () => undefined },
  'ssh-server.active': flag('ob e SSH-Server leeft', 'e SSH-Server leeft', 'kee SSH-Server leeft'),
  'ssh-server.permitRootLogin': {
    whether: 'ob de SSH-Server Umeldunge mat root refuséiert',
    state: (v) =>
      v === 'no' ? 'de SSH-Server refuséiert Umeldunge mat root' : said(v, (text) => `de SSH-Server léisst Umeldunge mat root zou (PermitRootLogin ${text})`),
  },
  'ssh-server.passwordAuthentication': flag(
    'ob de SSH-Server Passwierder unhëlt',
    'de SSH-Server hëlt Passwierder un',
    'de SSH-Server hëlt keng Passwierder un',
  ),
  'ssh-server.kbdInteractiveAuthentication': flag(
    'ob de SSH-Server Passwierder unhëlt, déi bei enger Ufro agetippt ginn',
    'de SSH-Server hëlt Passwierder un, déi bei enger Ufro agetippt ginn (keyboard-interactive)',
    'de SSH-Server hëlt keng keyboard-interactive-Umeldungen un',
  ),
  'ssh-server.permitEmptyPasswords': flag(
    'ob de SSH-Server eidel Passwierder unhëlt',
    'de SSH-Server hëlt eidel Passwierder un',
    'de SSH-Server refuséiert eidel Passwierder',
  ),
  'accounts.extraUid0': {
    whether: 'wéi eng Konte voll Administrateursrechter hunn',
    state: (v, c) =>
      listing(
        v,
        (l) => `nieft root ${l.length === 1 ? 'huet dëse Kont' : 'hunn dës Konten'} voll Administrateursrechter: ${c.f.and(l)}`,
        'nieft root huet kee Kont voll Administrateursrechter',
      ),
  },
  'accounts.emptyPasswords': {
    whether: 'wéi eng Konte kee Passwuert hunn',
    state: (v, c) => listing(v, (l) => `${l.length === 1 ? 'dëse Kont huet' : 'dës Konten hunn'} kee Passwuert: ${c.f.and(l)}`, 'all Kont huet e Passwuert'),
  },
  'accounts.guestAccounts': {
    whether: 'ob et Gaaschtkonte gëtt',
    state: (v, c) => listing(v, (l) => `${l.length === 1 ? 'et gëtt e Gaaschtkont' : 'et gëtt Gaaschtkonten'}: ${c.f.and(l)}`, 'et gëtt kee Gaaschtkont'),
  },
  'security-modules.enforcing': flag(
    'ob AppArmor oder SELinux de System schützt',
    'AppArmor oder SELinux schützt de System',
    'weder AppArmor nach SELinux schützt de System (Modus enforcing)',
  ),
  'logging.persistent': flag(
    'ob d’Systemprotokoller en Neistart iwwerdaueren',
    'd’Systemprotokoller iwwerdaueren en Neistart',
    'd’Systemprotokoller gi bei all Neistart verluer',
  ),
  'logging.timeSync': flag(
    'ob d’Auer mat engem Zäitserver ofgeglach gëtt',
    'd’Auer gëtt mat engem Zäitserver ofgeglach',
    'd’Auer gëtt net mat engem Zäitserver ofgeglach',
  ),
};

const lbSeverity: Record<Severity, string> = { info: 'Informatioun', low: 'niddreg', medium: 'mëttel', high: 'héich', critical: 'kritesch' };

const lb: SentenceWords = {
  locale: 'lb',
  and: (items) => lbJoin(items, lbAnd),
  or: (items) => lbJoin(items, () => 'oder'),
  clauses: (items) => items.join('; '),
  ago: (count, unit) =>
    count === 0
      ? 'elo'
      : count === 1
        ? { day: 'gëschter', hour: 'virun enger Stonn', minute: 'virun enger Minutt' }[unit]
        : `virun ${count} ${lbUnit[unit][1]}`,
  app: {
    installed: (via) => `ass installéiert${via === undefined ? '' : ` (${via})`}`,
    running: 'leeft grad',
    lastUsed: (age) => `gouf fir d’lescht ${age} benotzt`,
    dataLeft: 'huet Donnéeën op dësem Apparat hannerlooss',
    inBrowser: (sites) => `gëtt an engem Webbrowser benotzt${sites === undefined ? '' : ` (${sites})`}`,
    present: 'ass op dësem Apparat',
    package: (name) => `Package ${name}`,
    clause: (name, parts) => `${name} ${parts}`,
  },
  socket: (what, ports) => `${what} hëlt Verbindungen aus dem Netz un, op ${ports}`,
  service: (name, process) => `de Service ${name}${process === undefined ? '' : ` (Prozess ${process})`}`,
  program: (process) => `de Programm ${process}`,
  unknownProgram: 'en onbekannte Programm',
  port: (port) => `Port ${port}`,
  listed: (label, items) => `${label}: ${items}`,
  generic: {
    label: (fact) => `„${fact}“`,
    is: (label, value) => `${label} ass ${value}`,
    isExpected: (label, value, expected) => `${label} ass ${value}, ${expected}`,
    whether: (label) => `de Wäert vun ${label}`,
    whetherRule: (title) => `ob dësen Apparat „${title}“ erfëllt`,
    yes: 'jo',
    no: 'nee',
    notSet: 'net gesat',
    expectedValue: (value) => `erwaart: ${value}`,
    atMost: (value) => `héchstens ${value} erlaabt`,
    atLeast: (value) => `op d’mannst ${value} néideg`,
    withinDays: (days) => `méi al wéi ${days}`,
    notAccepted: 'wat keen vun den zougeloossene Wäerter ass',
    missing: 'wat feelt',
  },
  couldNotTell: (whether) => `Op dësem Apparat konnt charter net feststellen, ${whether}`,
  ruleNotMet: (title) => `Dësen Apparat erfëllt d’Regel „${title}“ net`,
  facts: lbFacts,
  report: {
    whatToDo: 'Wat ze maachen ass:',
    toDecide: 'Fir et ze klären:',
    failing: 'wat net erfëllt ass',
    holding: 'wat erfëllt ass',
    todo: 'Ze maachen, dat Schlëmmst fir d’éischt:',
    todoSource: (ruleId, severity) => `(${ruleId}, ${lbSeverity[severity]})`,
    meets: (failOn) =>
      `Dësen Apparat erfëllt d’Charta bei \`--fail-on ${failOn}\`: Näischt vum Schwieregrad „${lbSeverity[failOn]}“ oder méi ass feelgeschloen oder oppe bliwwen.`,
    doesNotMeet: (failOn, failures, undecided) =>
      `Dësen Apparat erfëllt d’Charta bei \`--fail-on ${failOn}\` net: ${failures} ${failures === 1 ? 'Feeler' : 'Feeler'} an ${undecided} ${undecided === 1 ? 'oppene Punkt' : 'oppe Punkten'} vum Schwieregrad „${lbSeverity[failOn]}“ oder méi.`,
    nothingToDo: 'Näischt ze maachen.',
    severity: lbSeverity,
    findings: 'Resultater',
    printedFor: (target, date) => `${target}, gepréift den ${date}`,
  },
};

const catalogs: Record<SentenceLanguage, SentenceWords> = { en, fr, de, lb };

/** The sentence words for a language. */
export const sentenceWordsFor = (language: SentenceLanguage): SentenceWords => catalogs[language];
