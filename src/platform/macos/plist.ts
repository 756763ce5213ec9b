/**
 * Property lists (macOS preferences, Info.plist): XML or binary (`bplist00`), read as files so the
 * same code works on a live Mac, a mounted disk and a replay. Values are converted to plain
 * JSON-like data: dates become ISO-8601 strings, data blobs are dropped (null).
 */
import type { PlistValue } from 'plist';
import type { Host } from '../../hosts/host.js';

export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };
export type PlainDict = { [key: string]: PlainValue };

const binaryMagic = 'bplist00';

/** Text of an XML plist: UTF-8 (with or without BOM) or UTF-16 with BOM. */
const xmlText = (bytes: Buffer): string => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};

const plain = (value: PlistValue): PlainValue => {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return null;
  if (Array.isArray(value)) return value.map(plain);
  const out: PlainDict = {};
  for (const [key, item] of Object.entries(value)) out[key] = plain(item);
  return out;
};

/**
 * Parses plist bytes (binary or XML). Rejects on malformed input. The plist package (and its XML
 * stack) is imported on first use: a check of a Linux or Windows machine never loads it.
 */
export const parsePlist = async (bytes: Buffer): Promise<PlainValue> => {
  const { parse, parseBinary } = await import('plist');
  const isBinary = bytes.length >= 8 && bytes.subarray(0, 8).toString('latin1') === binaryMagic;
  return plain(isBinary ? parseBinary(bytes) : parse(xmlText(bytes)));
};

export const isDict = (value: PlainValue | undefined): value is PlainDict => typeof value === 'object' && value !== null && !Array.isArray(value);

export type PlistRead = { status: 'absent' } | { status: 'ok'; dict: PlainDict } | { status: 'error'; message: string };

/** Reads a plist file whose top level is a dictionary. */
export const readPlist = async (host: Host, path: string): Promise<PlistRead> => {
  const bytes = await host.readFile(path);
  if (bytes === undefined) return { status: 'absent' };
  try {
    const value = await parsePlist(bytes);
    if (!isDict(value)) return { status: 'error', message: `${path}: the top level is not a dictionary` };
    return { status: 'ok', dict: value };
  } catch (error) {
    return { status: 'error', message: `${path}: not a readable property list (${error instanceof Error ? error.message : String(error)})` };
  }
};

/** The dictionary, or undefined when the file is absent or unreadable. */
export const plistDict = (read: PlistRead): PlainDict | undefined => (read.status === 'ok' ? read.dict : undefined);

export const stringValue = (dict: PlainDict | undefined, key: string): string | null => {
  const value = dict?.[key];
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  return null;
};

export const numberValue = (dict: PlainDict | undefined, key: string): number | null => {
  const value = dict?.[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
};

/**
 * A boolean preference: `defaults write -bool` stores a boolean, `-int` an integer and `-string`
 * text, and macOS reads all of them as booleans (CFPreferencesGetAppBooleanValue), so all count.
 */
export const boolValue = (dict: PlainDict | undefined, key: string): boolean | null => {
  const value = dict?.[key];
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (['1', 'yes', 'true'].includes(text)) return true;
    if (['0', 'no', 'false'].includes(text)) return false;
  }
  return null;
};

/** A date value (plist `<date>`, already ISO-8601 here) or a date string; null otherwise. */
export const dateValue = (dict: PlainDict | undefined, key: string): string | null => {
  const value = dict?.[key];
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
};
