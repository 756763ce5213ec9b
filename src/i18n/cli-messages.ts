import type { Language } from '../model.js';
import { messagesFor } from './messages.js';
import { formatNumber as n, plural } from './intl.js';

/** Counts of a report's statuses, as `charter check` summarises them after writing a file. */
export interface StatusCounts {
  pass: number;
  fail: number;
  error: number;
  skip: number;
  waived: number;
  manual: number;
}

/** Counts of probe outcomes, as `charter collect` summarises them. */
export interface ProbeCounts {
  total: number;
  ok: number;
  unsupported: number;
  error: number;
  redacted: boolean;
}

/**
 * The lines the CLI prints itself (on stderr, after the work is done, and in `charter rules`), per
 * language. Every line starts with `charter: ` in every language, so scripts can still find them.
 * Error messages raised deep inside (UsageError, TargetError, policy problems) stay English.
 */
export interface CliMessages {
  /** `charter check --output FILE`: the file was written. */
  wroteReport: (file: string, counts: StatusCounts) => string;
  /** `charter collect`: the snapshot was written. */
  wroteSnapshot: (file: string, counts: ProbeCounts) => string;
  /** `charter collect`: the probes that could not see everything, on one line (already terminal-safe). */
  incompleteSnapshot: (probes: readonly { probe: string; message: string }[]) => string;
  /** `charter record`: one line per probe. */
  probeOk: (id: string) => string;
  probeUnsupported: (id: string, reason: string) => string;
  probeError: (id: string, message: string) => string;
  /** `charter record`: the replay directory was written. */
  recorded: (target: string, output: string, redacted: number) => string;
  /** `charter rules`: marks a rule that is attested by hand. */
  manualRule: string;
}

const en: CliMessages = {
  wroteReport: (file, c) =>
    `charter: wrote ${file} (${c.pass} pass, ${c.fail} fail, ${c.error} error, ${c.skip} skip, ${c.waived} waived, ${c.manual} manual)\n`,
  wroteSnapshot: (file, c) =>
    `charter: wrote ${file} (${c.total} probes: ${c.ok} ok, ${c.unsupported} unsupported, ${c.error} error${c.redacted ? '; host identity redacted' : ''})\n`,
  incompleteSnapshot: (probes) =>
    `charter: incomplete: ${probes.length} probe(s) could not see everything: ${probes.map((p) => `${p.probe} (${p.message})`).join('; ')}\n`,
  probeOk: (id) => `charter: probe ${id}: ok\n`,
  probeUnsupported: (id, reason) => `charter: probe ${id}: unsupported: ${reason}\n`,
  probeError: (id, message) => `charter: probe ${id}: error: ${message}\n`,
  recorded: (target, output, redacted) => `charter: recorded ${target} into ${output} (${redacted} values redacted)\n`,
  manualRule: ' (manual)',
};

/** The summary counts of a report, in the words of the report's summary line. */
const counts = (language: Language, c: StatusCounts): string => {
  const counted = messagesFor(language).counted;
  return (['pass', 'fail', 'error', 'skip', 'waived', 'manual'] as const).map((status) => counted[status](c[status])).join(', ');
};

const fr: CliMessages = {
  wroteReport: (file, c) => `charter: ${file} écrit (${counts('fr', c)})\n`,
  wroteSnapshot: (file, c) =>
    `charter: ${file} écrit (${n('fr', c.total)} ${plural('fr', c.total, 'sonde', 'sondes')} : ${n('fr', c.ok)} ${plural('fr', c.ok, 'réussie', 'réussies')}, ${n('fr', c.unsupported)} sans objet, ${n('fr', c.error)} en erreur${c.redacted ? ' ; identité du poste masquée' : ''})\n`,
  incompleteSnapshot: (probes) =>
    `charter: incomplet : ${n('fr', probes.length)} ${plural('fr', probes.length, "sonde n'a", "sondes n'ont")} pas tout pu lire : ${probes.map((p) => `${p.probe} (${p.message})`).join(' ; ')}\n`,
  probeOk: (id) => `charter: sonde ${id} : réussie\n`,
  probeUnsupported: (id, reason) => `charter: sonde ${id} : sans objet : ${reason}\n`,
  probeError: (id, message) => `charter: sonde ${id} : erreur : ${message}\n`,
  recorded: (target, output, redacted) =>
    `charter: ${target} enregistré dans ${output} (${n('fr', redacted)} ${plural('fr', redacted, 'valeur masquée', 'valeurs masquées')})\n`,
  manualRule: ' (à vérifier à la main)',
};

