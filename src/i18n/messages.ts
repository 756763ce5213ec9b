import type { Language, ReasonCode, Status, TargetClass } from '../model.js';

/** Every sentence charter itself writes into a report, per language. Policy strings translate themselves. */
export interface Messages {
  status: Record<Status, string>;
  compliant: string;
  notCompliant: (details: string) => string;
  factIs: (fact: string, actual: string, expected: string) => string;
  unknownFact: (fact: string) => string;
  familyNotCollected: (family: string) => string;
  probeError: (family: string, message: string) => string;
  probeUnsupported: (family: string, reason: string) => string;
  notForPlatform: (platform: string, platforms: string) => string;
  /** The rule does not apply to the target's class; `targets` are the classes it applies to. */
  needsTarget: (targetClass: TargetClass, targets: readonly TargetClass[]) => string;
  preconditionNotMet: (details: string) => string;
  /** What a `none` condition expected of a fact that held: `not equal to true`. */
  negated: (expected: string) => string;
  /** The last entry of a list cut short in the evidence: `(+5 more)`. */
  moreItems: (count: number) => string;
  manual: string;
  observed: string;
  expected: string;
  remediation: string;
  summary: string;
  target: string;
  otherTheme: string;
  duration: string;
  threshold: (severity: string) => string;
  verdictPass: string;
  verdictFail: string;
  /**
   * How to get a decision for an `error` finding, by reason code; `detail` names the file, tool
   * or limit. Shown where a failure shows its remediation.
   */
  toDecide: Record<ReasonCode, (detail: string) => string>;
}

const withDetail = (detail: string): string => (detail === '' ? '' : ` (${detail})`);

const en: Messages = {
  status: { pass: 'PASS', fail: 'FAIL', error: 'ERROR', skip: 'SKIP', waived: 'WAIVED', manual: 'MANUAL' },
  compliant: 'Compliant.',
  notCompliant: (details) => `Not compliant: ${details}.`,
  factIs: (fact, actual, expected) => `${fact} is ${actual}, expected ${expected}`,
  unknownFact: (fact) => `${fact} could not be determined; unknown is not compliant`,
  familyNotCollected: (family) => `facts '${family}' were not collected`,
  probeError: (family, message) => `probe ${family} failed: ${message}`,
  probeUnsupported: (family, reason) => `not applicable: ${family}: ${reason}`,
  notForPlatform: (platform, platforms) => `not applicable: rule covers ${platforms}, target is ${platform}`,
  needsTarget: (targetClass, targets) =>
    `not applicable to ${{ live: 'a live system', 'os-image': 'an OS image', 'container-image': 'a container image' }[targetClass]} (class ${targetClass})` +
    (targets.length === 1 && targets[0] === 'live' ? ': needs a live system (processes, sockets, sessions)' : ''),
  preconditionNotMet: (details) => `not applicable: ${details}`,
  negated: (expected) => `not ${expected}`,
  moreItems: (count) => `(+${count} more)`,
  manual: 'Cannot be decided by a machine: to be attested manually.',
  observed: 'observed',
  expected: 'expected',
  remediation: 'what to do',
  summary: 'Summary',
  target: 'Target',
  otherTheme: 'Other',
  duration: 'duration',
  threshold: (severity) => `failing at or above: ${severity}`,
  verdictPass: 'No failure at or above the threshold.',
  verdictFail: 'Failures at or above the threshold: this machine does not meet the charter.',
  toDecide: {
    permission: (detail) => `Could not be checked without administrator rights${withDetail(detail)}: run \`sudo charter check\` (on Windows, from an administrator prompt).`,
    'tool-missing': (detail) => `Could not be checked: a tool charter reads is missing${withDetail(detail)}. Install it, or check from a machine that has it.`,
    timeout: (detail) => `Could not be checked in time${withDetail(detail)}: run again, with a longer --probe-timeout if it happens again.`,
    'not-collected': (detail) => `Not in this snapshot${withDetail(detail)}: collect a new one with \`charter collect\` from this version of charter, and check that.`,
    unreadable: (detail) => `A file charter needs could not be read${withDetail(detail)}: make sure it exists and is readable, then run again.`,
    'unsupported-format': (detail) => `charter did not understand what it read${withDetail(detail)}: record the machine with \`charter record\` and report it, so that this format can be read.`,
    'probe-failed': (detail) => `The check itself failed${withDetail(detail)}: run again; if it fails again, record the machine with \`charter record\` and report it.`,
    undetermined: (detail) => `charter could not tell on this machine${withDetail(detail)}. Check this point by hand, or record the machine with \`charter record\` and report it.`,
  },
};

