import { describe, expect, it } from 'vitest';
import { sentenceWordsFor } from '../i18n/sentences.js';
import { valueFormat } from './values.js';

describe('valueFormat: formatters kept by language and zone', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const instant = '2026-12-01T23:30:00Z';

  it('each language and zone writes its own way, whichever was asked first', () => {
    const first = valueFormat(sentenceWordsFor('en'), 'UTC', now).date(instant);
    const zoned = valueFormat(sentenceWordsFor('en'), 'Europe/Luxembourg', now).date(instant);
    const french = valueFormat(sentenceWordsFor('fr'), 'UTC', now).date(instant);
    expect(first).toContain('23:30');
    expect(zoned).toContain('00:30');
    expect(zoned).toContain('2');
    expect(french).toContain('décembre');
    // Asked again, after the others: the same as the first time.
    expect(valueFormat(sentenceWordsFor('en'), 'UTC', now).date(instant)).toBe(first);
  });

  it('ages are counted from the time given, not from when the formatters were made', () => {
    const words = sentenceWordsFor('en');
    expect(valueFormat(words, 'UTC', now).age('2026-12-04T12:00:00Z')).toBe(
      valueFormat(words, 'UTC', new Date('2026-12-10T12:00:00Z')).age('2026-12-07T12:00:00Z'),
    );
    expect(valueFormat(words, 'UTC', now).age('2026-12-04T12:00:00Z')).not.toBe(
      valueFormat(words, 'UTC', new Date('2026-12-20T12:00:00Z')).age('2026-12-04T12:00:00Z'),
    );
  });
});
