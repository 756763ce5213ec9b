/**
 * The fleet HTML page's data (src/reporters/audit/html-data.ts) read back as the page script reads
 * it, every shared string and finding resolved: what each host's row and details will show.
 */
import { severities, statuses } from '../model.js';
import type { FindingRecord, Ref } from '../reporters/audit/html-data.js';
import { resolve } from '../reporters/audit/html-data.js';

export interface PageFinding {
  ruleId: string;
  status: string;
  severity: string;
  message: string;
  remediation: string;
  evidence: { fact: string; actual: string; expected: string }[];
}

export interface PageHost {
  name: string;
  state: string;
  fail: number;
  error: number;
  pass: number;
  worst: string | undefined;
  score: number;
  collectedAt: string;
  hostName: string;
  system: string;
  groups: string[];
  collected: string;
  stale: boolean;
  notes: string[];
  change: string | null;
  incompleteBadge: string | null;
  incomplete: { probe: string; message: string }[];
  source: string;
  /** A checked host's details, or the reason a host was not checked. */
  details: { target: string; collected: string; counts: string; passing: string; findings: PageFinding[] } | { reason: string };
}

/** An entry of one of the page's other lists (html-lists.ts): a host of the page (its index), with rules; or a missing host. */
export interface PageListEntry {
  /** The host's index in the page's hosts; -1 for a host missing since the baseline. */
  index: number;
  name: string;
  /** The host's groups; none for a missing host. */
  groups: string[];
  rules: string[];
  /** A missing host's source, as the baseline had it. */
  source?: string;
}

interface RawData {
  meta: { states: string[]; rules: [Ref, string, Ref][] } & Record<string, unknown>;
  hosts: unknown[][];
  lists?: Record<string, unknown[]>;
  findings: FindingRecord[];
  strings: string[];
}

/** The text of the page's data element. */
export const pageDataText = (page: string): string => {
  const match = /<script type="application\/json" id="fleet-data">([^<]*)<\/script>/.exec(page);
  if (match?.[1] === undefined) throw new Error('the page has no fleet-data element');
  return match[1];
};

export const pageData = (
  page: string,
): { raw: RawData; hosts: PageHost[]; rules: { id: string; anchor: string; remediation: string }[]; lists: Record<string, PageListEntry[]> } => {
  const raw = JSON.parse(pageDataText(page)) as RawData;
  const str = (ref: unknown): string => resolve(raw.strings, ref as Ref);
  const finding = (ref: unknown): PageFinding => {
    const f = typeof ref === 'number' ? raw.findings[ref] : (ref as FindingRecord);
    if (f === undefined) throw new Error(`no finding ${String(ref)}`);
    return {
      ruleId: str(f[0]),
      status: statuses[f[1]] ?? '?',
      severity: severities[f[2]] ?? '?',
      message: str(f[3]),
      remediation: str(f[4]),
      evidence: f[5].map(([fact, actual, expected]) => ({ fact: str(fact), actual: str(actual), expected: str(expected) })),
    };
  };
  const hosts = raw.hosts.map((d): PageHost => {
    const x = d[18];
    const source = d[17] as [Ref, string];
    return {
      name: d[0] as string,
      state: raw.meta.states[d[1] as number] ?? '?',
      fail: d[2] as number,
      error: d[3] as number,
      pass: d[4] as number,
      worst: severities[d[5] as number],
      score: d[6] as number,
      collectedAt: d[7] as string,
      hostName: str(d[8]),
      system: str(d[9]),
      groups: (d[10] as Ref[]).map(str),
      collected: str(d[11]),
      stale: d[12] === 1,
      notes: (d[13] as Ref[]).map(str),
      change: d[14] === null ? null : str(d[14]),
      incompleteBadge: d[15] === null ? null : str(d[15]),
      incomplete: (d[16] as [Ref, Ref][]).map(([probe, message]) => ({ probe: str(probe), message: str(message) })),
      source: str(source[0]) + source[1],
      details: Array.isArray(x)
        ? { target: str(x[0]), collected: str(x[1]), counts: str(x[2]), passing: str(x[3]), findings: (x[4] as unknown[]).map(finding) }
        : { reason: str(x) },
    };
  });
  const entry = (item: unknown): PageListEntry => {
    if (typeof item === 'number') return { index: item, name: hosts[item]?.name ?? '?', groups: hosts[item]?.groups ?? [], rules: [] };
    const [first, second] = item as [number | string, Ref[] | string];
    if (typeof first === 'string') return { index: -1, name: first, groups: [], rules: [], source: second as string };
    return { index: first, name: hosts[first]?.name ?? '?', groups: hosts[first]?.groups ?? [], rules: (second as Ref[]).map(str) };
  };
  const lists = Object.fromEntries(Object.entries(raw.lists ?? {}).map(([id, items]) => [id, items.map(entry)]));
  return { raw, hosts, rules: raw.meta.rules.map(([id, anchor, remediation]) => ({ id: str(id), anchor, remediation: str(remediation) })), lists };
};
