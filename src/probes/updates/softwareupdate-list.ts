/**
 * `softwareupdate --list --no-scan`: the updates Software Update found at its last scan (the
 * cached catalog; `--no-scan` makes no network call). Two layouts exist:
 * - macOS 10.15 and later: `* Label: <label>` then an indented
 *   `Title: <title>, Version: <v>, Size: <n>KiB, Recommended: YES, Action: restart,` line;
 * - macOS 10.14 and before: `   * <label>` then `    <title> (<version>), <size>K [recommended] [restart]`.
 * A leading `-` instead of `*` marks an update that is not recommended.
 * `No new software available.` says none is pending. Anything else is unrecognised (never "none").
 */

export interface SoftwareUpdateItem {
  label: string;
  title: string | null;
  version: string | null;
  recommended: boolean;
  /** 'restart' or 'shut down' when installing needs one. */
  action: string | null;
}

export type SoftwareUpdateList = { status: 'none' } | { status: 'found'; items: SoftwareUpdateItem[] } | { status: 'unrecognised'; reason: string };

const noneLine = /^\s*No new software available\.?\s*$/im;
const foundLine = /Software Update found the following new or updated software:/i;
const entryLine = /^\s*([*-])\s+(?:Label:\s*)?(.*?)\s*$/;

/** `Title: …, Version: …, Recommended: YES, Action: restart,` → fields. */
const modernDetail = (line: string): Pick<SoftwareUpdateItem, 'title' | 'version' | 'action'> & { recommended: boolean | null } => {
  const field = (name: string): string | null => {
    const match = new RegExp(`(?:^|,)\\s*${name}:\\s*([^,]*)`, 'i').exec(line.trim());
    const value = match?.[1]?.trim() ?? '';
    return value === '' ? null : value;
  };
  const recommended = field('Recommended');
  return {
    title: field('Title'),
    version: field('Version'),
    recommended: recommended === null ? null : /^yes$/i.test(recommended),
    action: field('Action')?.toLowerCase() ?? null,
  };
};

/** `<title> (<version>), <size>K [recommended] [restart]` → fields. */
const legacyDetail = (line: string): Pick<SoftwareUpdateItem, 'title' | 'version' | 'action'> & { recommended: boolean | null } => {
  // The version is the parenthesised group right before the size (a title may hold parentheses too).
  const match = /^\s*(.*?)\s*\(([^()]*)\)\s*,\s*\d+\s*K/i.exec(line);
  const flags = [...line.matchAll(/\[([^\]]+)\]/g)].map((m) => (m[1] ?? '').trim().toLowerCase());
  const version = match?.[2]?.trim() ?? '';
  return {
    title: match?.[1]?.replace(/,$/, '').trim() || null,
    version: version === '' ? null : version,
    recommended: flags.includes('recommended') ? true : null,
    action: flags.find((flag) => flag === 'restart' || flag === 'shut down') ?? null,
  };
};

export const parseSoftwareUpdateList = (text: string): SoftwareUpdateList => {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!foundLine.test(clean)) {
    if (noneLine.test(clean)) return { status: 'none' };
    return { status: 'unrecognised', reason: 'neither "No new software available." nor a list of updates' };
  }
  const lines = clean.slice(clean.search(foundLine)).split('\n').slice(1);
  const items: SoftwareUpdateItem[] = [];
  for (let index = 0; index < lines.length; index++) {
    const entry = entryLine.exec(lines[index] ?? '');
    if (!entry) continue;
    const label = entry[2] ?? '';
    const next = lines[index + 1] ?? '';
    const isDetail = next.trim() !== '' && !entryLine.test(next);
    const detail = !isDetail ? null : /\bTitle:/i.test(next) ? modernDetail(next) : legacyDetail(next);
    if (isDetail) index++;
    items.push({
      label,
      title: detail?.title ?? null,
      version: detail?.version ?? null,
      // `-` entries are not recommended; `*` entries are, unless the detail says otherwise.
      recommended: entry[1] === '*' && detail?.recommended !== false,
      action: detail?.action ?? null,
    });
  }
  if (items.length === 0) return { status: 'unrecognised', reason: 'a list of updates was announced but no entry could be read' };
  return { status: 'found', items };
};
