import type { Language } from '../model.js';
import { plural, pluralCategory } from './intl.js';
import { withN } from './luxembourgish.js';

/** JSON type names, as `jsonType` answers them (src/operators/support/json-type.ts). */
export type JsonTypeName = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

/** What an operator wanted when a value had the wrong type. */
export type WantedType = 'number' | 'string' | 'dateString' | 'array' | 'arrayOrString' | 'collection';

/** Why a date string was refused (src/operators/support/iso-instant.ts). */
export type DateProblem = 'withoutZone' | 'notIso' | 'invalid';

/**
 * The words operators use to describe an expectation ("at most 900") and to explain a failure
 * ("1200 is above 900"), per language. Values arrive already formatted (`formatValue`: JSON, so
 * `"luks2"` keeps its quotes); numbers arrive as numbers. The English table is the reference: the
 * recorded reports (fixtures/hosts/*\/expected.json) are English and must not change.
 */
export interface OperatorWords {
  // Descriptions of expectations.
  equalTo: (value: string) => string;
  notEqualTo: (value: string) => string;
  atLeast: (minimum: number) => string;
  atMost: (maximum: number) => string;
  /** Two bounds of `count`: `at least 1 and at most 3`. */
  bothBounds: (low: string, high: string) => string;
  oneOf: (values: string) => string;
  noneOf: (values: string) => string;
  contains: (value: string) => string;
  matches: (pattern: string) => string;
  present: string;
  absent: string;
  empty: string;
  notEmpty: string;
  withinDays: (days: number) => string;
  all: (condition: string) => string;
  any: (condition: string) => string;
  none: (condition: string) => string;
  /** `count` without a condition: `at most 3 items`. */
  countItems: (bounds: string) => string;
  /** `count` with a condition: `at most 1 where categories contains "remote-access"`. */
  countWhere: (bounds: string, condition: string) => string;
  /** `is`: the expectation applies to the item itself. */
  whereItem: (expectation: string) => string;
  /** `where`: each part is `<field> <expectation>`. */
  whereFields: (parts: readonly string[]) => string;

  // Reasons for a failure.
  wrongType: (wanted: WantedType, got: JsonTypeName) => string;
  isNot: (actual: string, expected: string) => string;
  /** notEquals, noneOf: the value is a forbidden one. */
  is: (actual: string) => string;
  notOneOf: (actual: string, allowed: string) => string;
  below: (actual: number, minimum: number) => string;
  above: (actual: number, maximum: number) => string;
  noItemEqualTo: (value: string) => string;
  stringCannotContain: (value: string) => string;
  doesNotContain: (actual: string, wanted: string) => string;
  /** exists: true on a missing value. */
  missing: string;
  /** exists: false on a present value. */
  isPresent: string;
  isEmpty: string;
  hasSize: (size: number, unit: 'characters' | 'entries') => string;
  invalidPattern: (pattern: string) => string;
  doesNotMatch: (actual: string, pattern: string) => string;
  daysOld: (actual: string, days: number) => string;
  /** `text` is the refused string, JSON-quoted. */
  badDate: (problem: DateProblem, text: string) => string;
  listEmpty: string;
  noneOfItemsMatches: (count: number) => string;
  itemsDoNotMatch: (failing: number, total: number, labels: string) => string;
  /** `1 item matches`, `2 items match` */
  itemsMatch: (count: number) => string;
  /** A phrase followed by the items it is about: `2 items match: telegram, whatsapp`. */
  listed: (phrase: string, labels: string) => string;
  /** count: `3 items match, expected at most 1` */
  countExpected: (matching: string, bounds: string) => string;
  couldNotBeChecked: (count: number, labels: string) => string;
  /** An item without an id or name: `item 3` (1-based). */
  itemNumber: (position: number) => string;
  /** An item whose listed field (or itself) was unknown. */
  unknownLabel: (label: string, field: string | undefined) => string;
  /** `a, b, c and 4 more` */
  andMore: (shown: string, rest: number) => string;
  valueUnknown: string;
  /** A list known to miss items that could not be seen, whose known items do not decide. */
  listIncomplete: string;
}

