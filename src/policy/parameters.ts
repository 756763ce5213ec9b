/**
 * Rule parameters: a rule names values once (`parameters: { maxSecondsToLock: 900 }`) and its
 * conditions use them as `{ param: maxSecondsToLock }` wherever an operator takes a value. An
 * extending policy changes the value without rewriting the condition.
 */
import type { Json } from '../model.js';
import type { PathSegment } from './yaml-source.js';

export interface ParameterUse {
  name: string;
  path: PathSegment[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ param: NAME }` and nothing else. */
const parameterName = (value: unknown): string | undefined =>
  isRecord(value) && Object.keys(value).length === 1 && typeof value.param === 'string' ? value.param : undefined;

/** Every `{ param: NAME }` inside a condition, with its path below `at`. */
export const parameterUses = (value: unknown, at: PathSegment[] = []): ParameterUse[] => {
  const name = parameterName(value);
  if (name !== undefined) return [{ name, path: at }];
  if (Array.isArray(value)) return value.flatMap((item, index) => parameterUses(item, [...at, index]));
  if (isRecord(value)) return Object.entries(value).flatMap(([key, item]) => parameterUses(item, [...at, key]));
  return [];
};

/** A copy of `value` with every known `{ param: NAME }` replaced by its value; unknown names are left as they are. */
export const resolveParameters = <T>(value: T, parameters: Readonly<Record<string, Json>>): T => {
  const walk = (node: unknown): unknown => {
    const name = parameterName(node);
    if (name !== undefined) return Object.hasOwn(parameters, name) ? structuredClone(parameters[name]) : node;
    if (Array.isArray(node)) return node.map(walk);
    if (isRecord(node)) return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item)]));
    return node;
  };
  return walk(value) as T;
};

/** The JSON type of a value, for "same type as the inherited parameter" checks. */
export const jsonType = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
