import type { Language, ReasonCode, Severity, Status, TargetClass } from '../model.js';
import { formatNumber, plural } from './intl.js';

/** Every sentence charter itself writes into a report, per language. Policy strings translate themselves. */
export interface Messages {
  status: Record<Status, string>;
  /** A count of findings with a status, as a summary line says it: `12 pass`, `12 conformes`, `1 Fehler`. */
  counted: Record<Status, (count: number) => string>;
  /** Severity names, lower case as they stand inside a line: `high`, `élevée`, `hoch`, `héich`. */
  severity: Record<Severity, string>;
  /** A listening socket's process and service, as evidence lists them. */
  socket: { process: (name: string) => string; processUnknown: string; serviceUnknown: string; noKnownService: string };
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
  /** The failing threshold, named in the language. */
  threshold: (severity: Severity) => string;
  verdictPass: string;
  verdictFail: string;
  /**
   * How to get a decision for an `error` finding, by reason code; `detail` names the file, tool
   * or limit. Shown where a failure shows its remediation.
   */
  toDecide: Record<ReasonCode, (detail: string) => string>;
}

const withDetail = (detail: string): string => (detail === '' ? '' : ` (${detail})`);

/** `count` in the language's digits, then the word for one or for many, by Intl.PluralRules. */
const counter =
  (language: Language, one: string, other: string = one) =>
  (count: number): string =>
    `${formatNumber(language, count)} ${plural(language, count, one, other)}`;

