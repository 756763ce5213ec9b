import { formatNumber, plural } from '../../i18n/intl.js';
import { withN } from '../../i18n/luxembourgish.js';
import type { Language } from '../../model.js';
import type { HostState } from './host-view.js';

/**
 * Sentences the fleet reports write that src/i18n/messages.ts does not hold yet (statuses, observed,
 * expected, remediation and the threshold come from there). Candidates to move into Messages.
 */
/** The counts of the fleet summary line. */
export type HostCountKey = 'total' | 'checked' | 'compliant' | 'nonCompliant' | 'notChecked' | 'incomplete';

export interface FleetLabels {
  title: string;
  hosts: string;
  total: string;
  checked: string;
  notChecked: string;
  /** The states of hosts; `undetermined` is in identity-labels.ts (see stateLabel there). */
  state: Record<Exclude<HostState, 'undetermined'>, string>;
  incomplete: (count: number) => string;
  /** Checked hosts some of whose probes could not see everything: the count's word, and the heading after "Hosts". */
  incompleteHosts: string;
  /** One host's incomplete probes (`probes`: their ids, comma-separated). */
  incompleteProbes: (probes: string) => string;
  policy: string;
  started: string;
  duration: string;
  rules: string;
  failingHostsPerRule: string;
  noRuleFails: string;
  topRules: string;
  worstHosts: string;
  hostsFailing: string;
  score: string;
  host: string;
  source: string;
  status: string;
  rule: string;
  severity: string;
  worstSeverity: string;
  /** The same, inside a line (`· worst severity critical ·`): German and Luxembourgish keep the noun's capital. */
  worstSeverityInline: string;
  /** A count of hosts in the summary line, the word agreeing with the number (`1 vérifié`, `3 vérifiés`). */
  hostCount: (what: HostCountKey, count: number) => string;
  /** Count columns of the hosts table. */
  columns: { fail: string; error: string; pass: string };
  message: string;
  reason: string;
  filter: string;
  /** `{shown}` and `{total}` are replaced by the page script. */
  shownOf: string;
  /** The hosts table's pages: `{page}` and `{pages}` are replaced by the page script. */
  pages: { previous: string; next: string; pageOf: string };
  anyStatus: string;
  findings: string;
  passing: (count: number) => string;
  noFindings: string;
  seeRule: string;
  more: (count: number) => string;
  truncated: string;
  verdictPass: string;
  verdictFail: string;
}

const en: FleetLabels = {
  title: 'Fleet audit',
  hosts: 'Hosts',
  total: 'total',
  checked: 'checked',
  notChecked: 'not checked',
  state: {
    compliant: 'compliant',
    'non-compliant': 'non-compliant',
    unreachable: 'unreachable',
    timeout: 'timeout',
    invalid: 'invalid',
    error: 'error',
  },
  incomplete: (count) =>
    `Incomplete audit: ${count} host${count === 1 ? '' : 's'} could not be checked. Their compliance is unknown, and unknown is not compliant.`,
  incompleteHosts: 'incomplete',
  incompleteProbes: (probes) => `incomplete (${probes})`,
  policy: 'Policy',
  started: 'Started',
  duration: 'Duration',
  rules: 'Rules',
  failingHostsPerRule: 'Hosts failing each rule',
  noRuleFails: 'No rule fails on any checked host.',
  topRules: 'Most failed rules',
  worstHosts: 'Worst hosts',
  hostsFailing: 'hosts failing',
  score: 'score',
  host: 'Host',
  source: 'Source',
  status: 'Status',
  rule: 'Rule',
  severity: 'Severity',
  worstSeverity: 'Worst severity',
  worstSeverityInline: 'worst severity',
  hostCount: (what, count) =>
    `${formatNumber('en', count)} ${{ total: 'total', checked: 'checked', compliant: 'compliant', nonCompliant: 'non-compliant', notChecked: 'not checked', incomplete: 'incomplete' }[what]}`,
  columns: { fail: 'Fail', error: 'Error', pass: 'Pass' },
  message: 'Message',
  reason: 'Reason',
  filter: 'Filter hosts',
  shownOf: '{shown} of {total} hosts shown',
  pages: { previous: 'Previous', next: 'Next', pageOf: 'Page {page} of {pages}' },
  anyStatus: 'any status',
  findings: 'Findings per host',
  passing: (count) => `${count} rule${count === 1 ? '' : 's'} pass.`,
  noFindings: 'No findings.',
  seeRule: 'see rule',
  more: (count) => `… and ${count} more`,
  truncated: '(truncated)',
  verdictPass: 'Every host was checked and none fails at or above the threshold.',
  verdictFail: 'Hosts fail at or above the threshold, or could not be checked: the fleet does not meet the charter.',
};

