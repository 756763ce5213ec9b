/**
 * A probe's fact specs as the one source of its facts' TypeScript type and of their "nothing known"
 * value, for probes that build their facts as a typed record: the specs document the facts (README,
 * snapshot schema, policy validator), FactsOf gives the record's type, unknownFacts its starting
 * value. Nothing is written twice.
 */
import type { Json, JsonObject } from '../model.js';
import type { FactSpec, FactType } from './probe.js';

/** A FactSpec that also says what a list holds and whether it is ever null. */
export interface TypedFactSpec extends FactSpec {
  /** What a list's elements are: strings, or any JSON (records). Lists only. */
  readonly items?: 'string' | 'json';
  /** A list that is empty, never null, when nothing was found (evidence, reasons). Lists only. */
  readonly alwaysList?: true;
}

type ScalarOf<T extends FactType> = T extends 'boolean' ? boolean : T extends 'number' ? number : T extends 'string' ? string : JsonObject;
type ItemOf<S extends TypedFactSpec> = S extends { readonly items: 'string' } ? string : Json;
type ValueOf<S extends TypedFactSpec> = S['type'] extends 'array'
  ? ItemOf<S>[] | (S extends { readonly alwaysList: true } ? never : null)
  : ScalarOf<S['type']> | null;

/** The record of facts the specs describe: every fact may be null (unknown) unless it is an alwaysList list. */
export type FactsOf<T extends Readonly<Record<string, TypedFactSpec>>> = { -readonly [K in keyof T]: ValueOf<T[K]> };

/** The facts with nothing known: null, or an empty list for alwaysList lists; keys in the specs' order. */
export const unknownFacts = <T extends Readonly<Record<string, TypedFactSpec>>>(specs: T): FactsOf<T> =>
  Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.alwaysList === true ? [] : null])) as FactsOf<T>;