const fr: Messages = {
  status: { pass: 'CONFORME', fail: 'ÉCHEC', error: 'ERREUR', skip: 'SANS OBJET', waived: 'DÉROGATION', manual: 'MANUEL' },
  compliant: 'Conforme.',
  notCompliant: (details) => `Non conforme : ${details}.`,
  factIs: (fact, actual, expected) => `${fact} vaut ${actual}, attendu : ${expected}`,
  unknownFact: (fact) => `${fact} n'a pas pu être déterminé ; l'inconnu n'est pas conforme`,
  familyNotCollected: (family) => `les faits « ${family} » n'ont pas été collectés`,
  probeError: (family, message) => `la sonde ${family} a échoué : ${message}`,
  probeUnsupported: (family, reason) => `sans objet : ${family} : ${reason}`,
  notForPlatform: (platform, platforms) => `sans objet : la règle couvre ${platforms}, la cible est ${platform}`,
  needsTarget: (targetClass, targets) =>
    `sans objet pour ${{ live: 'un système en fonctionnement', 'os-image': 'une image de système', 'container-image': 'une image de conteneur' }[targetClass]} (classe ${targetClass})` +
    (targets.length === 1 && targets[0] === 'live' ? ' : demande un système en fonctionnement (processus, sockets, sessions)' : ''),
  preconditionNotMet: (details) => `sans objet : ${details}`,
  negated: (expected) => `non (${expected})`,
  moreItems: (count) => `(+${count} de plus)`,
  manual: 'Ne peut pas être vérifié par une machine : à attester manuellement.',
  observed: 'constaté',
  expected: 'attendu',
  remediation: 'que faire',
  summary: 'Bilan',
  target: 'Cible',
  otherTheme: 'Autres',
  duration: 'durée',
  threshold: (severity) => `échec à partir de : ${severity}`,
  verdictPass: 'Aucun échec au niveau du seuil ou au-dessus.',
  verdictFail: 'Échecs au niveau du seuil ou au-dessus : ce poste ne respecte pas la charte.',
  toDecide: {
    permission: (detail) => `Vérification impossible sans droits d’administrateur${withDetail(detail)} : lancez \`sudo charter check\` (sous Windows, depuis une invite administrateur).`,
    'tool-missing': (detail) => `Vérification impossible : un outil que charter consulte est absent${withDetail(detail)}. Installez-le, ou vérifiez depuis une machine qui l’a.`,
    timeout: (detail) => `Vérification non terminée à temps${withDetail(detail)} : relancez, avec un --probe-timeout plus long si cela se reproduit.`,
    'not-collected': (detail) => `Absent de cet instantané${withDetail(detail)} : collectez-en un nouveau avec \`charter collect\` de cette version de charter, puis vérifiez-le.`,
    unreadable: (detail) => `Un fichier nécessaire n’a pas pu être lu${withDetail(detail)} : vérifiez qu’il existe et qu’il est lisible, puis relancez.`,
    'unsupported-format': (detail) => `charter n’a pas compris ce qu’il a lu${withDetail(detail)} : enregistrez la machine avec \`charter record\` et signalez-le, afin que ce format puisse être lu.`,
    'probe-failed': (detail) => `La vérification elle-même a échoué${withDetail(detail)} : relancez ; si l’échec persiste, enregistrez la machine avec \`charter record\` et signalez-le.`,
    undetermined: (detail) => `charter n’a pas pu le déterminer sur cette machine${withDetail(detail)}. Vérifiez ce point à la main, ou enregistrez la machine avec \`charter record\` et signalez-le.`,
  },
};

