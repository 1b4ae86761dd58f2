/**
 * Words for the line breakers, at 10 pt with fake metrics: every character (a code point) is 5 pt,
 * a space 2.5 pt. Expected widths are counted by hand from the text.
 */
import { describe, expect, it } from 'vitest';
import { breakPoints, cutToFit, failMissing, headOf, measure, splitWord, toWords, type BreakOptions, type MissingChars, type Word } from '../../src/6-layout/words.js';
import { firstFit } from '../../src/6-layout/lineBreak.js';
import { fakeMetrics, type Metrics } from '../../src/6-layout/metrics.js';
import { ZineError } from '../../src/errors.js';
import type { Inline } from '../../src/model/document.js';
import type { TextStyle } from '../../src/model/theme.js';

const body: TextStyle = { face: 'body', bold: 'body-bold', italic: 'body-italic', boldItalic: 'body-bold-italic', size: 10, leading: 12, color: '#000', align: 'justify', hyphenate: true };
const source = { file: 'content/xx/01.md', line: 4, col: 2 };
/** A hyphenator that knows a few words, and nothing else. */
const POINTS: Record<string, number[]> = { chiffrement: [4, 7], Chiffrement: [4, 7], 'militant·e·s': [3], abcdef: [3], player: [3], guide: [2], setup: [2], docs: [2] };
const o = (extra: Partial<BreakOptions> = {}): BreakOptions => ({ style: body, width: 100, metrics: fakeMetrics(), lang: 'en', hyphenate: (w) => POINTS[w] ?? [], source, ...extra });
const words = (runs: Inline[], extra: Partial<BreakOptions> = {}) => toWords(runs, o(extra));
const textOf = (w: Word) => w.pieces.map((p) => p.text).join('');
const brief = (ws: Word[]) => ws.map((w) => ({ text: textOf(w), width: w.width, spaceAfter: w.spaceAfter, hard: w.hardBreakAfter }));
const pieces = (w: Word) => w.pieces.map((p) => [p.text, p.face, p.width]);
const word = (text: string, extra: Partial<BreakOptions> = {}) => toWords([{ text }], o(extra))[0];

describe('faces', () => {
  it('take the style’s face for each run: bold, italic, bold italic, and mono for code', () => {
    const ws = words([{ text: 'a ' }, { text: 'b ', bold: true }, { text: 'c ', italic: true }, { text: 'd ', bold: true, italic: true }, { text: 'e', code: true }]);
    expect(ws.map((w) => w.pieces[0].face)).toEqual(['body', 'body-bold', 'body-italic', 'body-bold-italic', 'mono']);
  });

  it('fall back to bold for bold italic, and to the plain face, when the style has no such face', () => {
    const runs: Inline[] = [{ text: 'a ' }, { text: 'b ', bold: true }, { text: 'c ', italic: true }, { text: 'd', bold: true, italic: true }];
    const only = (style: TextStyle) => words(runs, { style }).map((w) => w.pieces[0].face);
    expect(only({ ...body, face: 'headings', bold: 'headings-bold', italic: undefined, boldItalic: undefined })).toEqual(['headings', 'headings-bold', 'headings', 'headings-bold']);
    expect(only({ ...body, face: 'headings', bold: undefined, italic: undefined, boldItalic: undefined })).toEqual(['headings', 'headings', 'headings', 'headings']);
  });

  // The body face lacks Greek and everything past it; every other face has every character.
  const partial: Metrics = { ...fakeMetrics(), has: (face, cp) => face !== 'body' || cp < 0x370 };
  const withFallback = { metrics: partial, fallback: { body: ['headings' as const] } };

  it('set each character in the first face of the stack that has it, one piece per face', () => {
    expect(pieces(word('aβγb', withFallback))).toEqual([
      ['a', 'body', 5],
      ['βγ', 'headings', 10],
      ['b', 'body', 5],
    ]);
    // A character outside the Basic Multilingual Plane is one character (5 pt), two UTF-16 units.
    expect(pieces(word('x😀yz', withFallback))).toEqual([
      ['x', 'body', 5],
      ['😀', 'headings', 5],
      ['yz', 'body', 10],
    ]);
    expect(word('aβγb', withFallback).width).toBe(20);
  });

  it('a face with no fallback of its own: what it lacks is missing, whatever other faces have', () => {
    const missing: MissingChars = new Map();
    const lacking: Metrics = { ...fakeMetrics(), has: (face, cp) => face !== 'display' || cp < 0x370 };
    toWords([{ text: 'aβ' }], o({ style: { ...body, face: 'display' }, metrics: lacking, fallback: { body: ['headings'] }, missing }));
    expect([...missing.keys()]).toEqual(['β']);
  });

  it('the characters next to a missing one keep their own faces', () => {
    const missing: MissingChars = new Map();
    const faces = word('a\u2717β', { ...withFallback, metrics: { ...partial, has: (face, cp) => cp !== 0x2717 && (face !== 'body' || cp < 0x370) }, missing }).pieces;
    expect(faces.find((p) => p.text.includes('a'))!.face).toBe('body');
    expect(faces.find((p) => p.text.includes('β'))!.face).toBe('headings');
    expect([...missing.keys()]).toEqual(['\u2717']);
  });
});

