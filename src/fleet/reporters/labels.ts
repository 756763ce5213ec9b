import type { Language } from '../../model.js';
import type { HostState } from './host-view.js';

/**
 * Sentences the fleet reports write that src/i18n/messages.ts does not hold yet (statuses, observed,
 * expected, remediation and the threshold come from there). Candidates to move into Messages.
 */
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
  /** Count columns of the hosts table. */
  columns: { fail: string; error: string; pass: string };
  message: string;
  reason: string;
  filter: string;
  /** `{shown}` and `{total}` are replaced by the page script. */
  shownOf: string;
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
  columns: { fail: 'Fail', error: 'Error', pass: 'Pass' },
  message: 'Message',
  reason: 'Reason',
  filter: 'Filter hosts',
  shownOf: '{shown} of {total} hosts shown',
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
    `Audit incomplet : ${count} poste${count === 1 ? '' : 's'} n'${count === 1 ? 'a' : 'ont'} pas pu être vérifié${count === 1 ? '' : 's'}. Leur conformité est inconnue, et l'inconnu n'est pas conforme.`,
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
  score: 'score',
  host: 'Poste',
  source: 'Source',
  status: 'État',
  rule: 'Règle',
  severity: 'Gravité',
  worstSeverity: 'Gravité maximale',
  columns: { fail: 'Échecs', error: 'Erreurs', pass: 'Conformes' },
  message: 'Message',
  reason: 'Raison',
  filter: 'Filtrer les postes',
  shownOf: '{shown} postes affichés sur {total}',
  anyStatus: 'tous les états',
  findings: 'Constats par poste',
  passing: (count) => `${count} règle${count === 1 ? '' : 's'} conforme${count === 1 ? '' : 's'}.`,
  noFindings: 'Aucun constat.',
  seeRule: 'voir la règle',
  more: (count) => `… et ${count} de plus`,
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
    `Unvollständige Prüfung: ${count} ${count === 1 ? 'Gerät konnte' : 'Geräte konnten'} nicht geprüft werden. Ihre Konformität ist unbekannt, und Unbekanntes gilt als nicht konform.`,
  incompleteHosts: 'unvollständig',
  incompleteProbes: (probes) => `unvollständig (${probes})`,
  policy: 'Richtlinie',
  started: 'Beginn',
  duration: 'Dauer',
  rules: 'Regeln',
  failingHostsPerRule: 'Geräte mit Fehlschlag je Regel',
  noRuleFails: 'Keine Regel schlägt auf einem geprüften Gerät fehl.',
  topRules: 'Am häufigsten verletzte Regeln',
  worstHosts: 'Am wenigsten konforme Geräte',
  hostsFailing: 'Geräte mit Fehlschlag',
  score: 'Punktzahl',
  host: 'Gerät',
  source: 'Quelle',
  status: 'Status',
  rule: 'Regel',
  severity: 'Schweregrad',
  worstSeverity: 'Höchster Schweregrad',
  columns: { fail: 'Fehlschläge', error: 'Fehler', pass: 'Erfüllt' },
  message: 'Meldung',
  reason: 'Grund',
  filter: 'Geräte filtern',
  shownOf: '{shown} von {total} Geräten angezeigt',
  anyStatus: 'jeder Status',
  findings: 'Befunde je Gerät',
  passing: (count) => `${count} ${count === 1 ? 'Regel erfüllt' : 'Regeln erfüllt'}.`,
  noFindings: 'Keine Befunde.',
  seeRule: 'siehe Regel',
  more: (count) => `… und ${count} weitere`,
  truncated: '(gekürzt)',
  verdictPass: 'Alle Geräte wurden geprüft, und keines schlägt auf oder über dem Schwellenwert fehl.',
  verdictFail: 'Geräte schlagen auf oder über dem Schwellenwert fehl oder konnten nicht geprüft werden: Die Flotte erfüllt die Charta nicht.',
};

const catalogs: Record<Language, FleetLabels> = { en, fr, de };

/** Labels for a language. */
export const fleetLabelsFor = (language: Language): FleetLabels => catalogs[language];