const enWanted: Record<WantedType, string> = {
  number: 'a number',
  string: 'a string',
  dateString: 'a date string',
  array: 'an array',
  arrayOrString: 'an array or a string',
  collection: 'an array, a string or an object',
};

const enItems = (count: number): string => `${count} ${plural('en', count, 'item', 'items')}`;

const en: OperatorWords = {
  equalTo: (value) => `equal to ${value}`,
  notEqualTo: (value) => `not equal to ${value}`,
  atLeast: (minimum) => `at least ${minimum}`,
  atMost: (maximum) => `at most ${maximum}`,
  bothBounds: (low, high) => `${low} and ${high}`,
  oneOf: (values) => `one of ${values}`,
  noneOf: (values) => `none of ${values}`,
  contains: (value) => `contains ${value}`,
  matches: (pattern) => `matches ${pattern}`,
  present: 'present',
  absent: 'absent',
  empty: 'empty',
  notEmpty: 'not empty',
  withinDays: (days) => (days === 1 ? 'within the last day' : `within the last ${days} days`),
  all: (condition) => `all ${condition}`,
  any: (condition) => `any ${condition}`,
  none: (condition) => `none ${condition}`,
  countItems: (bounds) => `${bounds} items`,
  countWhere: (bounds, condition) => `${bounds} ${condition}`,
  whereItem: (expectation) => `where item ${expectation}`,
  whereFields: (parts) => `where ${parts.join(' and ')}`,

  wrongType: (wanted, got) => `expected ${enWanted[wanted]}, got ${got}`,
  isNot: (actual, expected) => `${actual} is not ${expected}`,
  is: (actual) => `is ${actual}`,
  notOneOf: (actual, allowed) => `${actual} is not one of ${allowed}`,
  below: (actual, minimum) => `${actual} is below ${minimum}`,
  above: (actual, maximum) => `${actual} is above ${maximum}`,
  noItemEqualTo: (value) => `no item equal to ${value}`,
  stringCannotContain: (value) => `a string cannot contain ${value}`,
  doesNotContain: (actual, wanted) => `${actual} does not contain ${wanted}`,
  missing: 'missing',
  isPresent: 'present',
  isEmpty: 'is empty',
  hasSize: (size, unit) => `has ${size} ${unit}`,
  invalidPattern: (pattern) => `invalid regular expression ${pattern}`,
  doesNotMatch: (actual, pattern) => `${actual} does not match ${pattern}`,
  daysOld: (actual, days) => `${actual} is ${days} ${days === 1 ? 'day' : 'days'} old`,
  badDate: (problem, text) =>
    problem === 'withoutZone'
      ? `date-time without a time zone: ${text}`
      : problem === 'notIso'
        ? `expected an ISO 8601 date, got ${text}`
        : `not a valid date: ${text}`,
  listEmpty: 'the list is empty',
  noneOfItemsMatches: (count) => `none of ${enItems(count)} matches`,
  itemsDoNotMatch: (failing, total, labels) => `${failing} of ${total} items ${failing === 1 ? 'does' : 'do'} not match: ${labels}`,
  itemsMatch: (count) => `${enItems(count)} ${count === 1 ? 'matches' : 'match'}`,
  listed: (phrase, labels) => `${phrase}: ${labels}`,
  countExpected: (matching, bounds) => `${matching}, expected ${bounds}`,
  couldNotBeChecked: (count, labels) => `${enItems(count)} could not be checked: ${labels}`,
  itemNumber: (position) => `item ${position}`,
  unknownLabel: (label, field) => (field === undefined ? `${label} (unknown)` : `${label} (${field} unknown)`),
  andMore: (shown, rest) => `${shown} and ${rest} more`,
  valueUnknown: 'value unknown',
  listIncomplete: 'the list is incomplete (some items could not be seen) and what is known does not decide',
};

