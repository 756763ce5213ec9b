import { describe, expect, it } from 'vitest';
import { didYouMean, didYouMeanSuffix, editDistance } from './did-you-mean.js';

describe('didYouMean', () => {
  it('counts edits, a swap of neighbours as one', () => {
    expect(editDistance('json', 'jsno')).toBe(1);
    expect(editDistance('sarif', 'srf')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('finds rule ids written without their dash, in any case, or with one wrong digit', () => {
    const rules = ['MSG-01', 'MSG-02', 'ENC-01', 'ENC-02', 'LCK-01', 'UPD-01'];
    expect(didYouMean('ENC01', rules)).toEqual(['ENC-01', 'ENC-02']);
    expect(didYouMean('enc_01', rules)[0]).toBe('ENC-01');
    expect(didYouMean('LKC-01', rules)).toEqual(['LCK-01']);
  });

  it('works on names no list here was written for', () => {
    expect(didYouMean('colour-blind', ['color-blind', 'colourless'])).toEqual(['color-blind']);
    expect(didYouMean('Zeitplan', ['zeitplan2', 'Fahrplan'])[0]).toBe('zeitplan2');
  });

  it('offers formats, targets and languages', () => {
    expect(didYouMean('jsn', ['json', 'junit', 'sarif', 'text'])).toEqual(['json']);
    expect(didYouMean('sssh', ['local', 'replay', 'root', 'image', 'snapshot', 'ssh'])).toEqual(['ssh']);
    expect(didYouMean('snapshots', ['local', 'replay', 'root', 'image', 'snapshot', 'ssh'])).toEqual(['snapshot']);
    expect(didYouMean('fx', ['en', 'fr', 'de', 'lb'])).toEqual(['fr']);
  });

  it('stays quiet when nothing is close', () => {
    expect(didYouMean('xyz123', ['json', 'text'])).toEqual([]);
    expect(didYouMean('', ['json'])).toEqual([]);
    expect(didYouMeanSuffix('qqqq', ['json'])).toBe('');
    expect(didYouMeanSuffix('txt', ['json', 'text'])).toBe(' (did you mean text?)');
  });
});
