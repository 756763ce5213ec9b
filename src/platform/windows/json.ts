/**
 * Reading the JSON that `ConvertTo-Json` writes, without trusting its shape: a pipeline of one
 * object becomes that object instead of a one-element array, empty output means no objects, Windows
 * PowerShell 5.1 writes enums as numbers and dates as `/Date(ms)/`, PowerShell 7 as names and ISO text.
 */
import type { Json, JsonObject } from '../../model.js';

export const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Windows PowerShell 5.1 serialises an array that carries the extended-type-system `Count` property
 * (a nested array, or one wrapped in a [psobject]) as `{"value": [...], "Count": n}`
 * (PowerShell/PowerShell issues #3153 and #5579): exactly those two keys, `Count` the length of
 * `value`. That wrapper is the array.
 */
const etsArray = (value: JsonObject): Json[] | undefined => {
  const keys = Object.keys(value);
  if (keys.length !== 2 || !Array.isArray(value.value) || value.Count !== value.value.length) return undefined;
  return value.value;
};

/** An array as is, one object as a one-element array, null/absent as empty. */
export const asArray = (value: Json | undefined): Json[] => {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  return (isObject(value) ? etsArray(value) : undefined) ?? [value];
};

/** The objects of a value that may be one object or an array of them. */
export const objectsOf = (value: Json | undefined): JsonObject[] => asArray(value).filter(isObject);

/** A non-empty string (trimmed), else null. Numbers are turned into their text. */
export const stringOf = (value: Json | undefined): string | null => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/** A finite number, or a string holding a decimal (or 0x hex) integer, else null. */
export const numberOf = (value: Json | undefined): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^-?\d+$/.test(text)) return Number(text);
    if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  }
  return null;
};

/** true/false, 1/0, 'True'/'False', '1'/'0'; else null. */
export const booleanOf = (value: Json | undefined): boolean | null => {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1') return true;
  if (value === 0 || value === '0') return false;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return null;
};

/**
 * An enum value written as its number (Windows PowerShell 5.1) or its name (PowerShell 7):
 * the name, looked up in `names` by number; unknown numbers give null.
 */
export const enumName = (value: Json | undefined, names: Readonly<Record<number, string>>): string | null => {
  if (typeof value === 'number') return names[value] ?? null;
  const text = stringOf(value);
  if (text === null) return null;
  if (/^\d+$/.test(text)) return names[Number(text)] ?? null;
  return text;
};

/** `/Date(1700000000000)/` (PowerShell 5.1), ISO-8601 text, or a number of ms → ISO-8601 UTC; else null. */
export const dateOf = (value: Json | undefined): string | null => {
  if (isObject(value)) return dateOf(value.value ?? value.DateTime ?? null);
  const text = stringOf(value);
  if (text === null) return null;
  const wcf = /^\/?Date\((-?\d+)(?:[+-]\d{4})?\)\/?$/.exec(text);
  const ms = wcf?.[1] !== undefined ? Number(wcf[1]) : Date.parse(text);
  if (!Number.isFinite(ms) || ms <= 0) return null;
  return new Date(ms).toISOString();
};
