/**
 * Straight quotes become the language's curly ones: opening after a space, a bracket, a dash or at
 * the start of the text, closing after anything else, reading across runs (a bold word, a link, a
 * piece of code). Three dots become an ellipsis.
 */
import { describe, expect, it } from 'vitest';
import { applyTypography } from '../../src/3-typography/rules.js';
import type { Inline } from '../../src/model/document.js';

const en = (runs: Inline[]) => applyTypography(runs, 'en').map((r) => r.text);
const t = (text: string) => en([{ text }])[0];

describe('ellipsis', () => {
  it('three dots make one ellipsis, wherever they are', () => {
    expect(t('wait...')).toBe('wait…');
    expect(t('...and then')).toBe('…and then');
    expect(t('a...b...c')).toBe('a…b…c');
  });

  it('two dots, or dots apart, stay as they are; a fourth dot stays after the ellipsis', () => {
    expect(t('a..b')).toBe('a..b');
    expect(t('..')).toBe('..');
    expect(t('a.b.c.')).toBe('a.b.c.');
    expect(t('a. . .')).toBe('a. . .');
    expect(t('end....')).toBe('end….');
  });
});

describe('quotes', () => {
  it('open at the start, after a space, a bracket or a dash, and close after anything else', () => {
    expect(t('"Yes," she said "no" (and "maybe") —"well"')).toBe('“Yes,” she said “no” (and “maybe”) —“well”');
  });

  it('read the end of the previous run', () => {
    expect(en([{ text: 'say (' }, { text: '"hi"' }])).toEqual(['say (', '“hi”']);
    expect(en([{ text: 'say b' }, { text: '"' }])).toEqual(['say b', '”']);
    // An empty run between changes nothing.
    expect(en([{ text: 'b' }, { text: '' }, { text: '"x"' }])[2]).toBe('”x”');
    expect(en([{ text: 'a (' }, { text: '' }, { text: '"x"' }])[2]).toBe('“x”');
  });

  it('read the end of a piece of code before them, which itself stays as typed', () => {
    expect(en([{ text: 'f("a b', code: true }, { text: '"x"' }])).toEqual(['f("a b', '”x”']);
    expect(en([{ text: 'a b(', code: true }, { text: '"x"' }])).toEqual(['a b(', '“x”']);
    expect(en([{ text: 'say ' }, { text: '', code: true }, { text: '"x"' }])[2]).toBe('“x”');
  });

  it('read the end of an address before them', () => {
    expect(en([{ text: 'https://a.org/x "y"' }])).toEqual(['https://a.org/x “y”']);
  });
});