const fr: FleetLabels = {
  title: 'Audit du parc',
  hosts: 'Postes',
  total: 'total',
  checked: 'vérifiés',
  notChecked: 'non vérifiés',
  state: {
    compliant: 'conforme',
    'non-compliant': 'non conforme',
    unreachable: 'injoignable',
    timeout: 'délai dépassé',
    invalid: 'invalide',
    error: 'erreur',
  },
  incomplete: (count) =>
    `Audit incomplet : ${formatNumber('fr', count)} ${plural('fr', count, 'poste n’a pas pu être vérifié', 'postes n’ont pas pu être vérifiés')}. Leur conformité est inconnue, et l’inconnu n’est pas conforme.`,
  incompleteHosts: 'incomplets',
  incompleteProbes: (probes) => `incomplet (${probes})`,
  policy: 'Politique',
  started: 'Début',
  duration: 'Durée',
  rules: 'Règles',
  failingHostsPerRule: 'Postes en échec par règle',
  noRuleFails: "Aucune règle n'échoue sur les postes vérifiés.",
  topRules: 'Règles les plus en échec',
  worstHosts: 'Postes les moins conformes',
  hostsFailing: 'postes en échec',
  score: 'note',
  host: 'Poste',
  source: 'Source',
  status: 'État',
  rule: 'Règle',
  severity: 'Gravité',
  worstSeverity: 'Gravité maximale',
  worstSeverityInline: 'gravité maximale',
  hostCount: (what, count) => {
    const words: Record<HostCountKey, readonly [string, string]> = {
      total: ['au total', 'au total'],
      checked: ['vérifié', 'vérifiés'],
      compliant: ['conforme', 'conformes'],
      nonCompliant: ['non conforme', 'non conformes'],
      notChecked: ['non vérifié', 'non vérifiés'],
      incomplete: ['incomplet', 'incomplets'],
    };
    const [one, other] = words[what];
    return `${formatNumber('fr', count)} ${plural('fr', count, one, other)}`;
  },
  columns: { fail: 'Échecs', error: 'Erreurs', pass: 'Conformes' },
  message: 'Message',
  reason: 'Raison',
  filter: 'Filtrer les postes',
  shownOf: '{shown} postes affichés sur {total}',
  pages: { previous: 'Précédente', next: 'Suivante', pageOf: 'Page {page} sur {pages}' },
  anyStatus: 'tous les états',
  findings: 'Constats par poste',
  passing: (count) => `${formatNumber('fr', count)} ${plural('fr', count, 'règle respectée', 'règles respectées')}.`,
  noFindings: 'Aucun constat.',
  seeRule: 'voir la règle',
  more: (count) => `… et ${formatNumber('fr', count)} de plus`,
  truncated: '(tronqué)',
  verdictPass: 'Tous les postes ont été vérifiés et aucun n’échoue au niveau du seuil ou au-dessus.',
  verdictFail: 'Des postes échouent au niveau du seuil ou au-dessus, ou n’ont pas pu être vérifiés : le parc ne respecte pas la charte.',
};

const de: FleetLabels = {
  title: 'Flottenprüfung',
  hosts: 'Geräte',
  total: 'gesamt',
  checked: 'geprüft',
  notChecked: 'nicht geprüft',
  state: {
    compliant: 'konform',
    'non-compliant': 'nicht konform',
    unreachable: 'nicht erreichbar',
    timeout: 'Zeitüberschreitung',
    invalid: 'ungültig',
    error: 'Fehler',
  },
  incomplete: (count) =>
    `Unvollständige Prüfung: ${formatNumber('de', count)} ${plural('de', count, 'Gerät konnte', 'Geräte konnten')} nicht geprüft werden. Ihre Konformität ist unbekannt, und Unbekanntes gilt als nicht konform.`,
  incompleteHosts: 'unvollständig',
  incompleteProbes: (probes) => `unvollständig (${probes})`,
  policy: 'Richtlinie',
  started: 'Beginn',
  duration: 'Dauer',
  rules: 'Regeln',
  failingHostsPerRule: 'Geräte mit Verstoß je Regel',
  noRuleFails: 'Kein geprüftes Gerät verstößt gegen eine Regel.',
  topRules: 'Am häufigsten verletzte Regeln',
  worstHosts: 'Am wenigsten konforme Geräte',
  hostsFailing: 'Geräte mit Verstoß',
  score: 'Punktzahl',
  host: 'Gerät',
  source: 'Quelle',
  status: 'Status',
  rule: 'Regel',
  severity: 'Schweregrad',
  worstSeverity: 'Höchster Schweregrad',
  worstSeverityInline: 'höchster Schweregrad',
  hostCount: (what, count) =>
    `${formatNumber('de', count)} ${{ total: 'gesamt', checked: 'geprüft', compliant: 'konform', nonCompliant: 'nicht konform', notChecked: 'nicht geprüft', incomplete: 'unvollständig' }[what]}`,
  columns: { fail: 'Verstöße', error: 'Fehler', pass: 'Erfüllt' },
  message: 'Meldung',
  reason: 'Grund',
  filter: 'Geräte filtern',
  shownOf: '{shown} von {total} Geräten angezeigt',
  pages: { previous: 'Zurück', next: 'Weiter', pageOf: 'Seite {page} von {pages}' },
  anyStatus: 'alle Status',
  findings: 'Befunde je Gerät',
  passing: (count) => `${formatNumber('de', count)} ${plural('de', count, 'Regel', 'Regeln')} erfüllt.`,
  noFindings: 'Keine Befunde.',
  seeRule: 'siehe Regel',
  more: (count) => `… und ${formatNumber('de', count)} weitere`,
  truncated: '(gekürzt)',
  verdictPass: 'Alle Geräte wurden geprüft, und keines verstößt ab dem Schwellenwert gegen die Charta.',
  verdictFail: 'Geräte verstoßen ab dem Schwellenwert gegen die Charta oder konnten nicht geprüft werden: Die Flotte erfüllt die Charta nicht.',
};

