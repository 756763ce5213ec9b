import { describe, expect, it } from 'vitest';
import { reporters } from './index.js';
import { reportFormats } from './report-formats.js';

const choiceOf = (choice: { name: string; extension: string; otherExtensions?: readonly string[] | undefined }) => ({
  name: choice.name,
  extension: choice.extension,
  otherExtensions: choice.otherExtensions ?? [],
});

describe('reportFormats', () => {
  it('names every reporter of the registry, in its order, with its extensions, and nothing else', () => {
    expect(reportFormats.map(choiceOf)).toEqual(Object.values(reporters).map(choiceOf));
    expect(reportFormats.map((choice) => choice.name)).toEqual(Object.keys(reporters));
  });
});
