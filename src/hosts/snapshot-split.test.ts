import { describe, expect, it } from 'vitest';
import { factsText, factsValueStart, splitSnapshot, type PieceVerdict } from './snapshot-split.js';

/** Takes a piece when it is a whole JSON object, as parseSnapshot's reader does; records what it took. */
const taking = (): { accept: (id: string, text: string) => PieceVerdict; taken: [string, string][] } => {
  const taken: [string, string][] = [];
  return {
    taken,
    accept: (id, text) => {
      try {
        JSON.parse(text);
      } catch {
        return 'longer';
      }
      taken.push([id, text]);
      return 'taken';
    },
  };
};

const head = '{"snapshotVersion":2,"tool":{"name":"charter","version":"1"},"host":{"name":"a \\"b\\" {c}","machineId":null}';

describe('splitSnapshot', () => {
  it('finds each outcome text and the rest, whatever the strings inside hold', () => {
    const outcomes = [
      ['os', '{"status":"ok","facts":{"name":"x}\\"],\\"y\\":{\\"status\\":","list":[1,2,{"a":"}}}"}]}}'],
      ['firewall', '{"status":"error","message":"no \\\\ nft"}'],
      ['screen-lock', '{"status":"unsupported","reason":"none"}'],
    ] as const;
    const text = `${head},"facts":{${outcomes.map(([id, t]) => `"${id}":${t}`).join(',')}}}\n`;
    const { accept, taken } = taking();
    const split = splitSnapshot(text, accept);
    expect(split?.ids).toEqual(['os', 'firewall', 'screen-lock']);
    expect(taken).toEqual(outcomes.map(([id, t]) => [id, t]));
    expect(split?.rest).toBe(`${head},"facts":{}}\n`);
    expect(JSON.parse(split?.rest ?? '')).toEqual({ ...(JSON.parse(`${head}}`) as object), facts: {} });
  });

  it('extends a piece past a place inside an outcome that looks like the next one', () => {
    // A fact holding an object whose text reads like the start of another outcome.
    const tricky = '{"status":"ok","facts":{"a":{"b":1},"c":{"status":"ok"},"d":true}}';
    const text = `${head},"facts":{"os":${tricky},"login":{"status":"ok","facts":{}}}}`;
    const { accept, taken } = taking();
    expect(splitSnapshot(text, accept)?.ids).toEqual(['os', 'login']);
    expect(taken[0]).toEqual(['os', tricky]);
  });

  it('reads empty facts', () => {
    const { accept } = taking();
    expect(splitSnapshot(`${head},"facts":{}}`, accept)).toEqual({ rest: `${head},"facts":{}}`, ids: [] });
  });

  it('answers undefined for anything it does not expect, so that the whole text is parsed instead', () => {
    const ok = `${head},"facts":{"os":{"status":"ok","facts":{}}}}`;
    const cases = [
      // facts not last, written with spaces, keys with escapes, a key twice, no facts, not an object.
      `${head},"facts":{"os":{"status":"ok","facts":{}}},"group":"x"}`,
      `${head},"facts":{"os":{ "status":"ok","facts":{}}}}`,
      `${head},"fac\\u0074s":{"os":{"status":"ok","facts":{}}}}`,
      `${head},"facts":{"o\\u0073":{"status":"ok","facts":{}}}}`,
      `${head},"facts":{"os":{"status":"ok","facts":{}},"os":{"status":"ok","facts":{}}}}`,
      `${head},"tool":1,"facts":{"os":{"status":"ok","facts":{}}}}`,
      `${head}}`,
      '[1,2]',
      `${ok} x`,
      `${ok}}`,
      ok.slice(0, -1),
      `${head},"facts":{"os":{"status":"ok","facts":{"a":"unterminated}}}}`,
      `${head},"facts":{"OS":{"status":"ok","facts":{}}}}`,
      `${head},"facts":{"os":[]}}`,
    ];
    for (const text of cases) expect(splitSnapshot(text, taking().accept), text).toBeUndefined();
    expect(splitSnapshot(ok, taking().accept)?.ids).toEqual(['os']);
    // Spaces at the top level are the rest's, which JSON.parse reads.
    expect(splitSnapshot(` ${head}, "facts" : {"os":{"status":"ok","facts":{}}}} \n`, taking().accept)?.rest).toBe(` ${head}, "facts" : {}} \n`);
  });

  it('stops at a piece its reader refuses, and gives up after a few places that are not an end', () => {
    const text = `${head},"facts":{"os":{"status":"ok","facts":{}},"login":{"status":"ok","facts":{}}}}`;
    expect(splitSnapshot(text, () => 'refused')).toBeUndefined();
    let offered = 0;
    expect(
      splitSnapshot(text, () => {
        offered += 1;
        return 'longer';
      }),
    ).toBeUndefined();
    expect(offered).toBeLessThanOrEqual(9);
  });
});

describe('factsText', () => {
  it('is the facts from their value to the closing brace, whatever spaces follow, and what splitSnapshot splits', () => {
    const facts = '{"os":{"status":"ok","facts":{"a":"}"}},"login":{"status":"error","message":"x"}}';
    for (const end of ['}', '}\n', '} \r\n\t ']) {
      const text = `${head},"facts":${facts}${end}`;
      const start = factsValueStart(text);
      expect(factsText(text, start)).toBe(facts);
      expect(splitSnapshot(text, taking().accept, start)?.rest).toBe(`${head},"facts":{}${end}`);
    }
    expect(factsText(`${head},"facts":{}}`, factsValueStart(`${head},"facts":{}}`))).toBe('{}');
  });

  it('is undefined without facts or without a closing brace last', () => {
    expect(factsValueStart(`${head}}`)).toBe(-1);
    expect(factsText(`${head}}`, -1)).toBeUndefined();
    const open = `${head},"facts":{"os":{"status":"ok","facts":{}}}`;
    expect(factsText(`${open} x`, factsValueStart(`${open} x`))).toBeUndefined();
    expect(factsText(`${head},"facts":`, factsValueStart(`${head},"facts":`))).toBeUndefined();
  });
});