const frWanted: Record<WantedType, string> = {
  number: 'un nombre',
  string: 'une chaîne',
  dateString: 'une date (chaîne)',
  array: 'une liste',
  arrayOrString: 'une liste ou une chaîne',
  collection: 'une liste, une chaîne ou un objet',
};

const frTypes: Record<JsonTypeName, string> = {
  null: 'null',
  boolean: 'un booléen',
  number: 'un nombre',
  string: 'une chaîne',
  array: 'une liste',
  object: 'un objet',
};

/** French uses the singular for 0 and 1 (Intl.PluralRules says `one` for both). */
const frOne = (count: number): boolean => pluralCategory('fr', count) === 'one';
const frItems = (count: number): string => `${count} ${frOne(count) ? 'élément' : 'éléments'}`;

const fr: OperatorWords = {
  equalTo: (value) => `égal à ${value}`,
  notEqualTo: (value) => `différent de ${value}`,
  atLeast: (minimum) => `au moins ${minimum}`,
  atMost: (maximum) => `au plus ${maximum}`,
  bothBounds: (low, high) => `${low} et ${high}`,
  oneOf: (values) => `parmi ${values}`,
  noneOf: (values) => `hors de ${values}`,
  contains: (value) => `contient ${value}`,
  matches: (pattern) => `correspond à ${pattern}`,
  present: 'présent',
  absent: 'absent',
  empty: 'vide',
  notEmpty: 'non vide',
  withinDays: (days) => (days === 1 ? 'dans les dernières 24 heures' : `dans les ${days} derniers jours`),
  all: (condition) => `tous les éléments ${condition}`,
  any: (condition) => `au moins un élément ${condition}`,
  none: (condition) => `aucun élément ${condition}`,
  countItems: (bounds) => `${bounds} élément(s)`,
  countWhere: (bounds, condition) => `${bounds} élément(s) ${condition}`,
  whereItem: (expectation) => `où l'élément est ${expectation}`,
  whereFields: (parts) => `où ${parts.join(' et ')}`,

  wrongType: (wanted, got) => `attendu : ${frWanted[wanted]}, reçu : ${frTypes[got]}`,
  isNot: (actual, expected) => `${actual} n'est pas ${expected}`,
  is: (actual) => `vaut ${actual}`,
  notOneOf: (actual, allowed) => `${actual} n'est pas parmi ${allowed}`,
  below: (actual, minimum) => `${actual} est inférieur à ${minimum}`,
  above: (actual, maximum) => `${actual} est supérieur à ${maximum}`,
  noItemEqualTo: (value) => `aucun élément égal à ${value}`,
  stringCannotContain: (value) => `une chaîne ne peut pas contenir ${value}`,
  doesNotContain: (actual, wanted) => `${actual} ne contient pas ${wanted}`,
  missing: 'absent',
  isPresent: 'présent',
  isEmpty: 'est vide',
  hasSize: (size, unit) => `contient ${size} ${unit === 'characters' ? 'caractère(s)' : 'entrée(s)'}`,
  invalidPattern: (pattern) => `expression régulière invalide ${pattern}`,
  doesNotMatch: (actual, pattern) => `${actual} ne correspond pas à ${pattern}`,
  daysOld: (actual, days) => `${actual} date de ${days} ${frOne(days) ? 'jour' : 'jours'}`,
  badDate: (problem, text) =>
    problem === 'withoutZone'
      ? `date et heure sans fuseau horaire : ${text}`
      : problem === 'notIso'
        ? `date ISO 8601 attendue, reçu : ${text}`
        : `date invalide : ${text}`,
  listEmpty: 'la liste est vide',
  noneOfItemsMatches: (count) => (count === 1 ? "l'unique élément ne correspond pas" : `aucun des ${count} éléments ne correspond`),
  itemsDoNotMatch: (failing, total, labels) =>
    `${failing} ${frOne(failing) ? 'élément' : 'éléments'} sur ${total} ne ${frOne(failing) ? 'correspond' : 'correspondent'} pas : ${labels}`,
  itemsMatch: (count) => `${frItems(count)} ${frOne(count) ? 'correspond' : 'correspondent'}`,
  listed: (phrase, labels) => `${phrase} : ${labels}`,
  countExpected: (matching, bounds) => `${matching}, attendu : ${bounds}`,
  couldNotBeChecked: (count, labels) => `${frItems(count)} n'${frOne(count) ? 'a' : 'ont'} pas pu être ${frOne(count) ? 'vérifié' : 'vérifiés'} : ${labels}`,
  itemNumber: (position) => `élément ${position}`,
  unknownLabel: (label, field) => (field === undefined ? `${label} (inconnu)` : `${label} (${field} inconnu)`),
  andMore: (shown, rest) => `${shown} et ${rest} de plus`,
  valueUnknown: 'valeur inconnue',
  listIncomplete: 'la liste est incomplète (certains éléments n’ont pas pu être vus) et ce qui est connu ne permet pas de trancher',
};