const lb: FleetLabels = {
  title: 'Audit vum Apparatepark',
  hosts: 'Apparater',
  total: 'am Ganzen',
  checked: 'iwwerpréift',
  notChecked: 'net iwwerpréift',
  state: {
    compliant: 'konform',
    'non-compliant': 'net konform',
    unreachable: 'net erreechbar',
    timeout: 'Zäit iwwerschratt',
    invalid: 'ongëlteg',
    error: 'Feeler',
  },
  incomplete: (count) =>
    `Onvollstännegen Audit: ${formatNumber('lb', count)} ${plural('lb', count, 'Apparat konnt', 'Apparater konnten')} net iwwerpréift ginn. Hir Konformitéit ass onbekannt, a wat onbekannt ass, gëllt als net konform.`,
  incompleteHosts: 'onvollstänneg',
  incompleteProbes: (probes) => `onvollstänneg (${probes})`,
  policy: 'Richtlinn',
  started: 'Ufank',
  duration: 'Dauer',
  rules: 'Reegelen',
  failingHostsPerRule: 'Apparater mat Verstouss pro Reegel',
  noRuleFails: 'Keen iwwerpréiften Apparat verstéisst géint eng Reegel.',
  topRules: 'Reegelen, déi am dackste verletzt ginn',
  worstHosts: 'Apparater, déi am mannste konform sinn',
  hostsFailing: 'Apparater mat Verstouss',
  score: 'Punkten',
  host: 'Apparat',
  source: 'Quell',
  status: 'Zoustand',
  rule: 'Reegel',
  severity: 'Gravitéit',
  worstSeverity: 'Héchst Gravitéit',
  worstSeverityInline: 'héchst Gravitéit',
  hostCount: (what, count) =>
    `${formatNumber('lb', count)} ${{ total: 'am Ganzen', checked: 'iwwerpréift', compliant: 'konform', nonCompliant: 'net konform', notChecked: 'net iwwerpréift', incomplete: 'onvollstänneg' }[what]}`,
  columns: { fail: 'Verstéiss', error: 'Feeler', pass: 'Erfëllt' },
  message: 'Meldung',
  reason: 'Grond',
  filter: 'Apparater filteren',
  shownOf: '{shown} vun {total} Apparater ugewisen',
  pages: { previous: 'Zréck', next: 'Weider', pageOf: 'Säit {page} vun {pages}' },
  anyStatus: 'all Zoustänn',
  findings: 'Resultater pro Apparat',
  passing: (count) => `${formatNumber('lb', count)} ${plural('lb', count, 'Reegel', 'Reegelen')} erfëllt.`,
  noFindings: 'Keng Resultater.',
  seeRule: 'kuckt d’Reegel',
  more: (count) => `… ${withN('an', `${formatNumber('lb', count)} weider`)}`,
  truncated: '(gekierzt)',
  verdictPass: 'All Apparater goufen iwwerpréift, a keen dovu verstéisst ab der Schwell géint d’Charta.',
  verdictFail: 'Apparater verstousse ab der Schwell géint d’Charta oder konnten net iwwerpréift ginn: den Apparatepark erfëllt d’Charta net.',
};

const catalogs: Record<Language, FleetLabels> = { en, fr, de, lb };

/** Labels for a language. */
export const fleetLabelsFor = (language: Language): FleetLabels => catalogs[language];
