/**
 * Font subsets kept between runs. pdfkit embeds each font as the subset of the glyphs a PDF uses, made by
 * fontkit: for a CFF font (Inter, Bebas Neue) it first decodes the whole CFF table, then writes the
 * subset, a sixth of rendering our zine, the same bytes at every run. Here a subset numbers its glyphs as
 * fontkit's does (glyph 0 first, then each new glyph in order of use) and is made by fontkit only when no
 * earlier run kept the bytes for this font and these glyphs.
 *
 * The folder is the bundle's (bin/zine.mjs sets ZINE_CACHE): a new version of the code or of the packages
 * starts afresh. A font is known by its size and its head table's checksum adjustment, which covers every
 * byte of it. Without ZINE_CACHE (tests running the sources) every subset is made.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../9-write/atomicWrite.js';
import { keptPath } from '../9-write/keptMap.js';

interface Subset {
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
}
interface SubsettableFont {
  createSubset(): Subset;
  directory: { tables: Record<string, unknown> };
  stream: { buffer: Uint8Array };
  _getTableStream(tag: string): { readUInt32BE(): number } | null;
}

/** What fontkit's subset offers pdfkit: glyph numbers, CFF or not, the bytes. */
export class KeptSubset implements Subset {
  readonly glyphs: number[] = [];
  readonly mapping: Record<number, number> = {};
  /** pdfkit embeds a subset with `cff` as CIDFontType0C: known from the table directory, not decoded. */
  readonly cff: true | undefined;

  constructor(
    private readonly font: SubsettableFont,
    private readonly dir: string,
  ) {
    this.cff = font.directory.tables['CFF '] ? true : undefined;
    this.includeGlyph(0); // fontkit's subsets always start with the missing glyph
  }

  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'object' ? glyph.id : glyph;
    if (this.mapping[id] === undefined) {
      this.glyphs.push(id);
      this.mapping[id] = this.glyphs.length - 1;
    }
    return this.mapping[id];
  }

  encode(): Uint8Array {
    const font = fontKey(this.font);
    const file = join(this.dir, `${createHash('sha256').update(`${font} ${this.glyphs.join(',')}`).digest('hex').slice(0, 32)}.bin`);
    try {
      return readFileSync(file);
    } catch {
      // not kept yet: made below
    }
    const subset = this.font.createSubset();
    for (const g of this.glyphs) subset.includeGlyph(g);
    const bytes = subset.encode();
    try {
      writeAtomic(file, bytes);
    } catch {
      // a read-only checkout: made again next time
    }
    return bytes;
  }
}

/** A font as its kept files know it: its size and its head table's checksum adjustment. */
export function fontKey(font: Pick<SubsettableFont, 'stream' | '_getTableStream'>): string {
  const head = font._getTableStream('head');
  head?.readUInt32BE(); // version
  head?.readUInt32BE(); // fontRevision
  return `${font.stream.buffer.length}.${head ? head.readUInt32BE() : 'none'}`;
}

/** The folder of kept subsets, or none (every subset made). */
export function subsetCacheDir(): string | undefined {
  return keptPath('font-subsets');
}