const en: Messages = {
  status: { pass: 'PASS', fail: 'FAIL', error: 'ERROR', skip: 'SKIP', waived: 'WAIVED', manual: 'MANUAL' },
  counted: {
    pass: counter('en', 'pass'),
    fail: counter('en', 'fail'),
    error: counter('en', 'error'),
    skip: counter('en', 'skip'),
    waived: counter('en', 'waived'),
    manual: counter('en', 'manual'),
  },
  severity: { info: 'info', low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
  socket: { process: (name) => `process ${name}`, processUnknown: 'process unknown', serviceUnknown: 'service unknown', noKnownService: 'no known service' },
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
  moreItems: (count) => `(+${formatNumber('en', count)} more)`,
  manual: 'Cannot be decided by a machine: to be attested manually.',
  observed: 'observed',
  expected: 'expected',
  remediation: 'what to do',
  summary: 'Summary',
  target: 'Target',
  otherTheme: 'Other',
  duration: 'duration',
  threshold: (severity) => `failing at or above: ${en.severity[severity]}`,
  verdictPass: 'No failure at or above the threshold.',
  verdictFail: 'Failures at or above the threshold: this machine does not meet the charter.',
  toDecide: {
    permission: (detail) =>
      `Could not be checked without administrator rights${withDetail(detail)}: run \`sudo charter check\` (on Windows, from an administrator prompt).`,
    'tool-missing': (detail) => `Could not be checked: a tool charter reads is missing${withDetail(detail)}. Install it, or check from a machine that has it.`,
    timeout: (detail) => `Could not be checked in time${withDetail(detail)}: run again, with a longer --probe-timeout if it happens again.`,
    'not-collected': (detail) =>
      `Not in this snapshot${withDetail(detail)}: collect a new one with \`charter collect\` from this version of charter, and check that.`,
    unreadable: (detail) => `A file charter needs could not be read${withDetail(detail)}: make sure it exists and is readable, then run again.`,
    'unsupported-format': (detail) =>
      `charter did not understand what it read${withDetail(detail)}: record the machine with \`charter record\` and report it, so that this format can be read.`,
    'probe-failed': (detail) =>
      `The check itself failed${withDetail(detail)}: run again; if it fails again, record the machine with \`charter record\` and report it.`,
    undetermined: (detail) =>
      `charter could not tell on this machine${withDetail(detail)}. Check this point by hand, or record the machine with \`charter record\` and report it.`,
  },
};

const fr: Messages = {
  status: { pass: 'CONFORME', fail: 'ÉCHEC', error: 'ERREUR', skip: 'SANS OBJET', waived: 'DÉROGATION', manual: 'MANUEL' },
  counted: {
    pass: counter('fr', 'conforme', 'conformes'),
    fail: counter('fr', 'échec', 'échecs'),
    error: counter('fr', 'erreur', 'erreurs'),
    skip: counter('fr', 'sans objet'),
    waived: counter('fr', 'dérogation', 'dérogations'),
    manual: counter('fr', 'à vérifier à la main'),
  },
  severity: { info: 'information', low: 'faible', medium: 'moyenne', high: 'élevée', critical: 'critique' },
  socket: {
    process: (name) => `processus ${name}`,
    processUnknown: 'processus inconnu',
    serviceUnknown: 'service inconnu',
    noKnownService: 'aucun service connu',
  },
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
  moreItems: (count) => `(+${formatNumber('fr', count)} de plus)`,
  manual: 'Ne peut pas être vérifié par une machine : à attester manuellement.',
  observed: 'constaté',
  expected: 'attendu',
  remediation: 'que faire',
  summary: 'Bilan',
  target: 'Cible',
  otherTheme: 'Autres',
  duration: 'durée',
  threshold: (severity) => `seuil : à partir de la gravité ${fr.severity[severity]}`,
  verdictPass: 'Aucun échec à partir du seuil.',
  verdictFail: 'Échecs à partir du seuil : ce poste ne respecte pas la charte.',
  toDecide: {
    permission: (detail) =>
      `Vérification impossible sans droits d’administrateur${withDetail(detail)} : lancez \`sudo charter check\` (sous Windows, depuis une invite administrateur).`,
    'tool-missing': (detail) =>
      `Vérification impossible : un outil que charter consulte est absent${withDetail(detail)}. Installez-le, ou vérifiez depuis une machine qui l’a.`,
    timeout: (detail) => `Vérification non terminée à temps${withDetail(detail)} : relancez, avec un --probe-timeout plus long si cela se reproduit.`,
    'not-collected': (detail) =>
      `Absent de cet instantané${withDetail(detail)} : collectez-en un nouveau avec \`charter collect\` de cette version de charter, puis vérifiez-le.`,
    unreadable: (detail) => `Un fichier nécessaire n’a pas pu être lu${withDetail(detail)} : vérifiez qu’il existe et qu’il est lisible, puis relancez.`,
    'unsupported-format': (detail) =>
      `charter n’a pas compris ce qu’il a lu${withDetail(detail)} : enregistrez la machine avec \`charter record\` et signalez-le, afin que ce format puisse être lu.`,
    'probe-failed': (detail) =>
      `La vérification elle-même a échoué${withDetail(detail)} : relancez ; si l’échec persiste, enregistrez la machine avec \`charter record\` et signalez-le.`,
    undetermined: (detail) =>
      `charter n’a pas pu le déterminer sur cette machine${withDetail(detail)}. Vérifiez ce point à la main, ou enregistrez la machine avec \`charter record\` et signalez-le.`,
  },
};

const de: Messages = {
  status: { pass: 'ERFÜLLT', fail: 'NICHT ERFÜLLT', error: 'FEHLER', skip: 'ENTFÄLLT', waived: 'AUSNAHME', manual: 'MANUELL' },
  counted: {
    pass: counter('de', 'erfüllt'),
    fail: counter('de', 'nicht erfüllt'),
    error: counter('de', 'Fehler'),
    skip: counter('de', 'entfällt', 'entfallen'),
    waived: counter('de', 'Ausnahme', 'Ausnahmen'),
    manual: counter('de', 'manuell zu prüfen'),
  },
  severity: { info: 'Hinweis', low: 'niedrig', medium: 'mittel', high: 'hoch', critical: 'kritisch' },
  socket: {
    process: (name) => `Prozess ${name}`,
    processUnknown: 'Prozess unbekannt',
    serviceUnknown: 'Dienst unbekannt',
    noKnownService: 'kein bekannter Dienst',
  },
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
  moreItems: (count) => `(+${formatNumber('de', count)} weitere)`,
  manual: 'Nicht maschinell prüfbar: von Hand zu bestätigen.',
  observed: 'festgestellt',
  expected: 'erwartet',
  remediation: 'was zu tun ist',
  summary: 'Zusammenfassung',
  target: 'Ziel',
  otherTheme: 'Sonstiges',
  duration: 'Dauer',
  threshold: (severity) => `Schwellenwert: ab Schweregrad ${de.severity[severity]}`,
  verdictPass: 'Keine Verstöße ab dem Schwellenwert.',
  verdictFail: 'Verstöße ab dem Schwellenwert: Dieses Gerät erfüllt die Charta nicht.',
  toDecide: {
    permission: (detail) =>
      `Ohne Administratorrechte nicht prüfbar${withDetail(detail)}: Führen Sie \`sudo charter check\` aus (unter Windows in einer Eingabeaufforderung als Administrator).`,
    'tool-missing': (detail) =>
      `Nicht prüfbar: Ein Werkzeug, das charter ausliest, fehlt${withDetail(detail)}. Installieren Sie es oder prüfen Sie von einem Rechner aus, der es hat.`,
    timeout: (detail) =>
      `Nicht rechtzeitig geprüft${withDetail(detail)}: Führen Sie die Prüfung erneut aus, bei Wiederholung mit einem längeren --probe-timeout.`,
    'not-collected': (detail) =>
      `Nicht in dieser Momentaufnahme enthalten${withDetail(detail)}: Erstellen Sie mit \`charter collect\` aus dieser Version von charter eine neue und prüfen Sie diese.`,
    unreadable: (detail) =>
      `Eine benötigte Datei konnte nicht gelesen werden${withDetail(detail)}: Stellen Sie sicher, dass sie existiert und lesbar ist, und prüfen Sie erneut.`,
    'unsupported-format': (detail) =>
      `charter hat das Gelesene nicht verstanden${withDetail(detail)}: Zeichnen Sie den Rechner mit \`charter record\` auf und melden Sie es, damit dieses Format gelesen werden kann.`,
    'probe-failed': (detail) =>
      `Die Prüfung selbst ist fehlgeschlagen${withDetail(detail)}: Führen Sie sie erneut aus; schlägt sie wieder fehl, zeichnen Sie den Rechner mit \`charter record\` auf und melden Sie es.`,
    undetermined: (detail) =>
      `charter konnte dies auf diesem Rechner nicht feststellen${withDetail(detail)}. Prüfen Sie diesen Punkt von Hand oder zeichnen Sie den Rechner mit \`charter record\` auf und melden Sie es.`,
  },
};

const lb: Messages = {
  status: { pass: 'ERFËLLT', fail: 'NET ERFËLLT', error: 'FEELER', skip: 'NET UWENDBAR', waived: 'AUSNAM', manual: 'MANUELL' },
  counted: {
    pass: counter('lb', 'erfëllt'),
    fail: counter('lb', 'net erfëllt'),
    error: counter('lb', 'Feeler'),
    skip: counter('lb', 'net uwendbar'),
    waived: counter('lb', 'Ausnam', 'Ausnamen'),
    manual: counter('lb', 'vun Hand ze préiwen'),
  },
  severity: { info: 'Hiwäis', low: 'niddreg', medium: 'mëttel', high: 'héich', critical: 'kritesch' },
  socket: {
    process: (name) => `Prozess ${name}`,
    processUnknown: 'Prozess onbekannt',
    serviceUnknown: 'Déngscht onbekannt',
    noKnownService: 'kee bekannten Déngscht',
  },
  compliant: 'Konform.',
  notCompliant: (details) => `Net konform: ${details}.`,
  factIs: (fact, actual, expected) => `${fact} ass ${actual}, erwaart: ${expected}`,
  unknownFact: (fact) => `${fact} konnt net ermëttelt ginn; wat onbekannt ass, gëllt als net konform`,
  familyNotCollected: (family) => `d'Fakten „${family}“ goufen net gesammelt`,
  probeError: (family, message) => `de Préifmodul ${family} ass feelgeschloen: ${message}`,
  probeUnsupported: (family, reason) => `net uwendbar: ${family}: ${reason}`,
  notForPlatform: (platform, platforms) => `net uwendbar: d'Reegel gëllt fir ${platforms}, d'Zil ass ${platform}`,
  needsTarget: (targetClass, targets) =>
    `net uwendbar op ${{ live: 'e lafende System', 'os-image': 'en Image vun engem Betriebssystem', 'container-image': 'e Container-Image' }[targetClass]} (Klass ${targetClass})` +
    (targets.length === 1 && targets[0] === 'live' ? ': brauch e lafende System (Prozesser, Socketen, Sessiounen)' : ''),
  preconditionNotMet: (details) => `net uwendbar: ${details}`,
  negated: (expected) => `net (${expected})`,
  moreItems: (count) => `(+${formatNumber('lb', count)} weider)`,
  manual: 'Kann net vun enger Maschinn entscheet ginn: ass vun Hand ze bestätegen.',
  observed: 'festgestallt',
  expected: 'erwaart',
  remediation: 'wat ze maachen ass',
  summary: 'Resumé',
  target: 'Zil',
  otherTheme: 'Aneres',
  duration: 'Dauer',
  threshold: (severity) => `Schwell: ab der Gravitéit ${lb.severity[severity]}`,
  verdictPass: 'Keng Verstéiss ab der Schwell.',
  verdictFail: 'Verstéiss ab der Schwell: dësen Apparat erfëllt d’Charta net.',
  toDecide: {
    permission: (detail) =>
      `Ouni Administrateursrechter net ze iwwerpréiwen${withDetail(detail)}: start \`sudo charter check\` (ënner Windows aus enger Kommandozeil als Administrateur).`,
    'tool-missing': (detail) =>
      `Net ze iwwerpréiwen: e Programm, deen charter ausliest, feelt${withDetail(detail)}. Installéiert en, oder iwwerpréift vun engem Apparat aus, deen en huet.`,
    timeout: (detail) =>
      `Net an der Zäit iwwerpréift${withDetail(detail)}: start et nach eng Kéier, a wann et erëm geschitt, mat engem méi laangen --probe-timeout.`,
    'not-collected': (detail) =>
      `Feelt an dëser Opnam${withDetail(detail)}: maacht mat \`charter collect\` vun dëser Versioun vu charter eng nei, an iwwerpréift déi.`,
    unreadable: (detail) =>
      `E Fichier, dee charter brauch, konnt net gelies ginn${withDetail(detail)}: vergewëssert Iech, datt en existéiert an datt e liesbar ass, a start et dann nach eng Kéier.`,
    'unsupported-format': (detail) =>
      `charter huet net verstanen, wat et gelies huet${withDetail(detail)}: huelt den Apparat mat \`charter record\` op a mellt et, fir datt dëse Format gelies ka ginn.`,
    'probe-failed': (detail) =>
      `D’Iwwerpréiwung selwer ass feelgeschloen${withDetail(detail)}: start se nach eng Kéier; wa se erëm feelschléit, huelt den Apparat mat \`charter record\` op a mellt et.`,
    undetermined: (detail) =>
      `charter konnt dat op dësem Apparat net feststellen${withDetail(detail)}. Iwwerpréift dëse Punkt vun Hand, oder huelt den Apparat mat \`charter record\` op a mellt et.`,
  },
};

const catalogs: Record<Language, Messages> = { en, fr, de, lb };

/** Messages for a language. */
export const messagesFor = (language: Language): Messages => catalogs[language];
