import type { Language } from '../model.js';

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
    state === 'expired'
      ? `Check by hand: the attestation by ${by} expired on ${date}.`
      : `Check by hand: the attestation by ${by} is valid only from ${date}.`,
  attestationFact: 'attestation',
  attestationExpected: 'a valid attestation',
};

const fr: GovernanceMessages = {
  disabledBy: (policy, reason) => `désactivée par ${policy} : ${reason}`,
  waived: (approver, expires, reason, original) => `Dérogation accordée par ${approver} jusqu'au ${expires} : ${reason}. Constat : ${original}`,
  waiverIgnored: (state, date, approver) =>
    state === 'expired'
      ? `dérogation de ${approver} ignorée : expirée le ${date}`
      : `dérogation de ${approver} ignorée : valable seulement à partir du ${date}`,
  attested: (by, date, validUntil, statement) => `Attesté par ${by} le ${date}, valable jusqu'au ${validUntil} : ${statement}`,
  attestationIgnored: (state, date, by) =>
    state === 'expired'
      ? `À vérifier manuellement : l'attestation de ${by} a expiré le ${date}.`
      : `À vérifier manuellement : l'attestation de ${by} n'est valable qu'à partir du ${date}.`,
  attestationFact: 'attestation',
  attestationExpected: 'une attestation valable',
};

const de: GovernanceMessages = {
  disabledBy: (policy, reason) => `deaktiviert durch ${policy}: ${reason}`,
  waived: (approver, expires, reason, original) => `Ausnahme genehmigt von ${approver} bis ${expires}: ${reason}. Befund: ${original}`,
  waiverIgnored: (state, date, approver) =>
    state === 'expired'
      ? `Ausnahme von ${approver} nicht berücksichtigt: abgelaufen am ${date}`
      : `Ausnahme von ${approver} nicht berücksichtigt: erst gültig ab ${date}`,
  attested: (by, date, validUntil, statement) => `Bestätigt von ${by} am ${date}, gültig bis ${validUntil}: ${statement}`,
  attestationIgnored: (state, date, by) =>
    state === 'expired'
      ? `Manuell zu prüfen: die Bestätigung von ${by} ist am ${date} abgelaufen.`
      : `Manuell zu prüfen: die Bestätigung von ${by} gilt erst ab ${date}.`,
  attestationFact: 'Bestätigung',
  attestationExpected: 'eine gültige Bestätigung',
};

const table: Record<Language, GovernanceMessages> = { en, fr, de };

export const governanceMessagesFor = (language: Language): GovernanceMessages => table[language];
