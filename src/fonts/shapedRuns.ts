/**
 * Shaped runs kept between builds. The display and Arabic faces go through fontkit's OpenType shaping
 * (fontMetrics.ts): on this machine 25 ms of a French build (70 headings' words) and 200 ms of an Arabic
 * one (500 words), the same answers at every run. A run is kept as plain data (glyph ids, the characters
 * each glyph stands for, positions, direction) in one file per font, beside the kept font subsets: the
 * bundle's folder, so a new version of the code or of fontkit starts afresh. Without ZINE_CACHE (tests
 * running the sources) nothing is kept.
 *
 * A glyph's characters are those of its own use in the run (fontMetrics.ts shapes with per-use glyphs),
 * never those of the glyph's first use in the process: a kept run and a fresh one are the same run
 * whatever was shaped before.
 */
import { KeptMap, keptPath } from '../9-write/keptMap.js';

/** One run as kept: direction, glyph ids, each glyph's characters, positions (4 numbers per glyph). */
type KeptRun = [direction: string, ids: number[], chars: string[], positions: number[]];

export interface RunData {
  direction?: 'ltr' | 'rtl';
  ids: number[];
  codePoints: number[][];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
}

/** The kept runs of one font (a KeptMap of plain data), as runs. */
export class KeptRuns {
  private readonly runs: KeptMap<KeptRun>;

  /** `fontKey`: the font as its kept files know it (subsetCache.ts fontKey). */
  constructor(fontKey: string) {
    this.runs = new KeptMap(keptPath('shaped-runs', `${fontKey}.json`), valid);
  }

  get(text: string): RunData | undefined {
    const kept = this.runs.get(text);
    if (!kept) return undefined;
    const [direction, ids, chars, flat] = kept;
    return {
      ...(direction ? { direction: direction as 'ltr' | 'rtl' } : {}),
      ids,
      codePoints: chars.map((c) => [...c].map((ch) => ch.codePointAt(0)!)),
      positions: ids.map((_, i) => ({ xAdvance: flat[4 * i], yAdvance: flat[4 * i + 1], xOffset: flat[4 * i + 2], yOffset: flat[4 * i + 3] })),
    };
  }

  set(text: string, run: RunData): void {
    const flat = run.positions.flatMap((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]);
    this.runs.set(text, [run.direction ?? '', run.ids, run.codePoints.map((cps) => String.fromCodePoint(...cps)), flat]);
  }

  save(): void {
    this.runs.save();
  }
}

/** A kept run as a later version of this file might not write it: refused, and shaped again. */
function valid(r: unknown): r is KeptRun {
  if (!Array.isArray(r) || r.length !== 4) return false;
  const [direction, ids, chars, flat] = r as unknown[];
  return (
    typeof direction === 'string' &&
    Array.isArray(ids) &&
    ids.every((id) => Number.isInteger(id)) &&
    Array.isArray(chars) &&
    chars.length === ids.length &&
    chars.every((c) => typeof c === 'string') &&
    Array.isArray(flat) &&
    flat.length === 4 * ids.length &&
    flat.every((n) => typeof n === 'number')
  );
}
