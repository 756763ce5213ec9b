import type { Language } from '../model.js';
import { formatDate } from './intl.js';
import { withN } from './luxembourgish.js';

/** Dates in French, German and Luxembourgish read as the language writes them; English keeps ISO 8601 (the recorded reports pin it). */
const fd =
  (language: Language) =>
  (date: string): string =>
    formatDate(language, date);
const frDate = fd('fr');
const deDate = fd('de');
const lbDate = fd('lb');

/** What a report says about disabled rules, waivers and attestations, per language. */
export interface GovernanceMessages {
  disabledBy: (policy: string, reason: string) => string;
  waived: (approver: string, expires: string, reason: string, original: string) => string;
  waiverIgnored: (state: 'expired' | 'not-yet-valid', date: string, approver: string) => string;
  attested: (by: string, date: string, validUntil: string, statement: string) => string;
  attestationIgnored: (state: 'expired' | 'not-yet-valid', date: string, by: string) => string;
  attestationFact: string;
  attestationExpected: string;
}

const en: GovernanceMessages = {
  disabledBy: (policy, reason) => `disabled by ${policy}: ${reason}`,
  waived: (approver, expires, reason, original) => `Waived by ${approver} until ${expires}: ${reason}. Finding: ${original}`,
  waiverIgnored: (state, date, approver) =>
    state === 'expired' ? `waiver by ${approver} ignored: expired on ${date}` : `waiver by ${approver} ignored: valid only from ${date}`,
  attested: (by, date, validUntil, statement) => `Attested by ${by} on ${date}, valid until ${validUntil}: ${statement}`,
  attestationIgnored: (state, date, by) =>
    state === 'expired' ? `Check by hand: the attestation by ${by} expired on ${date}.` : `Check by hand: the attestation by ${by} is valid only from ${date}.`,
  attestationFact: 'attestation',
  attestationExpected: 'a valid attestation',
};

const fr: GovernanceMessages = {
  disabledBy: (policy, reason) => `désactivée par ${policy} : ${reason}`,
  waived: (approver, expires, reason, original) => `Dérogation accordée par ${approver} jusqu’au ${frDate(expires)} : ${reason}. Constat : ${original}`,
  waiverIgnored: (state, date, approver) =>
    state === 'expired'
      ? `dérogation de ${approver} ignorée : expirée le ${frDate(date)}`
      : `dérogation de ${approver} ignorée : valable seulement à partir du ${frDate(date)}`,
  attested: (by, date, validUntil, statement) => `Attesté par ${by} le ${frDate(date)}, valable jusqu’au ${frDate(validUntil)} : ${statement}`,
  attestationIgnored: (state, date, by) =>
    state === 'expired'
      ? `À vérifier à la main : l’attestation de ${by} a expiré le ${frDate(date)}.`
      : `À vérifier à la main : l’attestation de ${by} n’est valable qu’à partir du ${frDate(date)}.`,
  attestationFact: 'attestation',
  attestationExpected: 'une attestation valable',
};

const de: GovernanceMessages = {
  disabledBy: (policy, reason) => `deaktiviert durch ${policy}: ${reason}`,
  waived: (approver, expires, reason, original) => `Ausnahme, genehmigt von ${approver} bis ${deDate(expires)}: ${reason}. Befund: ${original}`,
  waiverIgnored: (state, date, approver) =>
    state === 'expired'
      ? `Ausnahme von ${approver} nicht berücksichtigt: abgelaufen am ${deDate(date)}`
      : `Ausnahme von ${approver} nicht berücksichtigt: erst gültig ab ${deDate(date)}`,
  attested: (by, date, validUntil, statement) => `Bestätigt von ${by} am ${deDate(date)}, gültig bis ${deDate(validUntil)}: ${statement}`,
  attestationIgnored: (state, date, by) =>
    state === 'expired'
      ? `Von Hand zu prüfen: Die Bestätigung von ${by} ist am ${deDate(date)} abgelaufen.`
      : `Von Hand zu prüfen: Die Bestätigung von ${by} gilt erst ab ${deDate(date)}.`,
  attestationFact: 'Bestätigung',
  attestationExpected: 'eine gültige Bestätigung',
};

const lb: GovernanceMessages = {
  disabledBy: (policy, reason) => `desaktivéiert duerch ${policy}: ${reason}`,
  waived: (approver, expires, reason, original) =>
    `Ausnam, accordéiert ${withN('vun', approver)} bis ${withN('den', lbDate(expires))}: ${reason}. Befund: ${original}`,
  waiverIgnored: (state, date, approver) =>
    state === 'expired'
      ? `Ausnam ${withN('vun', approver)} net berécksiichtegt: ofgelaf ${withN('den', lbDate(date))}`
      : `Ausnam ${withN('vun', approver)} net berécksiichtegt: eréischt gëlteg ab ${withN('dem', lbDate(date))}`,
  attested: (by, date, validUntil, statement) =>
    `Bestätegt ${withN('vun', by)} ${withN('den', lbDate(date))}, gëlteg bis ${withN('den', lbDate(validUntil))}: ${statement}`,
  attestationIgnored: (state, date, by) =>
    state === 'expired'
      ? `Vun Hand ze iwwerpréiwen: d’Bestätegung ${withN('vun', by)} ass ${withN('den', lbDate(date))} ofgelaf.`
      : `Vun Hand ze iwwerpréiwen: d’Bestätegung ${withN('vun', by)} gëllt eréischt ab ${withN('dem', lbDate(date))}.`,
  attestationFact: 'Bestätegung',
  attestationExpected: 'eng gëlteg Bestätegung',
};

const table: Record<Language, GovernanceMessages> = { en, fr, de, lb };

export const governanceMessagesFor = (language: Language): GovernanceMessages => table[language];