const de: Messages = {
  status: { pass: 'ERFÜLLT', fail: 'NICHT ERFÜLLT', error: 'FEHLER', skip: 'ENTFÄLLT', waived: 'AUSNAHME', manual: 'MANUELL' },
  compliant: 'Konform.',
  notCompliant: (details) => `Nicht konform: ${details}.`,
  factIs: (fact, actual, expected) => `${fact} ist ${actual}, erwartet: ${expected}`,
  unknownFact: (fact) => `${fact} konnte nicht ermittelt werden; Unbekanntes gilt als nicht konform`,
  familyNotCollected: (family) => `die Fakten „${family}“ wurden nicht erhoben`,
  probeError: (family, message) => `das Prüfmodul ${family} ist fehlgeschlagen: ${message}`,
  probeUnsupported: (family, reason) => `entfällt: ${family}: ${reason}`,
  notForPlatform: (platform, platforms) => `entfällt: die Regel gilt für ${platforms}, das Ziel ist ${platform}`,
  needsTarget: (targetClass, targets) =>
    `entfällt für ${{ live: 'ein laufendes System', 'os-image': 'ein Betriebssystem-Image', 'container-image': 'ein Container-Image' }[targetClass]} (Klasse ${targetClass})` +
    (targets.length === 1 && targets[0] === 'live' ? ': erfordert ein laufendes System (Prozesse, Sockets, Sitzungen)' : ''),
  preconditionNotMet: (details) => `entfällt: ${details}`,
  negated: (expected) => `nicht (${expected})`,
  moreItems: (count) => `(+${count} weitere)`,
  manual: 'Kann nicht maschinell entschieden werden: ist manuell zu bestätigen.',
  observed: 'festgestellt',
  expected: 'erwartet',
  remediation: 'was zu tun ist',
  summary: 'Zusammenfassung',
  target: 'Ziel',
  otherTheme: 'Sonstiges',
  duration: 'Dauer',
  threshold: (severity) => `Fehlschlag ab Schweregrad: ${severity}`,
  verdictPass: 'Kein Fehlschlag auf oder über dem Schwellenwert.',
  verdictFail: 'Fehlschläge auf oder über dem Schwellenwert: Dieses Gerät erfüllt die Charta nicht.',
  toDecide: {
    permission: (detail) => `Ohne Administratorrechte nicht prüfbar${withDetail(detail)}: Führen Sie \`sudo charter check\` aus (unter Windows in einer Eingabeaufforderung als Administrator).`,
    'tool-missing': (detail) => `Nicht prüfbar: Ein Werkzeug, das charter ausliest, fehlt${withDetail(detail)}. Installieren Sie es oder prüfen Sie von einem Rechner aus, der es hat.`,
    timeout: (detail) => `Nicht rechtzeitig geprüft${withDetail(detail)}: Führen Sie die Prüfung erneut aus, bei Wiederholung mit einem längeren --probe-timeout.`,
    'not-collected': (detail) => `Nicht in diesem Snapshot enthalten${withDetail(detail)}: Erheben Sie mit \`charter collect\` dieser charter-Version einen neuen und prüfen Sie diesen.`,
    unreadable: (detail) => `Eine benötigte Datei konnte nicht gelesen werden${withDetail(detail)}: Stellen Sie sicher, dass sie existiert und lesbar ist, und prüfen Sie erneut.`,
    'unsupported-format': (detail) => `charter hat das Gelesene nicht verstanden${withDetail(detail)}: Zeichnen Sie den Rechner mit \`charter record\` auf und melden Sie es, damit dieses Format gelesen werden kann.`,
    'probe-failed': (detail) => `Die Prüfung selbst ist fehlgeschlagen${withDetail(detail)}: Führen Sie sie erneut aus; schlägt sie wieder fehl, zeichnen Sie den Rechner mit \`charter record\` auf und melden Sie es.`,
    undetermined: (detail) => `charter konnte dies auf diesem Rechner nicht feststellen${withDetail(detail)}. Prüfen Sie diesen Punkt von Hand oder zeichnen Sie den Rechner mit \`charter record\` auf und melden Sie es.`,
  },
};

const catalogs: Record<Language, Messages> = { en, fr, de };

/** Messages for a language. */
export const messagesFor = (language: Language): Messages => catalogs[language];
