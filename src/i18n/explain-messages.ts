import type { Language, TargetClass } from '../model.js';
import { withN } from './luxembourgish.js';

/** The headings and connecting words of `charter explain`, per language. */
export interface ExplainMessages {
  theme: string;
  severity: string;
  platforms: string;
  targets: string;
  target: Record<TargetClass, string>;
  whatItChecks: string;
  appliesWhen: string;
  passesWhen: string;
  all: string;
  any: string;
  none: string;
  manual: string;
  parameters: string;
  changedBy: string;
  disabled: (policy: string, reason: string) => string;
  definedIn: string;
  sources: string;
  remediation: string;
  unknownRule: (id: string, policy: string, suggestions: readonly string[]) => string;
}

const en: ExplainMessages = {
  theme: 'Theme',
  severity: 'Severity',
  platforms: 'Platforms',
  targets: 'Targets',
  target: { live: 'running machines', 'os-image': 'OS images and root filesystems at rest', 'container-image': 'container images' },
  whatItChecks: 'What it checks',
  appliesWhen: 'Applies only when',
  passesWhen: 'Passes when',
  all: 'all of these hold',
  any: 'at least one of these holds',
  none: 'none of these holds',
  manual: 'Nothing a machine can show: it is checked by hand, or passes with a valid attestation (--attestations).',
  parameters: 'Parameters',
  changedBy: 'Changed by',
  disabled: (policy, reason) => `Disabled by ${policy}: ${reason}`,
  definedIn: 'Defined in',
  sources: 'Sources',
  remediation: 'Remediation',
  unknownRule: (id, policy, suggestions) =>
    `no rule '${id}' in ${policy}${suggestions.length > 0 ? ` (did you mean ${suggestions.join(', ')}?)` : ''}; \`charter rules\` lists them`,
};

const fr: ExplainMessages = {
  theme: 'Thème',
  severity: 'Gravité',
  platforms: 'Plateformes',
  targets: 'Cibles',
  target: { live: 'machines en fonctionnement', 'os-image': 'images de système et systèmes de fichiers au repos', 'container-image': 'images de conteneur' },
  whatItChecks: 'Ce qui est vérifié',
  appliesWhen: "S'applique seulement si",
  passesWhen: 'Réussit lorsque',
  all: 'toutes ces conditions sont remplies',
  any: "au moins l'une de ces conditions est remplie",
  none: "aucune de ces conditions n'est remplie",
  manual: "Rien qu'une machine puisse montrer : la règle se vérifie à la main, ou réussit avec une attestation valable (--attestations).",
  parameters: 'Paramètres',
  changedBy: 'Modifiée par',
  disabled: (policy, reason) => `Désactivée par ${policy} : ${reason}`,
  definedIn: 'Définie dans',
  sources: 'Sources',
  remediation: 'Correction',
  unknownRule: (id, policy, suggestions) =>
    `aucune règle '${id}' dans ${policy}${suggestions.length > 0 ? ` (vouliez-vous dire ${suggestions.join(', ')} ?)` : ''} ; \`charter rules\` les liste`,
};

const de: ExplainMessages = {
  theme: 'Thema',
  severity: 'Schweregrad',
  platforms: 'Plattformen',
  targets: 'Ziele',
  target: { live: 'laufende Geräte', 'os-image': 'Betriebssystem-Images und ruhende Dateisysteme', 'container-image': 'Container-Images' },
  whatItChecks: 'Was geprüft wird',
  appliesWhen: 'Gilt nur, wenn',
  passesWhen: 'Erfüllt, wenn',
  all: 'alle diese Bedingungen gelten',
  any: 'mindestens eine dieser Bedingungen gilt',
  none: 'keine dieser Bedingungen gilt',
  manual: 'Nichts, was ein Gerät zeigen kann: die Regel wird von Hand geprüft oder ist mit einer gültigen Bestätigung erfüllt (--attestations).',
  parameters: 'Parameter',
  changedBy: 'Geändert durch',
  disabled: (policy, reason) => `Deaktiviert durch ${policy}: ${reason}`,
  definedIn: 'Definiert in',
  sources: 'Quellen',
  remediation: 'Abhilfe',
  unknownRule: (id, policy, suggestions) =>
    `keine Regel '${id}' in ${policy}${suggestions.length > 0 ? ` (meinten Sie ${suggestions.join(', ')}?)` : ''}; \`charter rules\` listet sie auf`,
};

const lb: ExplainMessages = {
  theme: 'Theema',
  severity: 'Gravitéit',
  platforms: 'Plattformen',
  targets: 'Ziler',
  target: { live: 'lafend Apparater', 'os-image': 'Images vu Betriebssystemer a Fichierssystemer a Rou', 'container-image': 'Container-Images' },
  whatItChecks: 'Wat iwwerpréift gëtt',
  appliesWhen: 'Gëllt nëmmen, wann',
  passesWhen: 'Erfëllt, wann',
  all: 'all dës Konditioune gëllen',
  any: 'op d’mannst eng vun dëse Konditioune gëllt',
  none: 'keng vun dëse Konditioune gëllt',
  manual: 'Näischt, wat eng Maschinn weise kann: d’Reegel gëtt vun Hand iwwerpréift, oder se ass mat enger gëlteger Bestätegung erfëllt (--attestations).',
  parameters: 'Parameteren',
  changedBy: 'Geännert duerch',
  disabled: (policy, reason) => `Desaktivéiert duerch ${policy}: ${reason}`,
  definedIn: 'Definéiert an',
  sources: 'Quellen',
  remediation: 'Wat ze maachen ass',
  unknownRule: (id, policy, suggestions) =>
    `keng Reegel '${id}' ${withN('an', policy)}${suggestions.length > 0 ? ` (mengt Dir ${suggestions.join(', ')}?)` : ''}; \`charter rules\` lëscht se op`,
};

const table: Record<Language, ExplainMessages> = { en, fr, de, lb };

export const explainMessagesFor = (language: Language): ExplainMessages => table[language];