const de: CliMessages = {
  wroteReport: (file, c) => `charter: ${file} geschrieben (${counts('de', c)})\n`,
  wroteSnapshot: (file, c) =>
    `charter: ${file} geschrieben (${n('de', c.total)} ${plural('de', c.total, 'Prüfmodul', 'Prüfmodule')}: ${n('de', c.ok)} erfolgreich, ${n('de', c.unsupported)} ${plural('de', c.unsupported, 'entfällt', 'entfallen')}, ${n('de', c.error)} mit Fehler${c.redacted ? '; Geräteidentität unkenntlich gemacht' : ''})\n`,
  incompleteSnapshot: (probes) =>
    `charter: unvollständig: ${n('de', probes.length)} ${plural('de', probes.length, 'Prüfmodul konnte', 'Prüfmodule konnten')} nicht alles erfassen: ${probes.map((p) => `${p.probe} (${p.message})`).join('; ')}\n`,
  probeOk: (id) => `charter: Prüfmodul ${id}: erfolgreich\n`,
  probeUnsupported: (id, reason) => `charter: Prüfmodul ${id}: entfällt: ${reason}\n`,
  probeError: (id, message) => `charter: Prüfmodul ${id}: Fehler: ${message}\n`,
  recorded: (target, output, redacted) =>
    `charter: ${target} in ${output} aufgezeichnet (${n('de', redacted)} ${plural('de', redacted, 'Wert', 'Werte')} unkenntlich gemacht)\n`,
  manualRule: ' (manuell zu prüfen)',
};

const lb: CliMessages = {
  wroteReport: (file, c) => `charter: ${file} geschriwwen (${counts('lb', c)})\n`,
  wroteSnapshot: (file, c) =>
    `charter: ${file} geschriwwen (${n('lb', c.total)} ${plural('lb', c.total, 'Préifmodul', 'Préifmoduler')}: ${n('lb', c.ok)} ouni Problem, ${n('lb', c.unsupported)} net uwendbar, ${n('lb', c.error)} mat Feeler${c.redacted ? '; Identitéit vum Apparat onkenntlech gemaach' : ''})\n`,
  incompleteSnapshot: (probes) =>
    `charter: net komplett: ${n('lb', probes.length)} ${plural('lb', probes.length, 'Préifmodul konnt', 'Préifmoduler konnten')} net alles erfaassen: ${probes.map((p) => `${p.probe} (${p.message})`).join('; ')}\n`,
  probeOk: (id) => `charter: Préifmodul ${id}: ouni Problem\n`,
  probeUnsupported: (id, reason) => `charter: Préifmodul ${id}: net uwendbar: ${reason}\n`,
  probeError: (id, message) => `charter: Préifmodul ${id}: Feeler: ${message}\n`,
  recorded: (target, output, redacted) =>
    `charter: ${target} an ${output} opgeholl (${n('lb', redacted)} ${plural('lb', redacted, 'Wäert', 'Wäerter')} onkenntlech gemaach)\n`,
  manualRule: ' (vun Hand ze préiwen)',
};

const catalogs: Record<Language, CliMessages> = { en, fr, de, lb };

/** The CLI's own lines for a language. */
export const cliMessagesFor = (language: Language): CliMessages => catalogs[language];