const deWanted: Record<WantedType, string> = {
  number: 'eine Zahl',
  string: 'eine Zeichenkette',
  dateString: 'ein Datum als Zeichenkette',
  array: 'eine Liste',
  arrayOrString: 'eine Liste oder eine Zeichenkette',
  collection: 'eine Liste, eine Zeichenkette oder ein Objekt',
};

const deTypes: Record<JsonTypeName, string> = {
  null: 'null',
  boolean: 'ein Wahrheitswert',
  number: 'eine Zahl',
  string: 'eine Zeichenkette',
  array: 'eine Liste',
  object: 'ein Objekt',
};

const deItems = (count: number): string => `${count} ${plural('de', count, 'Eintrag', 'Einträge')}`;

const de: OperatorWords = {
  equalTo: (value) => `gleich ${value}`,
  notEqualTo: (value) => `ungleich ${value}`,
  atLeast: (minimum) => `mindestens ${minimum}`,
  atMost: (maximum) => `höchstens ${maximum}`,
  bothBounds: (low, high) => `${low} und ${high}`,
  oneOf: (values) => `einer von ${values}`,
  noneOf: (values) => `keiner von ${values}`,
  contains: (value) => `enthält ${value}`,
  matches: (pattern) => `passt auf ${pattern}`,
  present: 'vorhanden',
  absent: 'nicht vorhanden',
  empty: 'leer',
  notEmpty: 'nicht leer',
  withinDays: (days) => (days === 1 ? 'innerhalb des letzten Tages' : `innerhalb der letzten ${days} Tage`),
  all: (condition) => `alle Einträge, ${condition}`,
  any: (condition) => `mindestens ein Eintrag, ${condition}`,
  none: (condition) => `kein Eintrag, ${condition}`,
  countItems: (bounds) => `${bounds} Einträge`,
  countWhere: (bounds, condition) => `${bounds} Einträge, ${condition}`,
  whereItem: (expectation) => `wobei der Eintrag ${expectation} ist`,
  whereFields: (parts) => `wobei ${parts.join(' und ')}`,

  wrongType: (wanted, got) => `erwartet: ${deWanted[wanted]}, erhalten: ${deTypes[got]}`,
  isNot: (actual, expected) => `${actual} ist nicht ${expected}`,
  is: (actual) => `ist ${actual}`,
  notOneOf: (actual, allowed) => `${actual} ist keiner von ${allowed}`,
  below: (actual, minimum) => `${actual} liegt unter ${minimum}`,
  above: (actual, maximum) => `${actual} liegt über ${maximum}`,
  noItemEqualTo: (value) => `kein Eintrag gleich ${value}`,
  stringCannotContain: (value) => `eine Zeichenkette kann ${value} nicht enthalten`,
  doesNotContain: (actual, wanted) => `${actual} enthält ${wanted} nicht`,
  missing: 'fehlt',
  isPresent: 'vorhanden',
  isEmpty: 'ist leer',
  hasSize: (size, unit) => `hat ${size} ${unit === 'characters' ? 'Zeichen' : size === 1 ? 'Eintrag' : 'Einträge'}`,
  invalidPattern: (pattern) => `ungültiger regulärer Ausdruck ${pattern}`,
  doesNotMatch: (actual, pattern) => `${actual} passt nicht auf ${pattern}`,
  daysOld: (actual, days) => `${actual} ist ${days} ${days === 1 ? 'Tag' : 'Tage'} alt`,
  badDate: (problem, text) =>
    problem === 'withoutZone'
      ? `Datum mit Uhrzeit ohne Zeitzone: ${text}`
      : problem === 'notIso'
        ? `ISO-8601-Datum erwartet, erhalten: ${text}`
        : `kein gültiges Datum: ${text}`,
  listEmpty: 'die Liste ist leer',
  noneOfItemsMatches: (count) => (count === 1 ? 'der einzige Eintrag passt nicht' : `keiner der ${count} Einträge passt`),
  itemsDoNotMatch: (failing, total, labels) => `${failing} von ${total} Einträgen ${failing === 1 ? 'passt' : 'passen'} nicht: ${labels}`,
  itemsMatch: (count) => `${deItems(count)} ${count === 1 ? 'passt' : 'passen'}`,
  listed: (phrase, labels) => `${phrase}: ${labels}`,
  countExpected: (matching, bounds) => `${matching}, erwartet: ${bounds}`,
  couldNotBeChecked: (count, labels) => `${deItems(count)} ${count === 1 ? 'konnte' : 'konnten'} nicht geprüft werden: ${labels}`,
  itemNumber: (position) => `Eintrag ${position}`,
  unknownLabel: (label, field) => (field === undefined ? `${label} (unbekannt)` : `${label} (${field} unbekannt)`),
  andMore: (shown, rest) => `${shown} und ${rest} weitere`,
  valueUnknown: 'Wert unbekannt',
  listIncomplete: 'die Liste ist unvollständig (einige Einträge waren nicht sichtbar), und das Bekannte reicht für keine Entscheidung',
};

