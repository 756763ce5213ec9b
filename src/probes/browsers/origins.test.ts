import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../policy/catalog.js';
import { catalogOriginPatterns } from './origins.js';

const catalogOf = (...origins: string[]): Catalog => ({ apps: [{ id: 'a', name: 'A', categories: [], approved: false, web: { origins } }] });

describe('catalogOriginPatterns, parsed once per catalog', () => {
  it('answers the same patterns for the same catalog, and each catalog its own', () => {
    const one = catalogOf('https://*.Slack.com', 'http://chat.example:8080/');
    const first = catalogOriginPatterns(one);
    expect(catalogOriginPatterns(one)).toBe(first);
    expect(first).toEqual([
      { scheme: 'https', host: 'slack.com', port: '', wildcard: true },
      { scheme: 'http', host: 'chat.example', port: '8080', wildcard: false },
    ]);
    expect(catalogOriginPatterns(catalogOf('https://web.whatsapp.com:443'))).toEqual([
      { scheme: 'https', host: 'web.whatsapp.com', port: '', wildcard: false },
    ]);
  });
});
