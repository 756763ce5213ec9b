import type { Language } from '../model.js';

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

const fr: CliMessages = {
  wroteReport: (file, c) =>
    `charter: ${file} écrit (${c.pass} conforme(s), ${c.fail} échec(s), ${c.error} erreur(s), ${c.skip} sans objet, ${c.waived} dérogation(s), ${c.manual} manuel(s))\n`,
  wroteSnapshot: (file, c) =>
    `charter: ${file} écrit (${c.total} sondes : ${c.ok} réussie(s), ${c.unsupported} sans objet, ${c.error} en erreur${c.redacted ? ' ; identité du poste masquée' : ''})\n`,
  incompleteSnapshot: (probes) =>
    `charter: incomplet : ${probes.length} sonde(s) n'ont pas tout pu lire : ${probes.map((p) => `${p.probe} (${p.message})`).join(' ; ')}\n`,
  probeOk: (id) => `charter: sonde ${id} : réussie\n`,
  probeUnsupported: (id, reason) => `charter: sonde ${id} : sans objet : ${reason}\n`,
  probeError: (id, message) => `charter: sonde ${id} : erreur : ${message}\n`,
  recorded: (target, output, redacted) => `charter: ${target} enregistré dans ${output} (${redacted} valeur(s) masquée(s))\n`,
  manualRule: ' (manuelle)',
};

const de: CliMessages = {
  wroteReport: (file, c) =>
    `charter: ${file} geschrieben (${c.pass} erfüllt, ${c.fail} nicht erfüllt, ${c.error} Fehler, ${c.skip} entfällt, ${c.waived} Ausnahme(n), ${c.manual} manuell)\n`,
  wroteSnapshot: (file, c) =>
    `charter: ${file} geschrieben (${c.total} Prüfmodule: ${c.ok} erfolgreich, ${c.unsupported} entfällt, ${c.error} Fehler${c.redacted ? '; Geräteidentität unkenntlich gemacht' : ''})\n`,
  incompleteSnapshot: (probes) =>
    `charter: unvollständig: ${probes.length} Prüfmodul(e) konnten nicht alles erfassen: ${probes.map((p) => `${p.probe} (${p.message})`).join('; ')}\n`,
  probeOk: (id) => `charter: Prüfmodul ${id}: erfolgreich\n`,
  probeUnsupported: (id, reason) => `charter: Prüfmodul ${id}: entfällt: ${reason}\n`,
  probeError: (id, message) => `charter: Prüfmodul ${id}: Fehler: ${message}\n`,
  recorded: (target, output, redacted) => `charter: ${target} in ${output} aufgezeichnet (${redacted} Werte unkenntlich gemacht)\n`,
  manualRule: ' (manuell)',
};

const catalogs: Record<Language, CliMessages> = { en, fr, de };

/** The CLI's own lines for a language. */
export const cliMessagesFor = (language: Language): CliMessages => catalogs[language];