describe('characters no font has', () => {
  const none: Metrics = { ...fakeMetrics(), has: (_face, cp) => cp < 0x370 };

  it('stop the build at the first one when nobody collects them', () => {
    let error: unknown;
    try {
      toWords([{ text: 'aβ' }], o({ metrics: none }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZineError);
    const z = error as ZineError;
    expect(z.message).toBe('1 character cannot be set: no font has it\n  "β" U+03B2 at content/xx/01.md:4:2');
    expect(z.where).toEqual(source);
    expect(z.hint).toBe('Replace them, or set a font folder that has them in content/zine.yml (theme: fonts:), see README.');
  });

  it('are collected, each with the first place it occurs', () => {
    const missing: MissingChars = new Map();
    const first = { file: 'content/xx/01.md', line: 1, col: 1 };
    const second = { file: 'content/xx/02.md', line: 9, col: 3 };
    toWords([{ text: 'xβ' }], o({ metrics: none, missing, source: first }));
    toWords([{ text: 'β ok 😀' }], o({ metrics: none, missing, source: second }));
    expect([...missing]).toEqual([
      ['β', first],
      ['😀', second],
    ]);
  });

  it('a word of nothing but such characters leaves no word behind', () => {
    const missing: MissingChars = new Map();
    expect(toWords([{ text: 'a ββ b' }], o({ metrics: none, missing })).map(textOf)).toEqual(['a', 'b']);
  });

  it('of one file are listed together, with their code points, at the first one’s place', () => {
    const first = { file: 'a.md', line: 1, col: 5 };
    let error: unknown;
    try {
      failMissing(
        new Map([
          ['β', first],
          ['😀', { file: 'a.md', line: 2, col: 3 }],
        ]),
      );
    } catch (e) {
      error = e;
    }
    const z = error as ZineError;
    expect(z).toBeInstanceOf(ZineError);
    expect(z.message).toBe('2 characters cannot be set: no font has them\n  "β" U+03B2 at a.md:1:5\n  "😀" U+1F600 at a.md:2:3');
    expect(z.where).toEqual(first);
  });
});

describe('measure', () => {
  it('is the advance width at the style’s size plus its tracking for every character', () => {
    const tracked = o({ style: { ...body, tracking: 0.3 } });
    expect(measure('abc', 'body', tracked)).toBeCloseTo(3 * 5 + 3 * 0.3, 9);
    expect(measure('😀😀', 'body', tracked)).toBeCloseTo(2 * 5 + 2 * 0.3, 9);
    expect(measure('a b', 'body', o())).toBe(12.5);
  });
});

describe('toWords', () => {
  it('cuts at spaces: one breakable space however many, none at the ends', () => {
    expect(brief(words([{ text: ' ab  cd ' }]))).toEqual([
      { text: 'ab', width: 10, spaceAfter: 2.5, hard: false },
      { text: 'cd', width: 10, spaceAfter: 0, hard: false },
    ]);
    expect(words([{ text: '' }])).toEqual([]);
    expect(words([{ text: '   ' }])).toEqual([]);
  });

  it('joins runs without a space into one word, and a space spread over two runs is one space', () => {
    const ws = words([{ text: 'ab' }, { text: 'cd ', bold: true }, { text: ' e' }]);
    expect(brief(ws)).toEqual([
      { text: 'abcd', width: 20, spaceAfter: 2.5, hard: false },
      { text: 'e', width: 5, spaceAfter: 0, hard: false },
    ]);
    expect(pieces(ws[0])).toEqual([
      ['ab', 'body', 10],
      ['cd', 'body-bold', 10],
    ]);
  });

  it('keeps code’s own spaces, every one of them, fixed', () => {
    const ws = words([{ text: 'a  b', code: true }]);
    expect(brief(ws)).toEqual([
      { text: 'a', width: 5, spaceAfter: 5, hard: false },
      { text: 'b', width: 5, spaceAfter: 0, hard: false },
    ]);
    expect(ws[0].fixedSpace).toBe(true);
    // After a space of running text, code's two spaces are what separates the words.
    expect(words([{ text: 'a ' }, { text: '  b', code: true }])[0].spaceAfter).toBe(5);
  });

  it('ends a word at a hard break, however it is written, and never makes an empty one', () => {
    const hard = (text: string) => brief(words([{ text }])).map((w) => [w.text, w.hard]);
    expect(hard('ab\ncd')).toEqual([
      ['ab', true],
      ['cd', false],
    ]);
    expect(hard('ab \ncd')).toEqual([
      ['ab', true],
      ['cd', false],
    ]);
    expect(hard('ab\n\ncd')).toEqual([
      ['ab', true],
      ['cd', false],
    ]);
    expect(hard('\nab')).toEqual([['ab', false]]);
  });

  it('drops soft hyphens and zero-width spaces, and reads a tab as a space', () => {
    expect(brief(words([{ text: 'co\u00adop\u200bera\ttion' }])).map((w) => w.text)).toEqual(['coopera', 'tion']);
  });

  it('sets text in capitals in the language’s way, but leaves an address as written', () => {
    const caps = { style: { ...body, uppercase: true } };
    expect(words([{ text: 'istanbul' }], { ...caps, lang: 'tr' }).map(textOf)).toEqual(['İSTANBUL']);
    expect(words([{ text: 'istanbul' }], { ...caps, lang: 'en' }).map(textOf)).toEqual(['ISTANBUL']);
    expect(words([{ text: 'see https://example.org/Path' }], caps).map(textOf)).toEqual(['SEE', 'https://example.org/Path']);
    expect(words([{ text: 'example.org/Path', link: 'https://example.org/Path' }], caps).map(textOf)).toEqual(['example.org/Path']);
  });
});

describe('splitWord', () => {
  // "abcd" in two faces (ab plain, cd bold), then a bold space before "e".
  const [abcd] = words([{ text: 'ab' }, { text: 'cd ', bold: true }, { text: 'e' }]);

  it('between two pieces: each side keeps its pieces whole', () => {
    const [head, tail] = splitWord(abcd, 2, false, o());
    expect(pieces(head)).toEqual([['ab', 'body', 10]]);
    expect(pieces(tail)).toEqual([['cd', 'body-bold', 10]]);
    expect([head.width, tail.width]).toEqual([10, 10]);
  });

  it('inside a piece, with a hyphen measured with the head', () => {
    const [head, tail] = splitWord(abcd, 3, true, o());
    expect(pieces(head)).toEqual([
      ['ab', 'body', 10],
      ['c-', 'body-bold', 10],
    ]);
    expect(pieces(tail)).toEqual([['d', 'body-bold', 5]]);
    expect([head.width, tail.width]).toEqual([20, 5]);
    const [h1, t1] = splitWord(abcd, 1, true, o());
    expect(pieces(h1)).toEqual([['a-', 'body', 10]]);
    expect(pieces(t1)).toEqual([
      ['b', 'body', 5],
      ['cd', 'body-bold', 10],
    ]);
  });

  it('the head ends the line: no space, no hard break after it; the tail keeps the word’s', () => {
    const [hardWord] = words([{ text: 'abcd\ne' }]);
    const [head, tail] = splitWord(hardWord, 2, true, o());
    expect([head.spaceAfter, head.hardBreakAfter]).toEqual([0, false]);
    expect([tail.spaceAfter, tail.hardBreakAfter]).toEqual([0, true]);
    const [h2, t2] = splitWord(abcd, 2, true, o());
    expect([h2.spaceAfter, h2.spaceFace, t2.spaceAfter, t2.spaceFace]).toEqual([0, 'body-bold', 2.5, 'body-bold']);
  });

  it('adds no hyphen after a hyphen that is already there', () => {
    expect(textOf(splitWord(word('wi-fi'), 3, true, o())[0])).toBe('wi-');
  });

  it('an address’s tail keeps what is left of its scheme and domain', () => {
    // https:// is 8 characters, https://a.org 13.
    const url = word('https://a.org/x/y');
    expect(url.url).toEqual({ scheme: 8, host: 13 });
    expect(splitWord(url, 10, false, o())[1].url).toEqual({ scheme: 0, host: 3 });
    expect(splitWord(url, 14, false, o())[1].url).toEqual({ scheme: 0, host: 0 });
  });
});

describe('cutToFit', () => {
  const ten = word('aaaaaaaaaa'); // 50 pt

  it('keeps as many characters as fit, exactly or not, and at least one', () => {
    expect(cutToFit(ten, o({ width: 22 }))).toBe(4);
    expect(cutToFit(ten, o({ width: 20 }))).toBe(4);
    expect(cutToFit(ten, o({ width: 3 }))).toBe(1);
    expect(cutToFit(words([{ text: 'ab' }, { text: 'cd', bold: true }])[0], o({ width: 12 }))).toBe(2);
  });

  it('leaves the last character for the next line when every one fits on its own (the word as a whole did not)', () => {
    expect(cutToFit(word('aaaa'), o({ width: 100 }))).toBe(3);
  });
});

describe('headOf', () => {
  it('measures a word’s first characters as splitWord’s head does, and ends in the same piece, at every offset', () => {
    // Three faces and a character outside the BMP (two UTF-16 units, one character).
    const [w] = toWords([{ text: 'ab' }, { text: 'cd𝔼f', bold: true }, { text: 'ghij', italic: true }], o());
    expect(w.pieces.map((p) => p.face)).toEqual(['body', 'body-bold', 'body-italic']);
    for (let k = 1; k <= 10; k++) {
      const [head] = splitWord(w, k, false, o());
      const mine = headOf(w, k, o());
      expect(mine.width, `offset ${k}`).toBe(head.width);
      expect(mine.end.face, `offset ${k}`).toBe(head.pieces[head.pieces.length - 1].face);
    }
  });
});

describe('breakPoints', () => {
  const at = (text: string, extra: Partial<BreakOptions> = {}) => breakPoints(word(text, extra), o(extra));

  it('gives the hyphenation points, last first, past any leading punctuation', () => {
    expect(at('chiffrement')).toEqual([
      { at: 7, hyphen: true },
      { at: 4, hyphen: true },
    ]);
    expect(at('(chiffrement)')).toEqual([
      { at: 8, hyphen: true },
      { at: 5, hyphen: true },
    ]);
  });

  it('breaks after a word’s own hyphen (adding none) and hyphenates each part of a compound', () => {
    expect(at('non-chiffrement')).toEqual([
      { at: 11, hyphen: true },
      { at: 8, hyphen: true },
      { at: 4, hyphen: false },
    ]);
    expect(at('--user')).toEqual([]);
    expect(at('ab--cd')).toEqual([]);
    // Never a lone character carried to the next line, nor an empty one.
    expect(at('abc-d')).toEqual([]);
    expect(at('abcd-')).toEqual([]);
  });

  it('reads a word set in several faces as one text', () => {
    const [w] = toWords([{ text: 'non-' }, { text: 'chiffrement', bold: true }], o());
    expect(breakPoints(w, o())).toEqual([
      { at: 11, hyphen: true },
      { at: 8, hyphen: true },
      { at: 4, hyphen: false },
    ]);
  });

  it('leaves whole an inclusive form (militant·e·s), a word with digits inside, and a proper noun except in German', () => {
    expect(at('militant·e·s')).toEqual([]);
    expect(at('abcdef1player')).toEqual([]);
    expect(at('Chiffrement')).toEqual([]);
    expect(at('Chiffrement', { lang: 'de' })).toEqual([
      { at: 7, hyphen: true },
      { at: 4, hyphen: true },
    ]);
  });

  it('a link’s text breaks after its slashes and is never hyphenated', () => {
    const [link] = toWords([{ text: 'docs/guide/setup', link: 'https://example.org/' }], o());
    expect(breakPoints(link, o())).toEqual([
      { at: 11, hyphen: false },
      { at: 5, hyphen: false },
    ]);
    // The same text, not a link: no break at its slashes (and its parts are not words to hyphenate).
    expect(at('docs/guide/setup')).toEqual([]);
    // Part of a word a link: the word breaks like one.
    const [part] = toWords([{ text: 'docs/' }, { text: 'guide/setup', link: 'https://example.org/' }], o());
    expect(breakPoints(part, o()).map((p) => p.at)).toEqual([11, 5]);
    // A link's text that is a plain word: not hyphenated either.
    const [plain] = toWords([{ text: 'chiffrement', link: 'https://example.org/' }], o());
    expect(breakPoints(plain, o())).toEqual([]);
  });

  it('nothing is hyphenated without a hyphenator, in a style that does not hyphenate, or in a mono face', () => {
    expect(at('chiffrement', { hyphenate: undefined })).toEqual([]);
    expect(at('chiffrement', { style: { ...body, hyphenate: false } })).toEqual([]);
    expect(at('chiffrement', { style: { ...body, face: 'mono' } })).toEqual([]);
    expect(breakPoints(toWords([{ text: 'chiffrement', code: true }], o())[0], o())).toEqual([]);
  });

  it('gives each hyphenator, language and style its own points, however often a word comes back', () => {
    // Two hyphenators kept across calls (as a build keeps one per language), asked in turn.
    const thirds = (w: string) => (w === 'chiffrement' ? [3, 6] : []);
    const fifth = (w: string) => (w === 'chiffrement' ? [5] : []);
    const anyCase = (w: string) => thirds(w.toLowerCase());
    const ats = (extra: Partial<BreakOptions>) => at('chiffrement', extra).map((p) => p.at);
    for (let round = 0; round < 2; round++) {
      expect(ats({ hyphenate: thirds }), `round ${round}`).toEqual([6, 3]);
      expect(ats({ hyphenate: fifth }), `round ${round}`).toEqual([5]);
      expect(ats({ hyphenate: thirds, style: { ...body, hyphenate: false } }), `round ${round}`).toEqual([]);
      expect(ats({ hyphenate: thirds, style: { ...body, face: 'mono' } }), `round ${round}`).toEqual([]);
      // A proper noun, one hyphenator for both languages: hyphenated in German only.
      expect(at('Chiffrement', { hyphenate: anyCase, lang: 'de' }).map((p) => p.at), `round ${round}`).toEqual([6, 3]);
      expect(at('Chiffrement', { hyphenate: anyCase, lang: 'en' }), `round ${round}`).toEqual([]);
    }
    // What a caller does with the list it got (total fit reverses it) does not change the next answer.
    at('chiffrement', { hyphenate: thirds }).reverse();
    expect(ats({ hyphenate: thirds })).toEqual([6, 3]);
  });

  it('first fit takes the last point that fits', () => {
    // 45 pt: "chiffre-" (40) fits, so the break is at 7, not at 4.
    const lines = firstFit(toWords([{ text: 'chiffrement' }], o({ width: 45 })), o({ width: 45 }));
    expect(lines.map((l) => l.fragments.map((f) => f.text).join(' '))).toEqual(['chiffre-', 'ment']);
  });
});