const lbWanted: Record<WantedType, string> = {
  number: 'eng Zuel',
  string: 'eng Zeecheketten',
  dateString: 'en Datum als Zeecheketten',
  array: 'eng Lëscht',
  arrayOrString: 'eng Lëscht oder eng Zeecheketten',
  collection: 'eng Lëscht, eng Zeecheketten oder en Objet',
};

const lbTypes: Record<JsonTypeName, string> = {
  null: 'null',
  boolean: 'e Wourechtswäert',
  number: 'eng Zuel',
  string: 'eng Zeecheketten',
  array: 'eng Lëscht',
  object: 'en Objet',
};

const lbElements = (count: number): string => plural('lb', count, 'Element', 'Elementer');
const lbItems = (count: number): string => `${count} ${lbElements(count)}`;
/** `a an b`, `a a c`: the n-rule decides before each part. */
const lbAnd = (parts: readonly string[]): string => parts.reduce((text, part, i) => (i === 0 ? part : `${text} ${withN('an', part)}`), '');

const lb: OperatorWords = {
  equalTo: (value) => `gläich ${value}`,
  notEqualTo: (value) => `net gläich ${value}`,
  atLeast: (minimum) => `mindestens ${minimum}`,
  atMost: (maximum) => `héchstens ${maximum}`,
  bothBounds: (low, high) => lbAnd([low, high]),
  oneOf: (values) => `ee ${withN('vun', values)}`,
  noneOf: (values) => `kee ${withN('vun', values)}`,
  contains: (value) => `enthält ${value}`,
  matches: (pattern) => `passt op ${pattern}`,
  present: 'do',
  absent: 'net do',
  empty: 'eidel',
  notEmpty: 'net eidel',
  withinDays: (days) => (days === 1 ? 'bannent dem leschten Dag' : `bannent de leschten ${days} Deeg`),
  all: (condition) => `all Elementer, ${condition}`,
  any: (condition) => `op d’mannst een Element, ${condition}`,
  none: (condition) => `keen Element, ${condition}`,
  countItems: (bounds) => `${bounds} Elementer`,
  countWhere: (bounds, condition) => `${bounds} Elementer, ${condition}`,
  whereItem: (expectation) => `wou d’Element ${expectation} ass`,
  whereFields: (parts) => `wou ${lbAnd(parts)}`,

  wrongType: (wanted, got) => `erwaart: ${lbWanted[wanted]}, kritt: ${lbTypes[got]}`,
  isNot: (actual, expected) => `${actual} ass net ${expected}`,
  is: (actual) => `ass ${actual}`,
  notOneOf: (actual, allowed) => `${actual} ass kee ${withN('vun', allowed)}`,
  below: (actual, minimum) => `${actual} läit ënner ${minimum}`,
  above: (actual, maximum) => `${actual} läit iwwer ${maximum}`,
  noItemEqualTo: (value) => `keen Element gläich ${value}`,
  stringCannotContain: (value) => `eng Zeecheketten kann ${value} net enthalen`,
  doesNotContain: (actual, wanted) => `${actual} enthält ${wanted} net`,
  missing: 'feelt',
  isPresent: 'do',
  isEmpty: 'ass eidel',
  hasSize: (size, unit) => `huet ${size} ${unit === 'characters' ? 'Zeechen' : lbElements(size)}`,
  invalidPattern: (pattern) => `ongëltege reguläre Ausdrock ${pattern}`,
  doesNotMatch: (actual, pattern) => `${actual} passt net op ${pattern}`,
  daysOld: (actual, days) => `${actual} ass ${days} ${plural('lb', days, 'Dag', 'Deeg')} al`,
  badDate: (problem, text) =>
    problem === 'withoutZone'
      ? `Datum mat Auerzäit ouni Zäitzon: ${text}`
      : problem === 'notIso'
        ? `ISO-8601-Datum erwaart, kritt: ${text}`
        : `kee gëltegen Datum: ${text}`,
  listEmpty: 'd’Lëscht ass eidel',
  noneOfItemsMatches: (count) => (count === 1 ? 'dat eenzegt Element passt net' : `vun ${withN('allen', `${count} Elementer`)} passt keent`),
  itemsDoNotMatch: (failing, total, labels) => `${failing} ${withN('vun', `${total} Elementer`)} ${failing === 1 ? 'passt' : 'passen'} net: ${labels}`,
  itemsMatch: (count) => `${lbItems(count)} ${count === 1 ? 'passt' : 'passen'}`,
  listed: (phrase, labels) => `${phrase}: ${labels}`,
  countExpected: (matching, bounds) => `${matching}, erwaart: ${bounds}`,
  couldNotBeChecked: (count, labels) => `${lbItems(count)} ${count === 1 ? 'konnt' : 'konnten'} net iwwerpréift ginn: ${labels}`,
  itemNumber: (position) => `Element ${position}`,
  unknownLabel: (label, field) => (field === undefined ? `${label} (onbekannt)` : `${label} (${field} onbekannt)`),
  andMore: (shown, rest) => `${shown} ${withN('an', `${rest} weider`)}`,
  valueUnknown: 'Wäert onbekannt',
  listIncomplete: 'd’Lëscht ass net komplett (e puer Elementer waren net ze gesinn), an dat, wat bekannt ass, geet net duer fir ze entscheeden',
};

const catalogs: Record<Language, OperatorWords> = { en, fr, de, lb };

/** The operator words for a language. */
export const operatorWordsFor = (language: Language): OperatorWords => catalogs[language];
