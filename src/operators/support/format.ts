import type { OperatorWords } from '../../i18n/operator-messages.js';
import type { Json } from '../../model.js';

const maxValueLength = 80;
const maxLabels = 10;

/** A value as shown in descriptions and reasons: compact JSON, cut at 80 characters. */
export const formatValue = (value: Json): string => {
  const text = JSON.stringify(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
};

/** `"a", "b", 3` */
export const formatValues = (values: readonly Json[]): string => values.map(formatValue).join(', ');

/** `a, b, c and 4 more`: at most ten labels. */
export const formatLabels = (labels: readonly string[], words: OperatorWords): string => {
  const shown = labels.slice(0, maxLabels).join(', ');
  const rest = labels.length - maxLabels;
  return rest > 0 ? words.andMore(shown, rest) : shown;
};

/** Problems for `check()`: a number option that YAML let through as .inf or .nan. */
export const finiteProblems = (options: Record<string, number | undefined>): string[] =>
  Object.entries(options).flatMap(([key, value]) =>
    value === undefined || Number.isFinite(value) ? [] : [`${key} must be a finite number, got ${String(value)}`],
  );
