import { readFile, stat } from 'node:fs/promises';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Alias, Document, Node } from 'yaml';
import type { PolicyProblem } from '../errors.js';
import { PolicyError } from '../errors.js';

/** Policies and catalogs are small; anything bigger is a mistake or an attack. */
export const maxYamlBytes = 5 * 1024 * 1024;

export type PathSegment = string | number;

/** A parsed YAML file that can say where any JSON path came from. */
export interface YamlSource {
  file: string;
  text: string;
  data: unknown;
  /** file:line:col of the node at `path` (or its nearest existing ancestor); `key` points at the key. */
  position(path: readonly PathSegment[], key?: boolean): { line: number; col: number };
  problem(path: readonly PathSegment[], message: string, key?: boolean): PolicyProblem;
}

export const readYamlFile = async (file: string): Promise<YamlSource> => {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new PolicyError([{ file, line: 1, col: 1, message: `cannot read file: ${describeFsError(error)}` }]);
  }
  if (size > maxYamlBytes) {
    throw new PolicyError([
      { file, line: 1, col: 1, message: `file is ${size} bytes; the limit is ${maxYamlBytes} bytes` },
    ]);
  }
  const text = await readFile(file, 'utf8');
  return parseYamlText(file, text);
};

const describeFsError = (error: unknown): string =>
  error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code === 'ENOENT'
      ? 'no such file'
      : error.code
    : String(error);

/** Parse YAML 1.2 text; syntax errors, duplicate keys, YAML 1.1 directives and alias bombs become a PolicyError. */
export const parseYamlText = (file: string, text: string): YamlSource => {
  if (Buffer.byteLength(text) > maxYamlBytes) {
    throw new PolicyError([{ file, line: 1, col: 1, message: `file exceeds ${maxYamlBytes} bytes` }]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: PolicyProblem[] = doc.errors.map((e) => {
    const at = e.linePos?.[0] ?? { line: 1, col: 1 };
    return { file, line: at.line, col: at.col, message: `YAML: ${firstLine(e.message)}` };
  });
  const version = doc.directives.yaml.version;
  if (doc.directives.yaml.explicit === true && version !== '1.2') {
    problems.push({ file, line: 1, col: 1, message: `only YAML 1.2 is accepted (found a %YAML ${version} directive)` });
  }
  const loop = recursiveAlias(doc);
  if (loop !== undefined) {
    const at = lineCounter.linePos(loop.range?.[0] ?? 0);
    problems.push({ file, line: at.line, col: at.col, message: `YAML: alias *${loop.source} is inside the node it names (a structure that contains itself)` });
  }
  if (problems.length > 0) throw new PolicyError(problems);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PolicyError([{ file, line: 1, col: 1, message: `YAML: ${message}` }]);
  }
  const position = (path: readonly PathSegment[], key = false): { line: number; col: number } => {
    const offset = locate(doc, path, key);
    return lineCounter.linePos(offset);
  };
  return {
    file,
    text,
    data,
    position,
    problem: (path, message, key = false) => ({ file, ...position(path, key), message }),
  };
};

/**
 * The first alias that sits inside the node its anchor names (`a: &a [*a]`): YAML allows it, and
 * it makes a structure that contains itself, which no policy, catalog or inventory can mean and
 * which code walking the data would follow for ever.
 */
const recursiveAlias = (doc: Document): Alias | undefined => {
  let found: Alias | undefined;
  visit(doc, {
    Alias: (_, alias) => {
      const target = alias.resolve(doc);
      const outer = target?.range;
      const inner = alias.range;
      if (outer && inner && outer[0] <= inner[0] && inner[1] <= outer[2]) {
        found = alias;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
};

const firstLine = (message: string): string => message.split('\n')[0] ?? message;

/** Offset of the node (or key) at `path`, falling back to the nearest ancestor that exists. */
const locate = (doc: Document, path: readonly PathSegment[], wantKey: boolean): number => {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return offset;
      if (last && wantKey) return rangeStart(pair.key) ?? offset;
      node = pair.value;
      offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
      if (node === undefined) return offset;
    } else {
      return offset;
    }
  }
  return offset;
};

const rangeStart = (node: unknown): number | undefined => {
  const range = (node as Partial<Node> | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
};
