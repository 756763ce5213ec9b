import { formatNumber, plural } from '../../i18n/intl.js';
import type { Language } from '../../model.js';

/** What the fleet reports write about groups and about the comparison with a baseline audit, in each language. */
export interface ChangeLabels {
  groups: string;
  group: string;
  anyGroup: string;
  /** Chart and table title: each rule's failing hosts (fail or error) in each group. */
  failuresPerGroup: string;
  /** `3 of 8 not compliant`. */
  groupHosts: (nonCompliant: number, total: number) => string;
  noFailure: string;
  /** Heading: since the audit of `when`. */
  since: (when: string) => string;
  newlyFailing: string;
  fixed: string;
  stillFailing: string;
  newHosts: string;
  missingHosts: string;
  /** Hosts found in the baseline but not checked one of the two times. */
  uncompared: string;
  compared: string;
  /** A host's change column: its kind. */
  kind: Record<'new' | 'compared' | 'uncompared', string>;
  /** The baseline ran another policy. */
  otherPolicy: (policy: string) => string;
  rulesOnlyInBaseline: string;
  rulesOnlyNow: string;
  /** Was named so in the baseline. */
  formerly: (name: string) => string;
  hostsWith: (count: number) => string;
}

const en: ChangeLabels = {
  groups: 'Groups',
  group: 'Group',
  anyGroup: 'any group',
  failuresPerGroup: 'Failing hosts per group and rule',
  groupHosts: (nonCompliant, total) => `${formatNumber('en', nonCompliant)} of ${formatNumber('en', total)} not compliant`,
  noFailure: 'no rule fails',
  since: (when) => `Since the audit of ${when}`,
  newlyFailing: 'newly failing',
  fixed: 'fixed',
  stillFailing: 'still failing',
  newHosts: 'new hosts',
  missingHosts: 'missing since then',
  uncompared: 'not compared (not checked one of the two times)',
  compared: 'compared',
  kind: { new: 'new host', compared: 'compared', uncompared: 'not compared' },
  otherPolicy: (policy) => `The earlier audit ran another policy (${policy}): rules are compared by id.`,
  rulesOnlyInBaseline: 'rules only in the earlier audit',
  rulesOnlyNow: 'rules only in this audit',
  formerly: (name) => `formerly ${name}`,
  hostsWith: (count) => `${formatNumber('en', count)} ${plural('en', count, 'host', 'hosts')}`,
};

const fr: ChangeLabels = {
  groups: 'Groupes',
  group: 'Groupe',
  anyGroup: 'tous les groupes',
  failuresPerGroup: 'Postes en échec par groupe et par règle',
  groupHosts: (nonCompliant, total) => `${formatNumber('fr', nonCompliant)} sur ${formatNumber('fr', total)} non conformes`,
  noFailure: 'aucune règle en échec',
  since: (when) => `Depuis l’audit du ${when}`,
  newlyFailing: 'nouveaux échecs',
  fixed: 'corrigées',
  stillFailing: 'toujours en échec',
  newHosts: 'nouveaux postes',
  missingHosts: 'absents depuis',
  uncompared: 'non comparés (non vérifiés l’une des deux fois)',
  compared: 'comparés',
  kind: { new: 'nouveau poste', compared: 'comparé', uncompared: 'non comparé' },
  otherPolicy: (policy) => `L’audit précédent appliquait une autre politique (${policy}) : les règles sont comparées par identifiant.`,
  rulesOnlyInBaseline: 'règles du seul audit précédent',
  rulesOnlyNow: 'règles du seul audit présent',
  formerly: (name) => `auparavant ${name}`,
  hostsWith: (count) => `${formatNumber('fr', count)} ${plural('fr', count, 'poste', 'postes')}`,
};

const de: ChangeLabels = {
  groups: 'Gruppen',
  group: 'Gruppe',
  anyGroup: 'alle Gruppen',
  failuresPerGroup: 'Fehlschlagende Geräte je Gruppe und Regel',
  groupHosts: (nonCompliant, total) => `${formatNumber('de', nonCompliant)} von ${formatNumber('de', total)} nicht konform`,
  noFailure: 'keine Regel schlägt fehl',
  since: (when) => `Seit dem Audit vom ${when}`,
  newlyFailing: 'neu fehlschlagend',
  fixed: 'behoben',
  stillFailing: 'weiterhin fehlschlagend',
  newHosts: 'neue Geräte',
  missingHosts: 'seitdem fehlend',
  uncompared: 'nicht verglichen (eines der beiden Male nicht geprüft)',
  compared: 'verglichen',
  kind: { new: 'neues Gerät', compared: 'verglichen', uncompared: 'nicht verglichen' },
  otherPolicy: (policy) => `Das frühere Audit verwendete eine andere Richtlinie (${policy}): Regeln werden nach Kennung verglichen.`,
  rulesOnlyInBaseline: 'Regeln nur im früheren Audit',
  rulesOnlyNow: 'Regeln nur in diesem Audit',
  formerly: (name) => `früher ${name}`,
  hostsWith: (count) => `${formatNumber('de', count)} ${plural('de', count, 'Gerät', 'Geräte')}`,
};

const lb: ChangeLabels = {
  groups: 'Gruppen',
  group: 'Grupp',
  anyGroup: 'all Gruppen',
  failuresPerGroup: 'Apparater mat Feeler pro Grupp a Reegel',
  groupHosts: (nonCompliant, total) => `${formatNumber('lb', nonCompliant)} vu ${formatNumber('lb', total)} net konform`,
  noFailure: 'keng Reegel feelt',
  since: (when) => `Zënter dem Audit vum ${when}`,
  newlyFailing: 'nei Feeler',
  fixed: 'behuewen',
  stillFailing: 'ëmmer nach Feeler',
  newHosts: 'nei Apparater',
  missingHosts: 'zënterhier feelend',
  uncompared: 'net verglach (eng vun den zwee Kéieren net iwwerpréift)',
  compared: 'verglach',
  kind: { new: 'neien Apparat', compared: 'verglach', uncompared: 'net verglach' },
  otherPolicy: (policy) => `De fréieren Audit hat eng aner Richtlinn (${policy}): d’Reegele ginn no hirer Kennung verglach.`,
  rulesOnlyInBaseline: 'Reegelen nëmmen am fréieren Audit',
  rulesOnlyNow: 'Reegelen nëmmen an dësem Audit',
  formerly: (name) => `fréier ${name}`,
  hostsWith: (count) => `${formatNumber('lb', count)} ${plural('lb', count, 'Apparat', 'Apparater')}`,
};

const catalogs: Record<Language, ChangeLabels> = { en, fr, de, lb };

export const changeLabelsFor = (language: Language): ChangeLabels => catalogs[language];
