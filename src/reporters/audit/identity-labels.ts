import type { Language } from '../../model.js';
import type { HostState } from './host-view.js';
import type { FleetLabels } from './labels.js';

/**
 * What the fleet reports write to identify machines (host name, system, collection date, stale,
 * one machine seen twice), to count errors apart from failures, and to explain the score: in
 * every language of the reports, Luxembourgish included (typed for it before `languages` lists it).
 */
export interface IdentityLabels {
  /** Column of the machine's own host name (its pseudonym when redacted). */
  hostName: string;
  /** After a host name that is a stable pseudonym. */
  pseudonym: string;
  /** Column of the operating system and its version. */
  system: string;
  /** Column of the date the facts were collected. */
  collected: string;
  /** Said of a value the machine did not give. */
  unknown: string;
  /** A host whose facts are older than `days` days. */
  stale: (days: number) => string;
  /** The count's word in summaries: hosts with stale facts. */
  staleHosts: string;
  /** The note of a row that stands for other targets of the same machine (`others`: their names and dates). */
  duplicates: (others: string) => string;
  /** The count's word in summaries: targets folded into another row. */
  duplicateTargets: string;
  /** The note of a row whose machine id another row shares under another name (`others`: their names). */
  sameMachineId: (others: string) => string;
  /** A host that is not compliant because rules erred (could not be decided), with no rule failing. */
  undetermined: string;
  /** A rule no machine can decide, listed for attestation, on `count` hosts. */
  attest: (count: number) => string;
  /** What the worst hosts' score is. */
  scoreExplained: string;
  /** Fails and errors of a rule over the checked hosts, counted apart. */
  failsAndErrors: (fails: number, errors: number, checked: number) => string;
  /** Heading of the hosts that carry notes. */
  notes: string;
}

const en: IdentityLabels = {
  hostName: 'Host name',
  pseudonym: 'pseudonym',
  system: 'System',
  collected: 'Collected',
  unknown: 'unknown',
  stale: (days) => `stale: collected more than ${days} days before the audit`,
  staleHosts: 'stale',
  duplicates: (others) => `one machine seen twice: also ${others}; counted once, from its latest collection`,
  duplicateTargets: 'duplicates folded',
  sameMachineId: (others) => `same machine id as ${others} under another name (a cloned machine?); counted apart`,
  undetermined: 'undetermined',
  attest: (count) => `to attest on ${count} host${count === 1 ? '' : 's'}`,
  scoreExplained: 'score: fails and errors weighted by severity (critical 64, high 16, medium 4, low 1, info 0)',
  failsAndErrors: (fails, errors, checked) => `${fails} fail · ${errors} error of ${checked}`,
  notes: 'Hosts with notes',
};

const fr: IdentityLabels = {
  hostName: "Nom d'hôte",
  pseudonym: 'pseudonyme',
  system: 'Système',
  collected: 'Collecté le',
  unknown: 'inconnu',
  stale: (days) => `périmé : collecté plus de ${days} jours avant l'audit`,
  staleHosts: 'périmés',
  duplicates: (others) => `une même machine vue deux fois : aussi ${others} ; comptée une fois, d'après sa collecte la plus récente`,
  duplicateTargets: 'doublons regroupés',
  sameMachineId: (others) => `même identifiant de machine que ${others} sous un autre nom (une machine clonée ?) ; comptés à part`,
  undetermined: 'indéterminé',
  attest: (count) => `à attester sur ${count} poste${count === 1 ? '' : 's'}`,
  scoreExplained: 'score : échecs et erreurs pondérés par gravité (critique 64, haute 16, moyenne 4, basse 1, info 0)',
  failsAndErrors: (fails, errors, checked) => `${fails} échec${fails === 1 ? '' : 's'} · ${errors} erreur${errors === 1 ? '' : 's'} sur ${checked}`,
  notes: 'Postes avec remarques',
};

const de: IdentityLabels = {
  hostName: 'Hostname',
  pseudonym: 'Pseudonym',
  system: 'System',
  collected: 'Erfasst am',
  unknown: 'unbekannt',
  stale: (days) => `veraltet: mehr als ${days} Tage vor der Prüfung erfasst`,
  staleHosts: 'veraltet',
  duplicates: (others) => `ein Gerät doppelt gesehen: auch ${others}; einmal gezählt, nach seiner jüngsten Erfassung`,
  duplicateTargets: 'Duplikate zusammengefasst',
  sameMachineId: (others) => `gleiche Maschinen-ID wie ${others} unter anderem Namen (ein geklontes Gerät?); getrennt gezählt`,
  undetermined: 'unbestimmt',
  attest: (count) => `auf ${count} ${count === 1 ? 'Gerät' : 'Geräten'} zu bestätigen`,
  scoreExplained: 'Punktzahl: Fehlschläge und Fehler nach Schweregrad gewichtet (kritisch 64, hoch 16, mittel 4, niedrig 1, Info 0)',
  failsAndErrors: (fails, errors, checked) => `${fails} Fehlschl${fails === 1 ? 'ag' : 'äge'} · ${errors} Fehler von ${checked}`,
  notes: 'Geräte mit Hinweisen',
};

const lb: IdentityLabels = {
  hostName: 'Hostnumm',
  pseudonym: 'Pseudonym',
  system: 'System',
  collected: 'Gesammelt den',
  unknown: 'onbekannt',
  stale: (days) => `ze al: méi wéi ${days} Deeg virun der Prüfung gesammelt`,
  staleHosts: 'ze al',
  duplicates: (others) => `eng Maschinn zweemol gesinn: och ${others}; eemol gezielt, no hirer leschter Sammlung`,
  duplicateTargets: 'Duplikater zesummegeluecht',
  sameMachineId: (others) => `selwecht Maschinnen-ID wéi ${others} ënner engem aneren Numm (eng klonéiert Maschinn?); getrennt gezielt`,
  undetermined: 'onbestëmmt',
  attest: (count) => `op ${count} ${count === 1 ? 'Apparat' : 'Apparater'} ze bestätegen`,
  scoreExplained: 'Punkten: net erfëllt Reegelen a Feeler no Schwéiergrad gewien (kritesch 64, héich 16, mëttel 4, niddreg 1, Info 0)',
  failsAndErrors: (fails, errors, checked) => `${fails} net erfëllt · ${errors} Feeler vun ${checked}`,
  notes: 'Apparater mat Bemierkungen',
};

const catalogs: Record<Language | 'lb', IdentityLabels> = { en, fr, de, lb };

/** Labels for a language. */
export const identityLabelsFor = (language: Language): IdentityLabels => catalogs[language];

/** The label of a host's state, whichever file holds it. */
export const stateLabel = (l: FleetLabels, il: IdentityLabels, state: HostState): string => (state === 'undetermined' ? il.undetermined : l.state[state]);

/** A collection time as the reports show it: the UTC date and minute, `2026-11-22 08:07 UTC`. */
export const collectedText = (iso: string): string => {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match === null ? iso : `${match[1] ?? ''} ${match[2] ?? ''} UTC`;
};
