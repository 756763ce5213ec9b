import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { PolicyProblem } from '../errors.js';
import { PolicyError } from '../errors.js';
import { FileRefused, readRegularText } from '../bounded-read.js';
import { limits } from '../limits.js';

/** Policies and catalogs are small; anything bigger is a mistake or an attack. */
export const maxYamlBytes = limits.policyBytes;

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

/** Read and parse a YAML file: a regular file of at most `maxBytes` (a FIFO or a device is refused unread). */
export const readYamlFile = async (file: string, maxBytes: number = maxYamlBytes): Promise<YamlSource> => {
  let text: string;
  try {
    text = await readRegularText(file, maxBytes);
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error;
    throw new PolicyError([{ file, line: 1, col: 1, message: error.code === 'EFBIG' ? error.reason : `cannot read file: ${error.reason}` }]);
  }
  return parseYamlText(file, text, maxBytes);
};

/**
 * Whether `data` (the document after its aliases are resolved, as a tree) stays within
 * `maxNodes` nodes and `maxChars` characters of strings: an alias is a reference, so a few KB of
 * YAML can stand for billions of nodes that every later walk (schema, checks) would visit. Walks
 * at most `maxNodes` nodes, iteratively (no recursion to overflow).
 */
export const expansionWithin = (data: unknown, maxNodes: number, maxChars: number): boolean => {
  const stack: unknown[] = [data];
  let nodes = 0;
  let chars = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    nodes += 1;
    if (nodes > maxNodes) return false;
    if (typeof value === 'string') {
      chars += value.length;
      if (chars > maxChars) return false;
    } else if (Array.isArray(value)) {
      for (const item of value as unknown[]) stack.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        chars += key.length;
        stack.push(item);
      }
      if (chars > maxChars) return false;
    }
  }
  return true;
};

/** Parse YAML 1.2 text; syntax errors, duplicate keys, YAML 1.1 directives and alias bombs become a PolicyError. */
export const parseYamlText = (file: string, text: string, maxBytes: number = maxYamlBytes): YamlSource => {
  if (Buffer.byteLength(text) > maxBytes) {
    throw new PolicyError([{ file, line: 1, col: 1, message: `file exceeds ${String(maxBytes)} bytes` }]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  // With prettyErrors off the parser leaves `linePos` unset: the position comes from `pos`.
  const problems: PolicyProblem[] = doc.errors.map((e) => {
    const at = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    return { file, line: at.line, col: at.col, message: `YAML: ${firstLine(e.message)}` };
  });
  const version = doc.directives.yaml.version;
  if (doc.directives.yaml.explicit === true && version !== '1.2') {
    problems.push({ file, line: 1, col: 1, message: `only YAML 1.2 is accepted (found a %YAML ${version} directive)` });
  }
  if (problems.length === 0)
    problems.push(
      ...aliasCycles(doc).map((offset) => ({
        file,
        ...lineCounter.linePos(offset),
        message: 'YAML: an alias refers to a node that contains it (a cycle); write the value out instead',
      })),
    );
  if (problems.length > 0) throw new PolicyError(problems);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PolicyError([{ file, line: 1, col: 1, message: `YAML: ${message}` }]);
  }
  if (!expansionWithin(data, limits.policyExpandedNodes, 2 * maxBytes)) {
    throw new PolicyError([
      {
        file,
        line: 1,
        col: 1,
        message: `YAML: the document expands (through its aliases) to more than ${String(limits.policyExpandedNodes)} nodes or ${String(2 * maxBytes)} characters`,
      },
    ]);
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

/** Offsets of aliases that point at one of their own ancestors: the data would be infinite. */
const aliasCycles = (doc: Document): number[] => {
  const found: number[] = [];
  const open = new Set<unknown>();
  const done = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target === undefined) return;
      if (open.has(target)) found.push(rangeStart(node) ?? 0);
      else visit(target);
      return;
    }
    if (done.has(node) || !(isMap(node) || isSeq(node))) return;
    open.add(node);
    for (const item of node.items) {
      if (isMap(node)) {
        const pair = item as { key: unknown; value: unknown };
        visit(pair.key);
        visit(pair.value);
      } else {
        visit(item);
      }
    }
    open.delete(node);
    done.add(node);
  };
  visit(doc.contents);
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
