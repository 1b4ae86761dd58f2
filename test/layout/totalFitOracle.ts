/**
 * The cost model of total fit, as its comments describe it, computed the slow way: every sequence of
 * breaks of a paragraph is tried and the cheapest kept. Nothing here calls the code under test. Text
 * is set at 10 pt with fake metrics: a letter 5 pt, a space 2.5 pt, a space stretching by 0.6 of
 * itself (1.5 pt) and shrinking by 0.3 (0.75 pt).
 *
 * A paragraph is words of lowercase letters, `\n` after a word for a hard line break; `hyphens` gives
 * the offsets where a word may take a hyphen.
 */
export const LETTER = 5;
export const SPACE = 2.5;
export const STRETCH = 1.5;
export const SHRINK = 0.75;

export interface Rules {
  hyphenPenalty: number;
  flagged: number;
  fitness: number;
  finalHyphen: number;
  runt: number;
}
export const RULES: Rules = { hyphenPenalty: 50, flagged: 3000, fitness: 3000, finalHyphen: 100_000, runt: 100_000 };

interface Break {
  w: number;
  at: number;
  hyphen: boolean;
}

export interface Solution {
  lines: string[];
  cost: number;
}

/** A line from break a to break b: its text (with the hyphen added), natural width and number of spaces. */
function line(words: string[], a: Break, b: Break) {
  const last = b.at === 0 ? b.w - 1 : b.w;
  const parts: string[] = [];
  for (let w = a.w; w <= last; w++) {
    const from = w === a.w ? a.at : 0;
    const to = w === b.w && b.at > 0 ? b.at : words[w].length;
    parts.push(words[w].slice(from, to) + (w === b.w && b.hyphen ? '-' : ''));
  }
  const text = parts.join(' ');
  const spaces = parts.length - 1;
  return { text, spaces, natural: (text.length - spaces) * LETTER + spaces * SPACE };
}

function ratio(natural: number, spaces: number, width: number, last: boolean): number {
  if (last) return natural <= width ? 0 : spaces > 0 ? (width - natural) / (spaces * SHRINK) : -Infinity;
  if (natural < width) return spaces > 0 ? (width - natural) / (spaces * STRETCH) : Infinity;
  return spaces > 0 ? (width - natural) / (spaces * SHRINK) : natural - width < 0.01 ? 0 : -Infinity;
}

const fitnessOf = (r: number) => (r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3);

/** Every way to set one run of words (up to a hard break or the end), cheapest first. */
function segment(words: string[], hyphens: (w: string) => number[], width: number, tolerance: number, startFitness: number, rules: Rules, end: boolean, linesAbove: boolean): (Solution & { fitness: number })[] {
  const breaks: Break[] = [];
  words.forEach((word, w) => {
    for (const at of [...hyphens(word)].sort((p, q) => p - q)) breaks.push({ w, at, hyphen: true });
    breaks.push({ w: w + 1, at: 0, hyphen: false });
  });
  const out: (Solution & { fitness: number })[] = [];
  const walk = (from: number, a: Break, lines: string[], cost: number, fitness: number) => {
    for (let k = from; k < breaks.length; k++) {
      const b = breaks[k];
      const last = k === breaks.length - 1;
      const l = line(words, a, b);
      const r = ratio(l.natural, l.spaces, width, last);
      if (r < -1) break; // overfull: every later break is longer still
      if (r > tolerance) continue;
      let d = (1 + 100 * Math.abs(r) ** 3 + (b.at > 0 ? rules.hyphenPenalty : 0)) ** 2;
      if (a.hyphen && b.hyphen) d += rules.flagged;
      // The paragraph's last line (not one ended by a hard break): no hyphen before it, not a runt.
      if (last && end && a.hyphen) d += rules.finalHyphen;
      if (last && end && (linesAbove || lines.length > 0) && l.natural < 0.15 * width) d += rules.runt;
      const f = fitnessOf(r);
      if (Math.abs(f - fitness) > 1) d += rules.fitness;
      if (last) out.push({ lines: [...lines, l.text], cost: cost + d, fitness: f });
      else walk(k + 1, b, [...lines, l.text], cost + d, f);
    }
  };
  walk(0, { w: 0, at: 0, hyphen: false }, [], 0, startFitness);
  return out.sort((p, q) => p.cost - q.cost);
}

/**
 * The cheapest lines for a paragraph, or null when no set of breaks keeps every line within
 * `tolerance`. After a hard break the next run starts from the cheapest way to reach it. `tie` is
 * true when another set of breaks costs the same (to within rounding): then either may be chosen.
 */
export function cheapest(text: string, width: number, tolerance: number, hyphens: (w: string) => number[] = () => [], rules: Rules = RULES): (Solution & { tie: boolean }) | null {
  const runs = text.split('\n').map((r) => r.split(' ').filter(Boolean)).filter((r) => r.length);
  const lines: string[] = [];
  let cost = 0;
  let fitness = 1;
  let tie = false;
  for (const [k, words] of runs.entries()) {
    const all = segment(words, hyphens, width, tolerance, fitness, rules, k === runs.length - 1, k > 0);
    if (!all.length) return null;
    const [best, next] = all;
    if (next && next.cost - best.cost < 1e-6 * Math.max(1, best.cost)) tie = true;
    lines.push(...best.lines);
    cost += best.cost;
    fitness = best.fitness;
  }
  return { lines, cost, tie };
}
