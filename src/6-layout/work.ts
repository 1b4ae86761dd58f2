/**
 * Units of layout work, counted as they are done, so that tests can catch a complexity regression
 * without timing anything: the same text twice as long must cost about twice the count. Plain
 * counters (an increment each), read and reset by tests; the build never reads them.
 */
export const work = {
  /** Runs of text set into lines (paragraphs, headings, captions, labels…). */
  textsSet: 0,
  /** Pairs (active node, breakpoint) total fit has weighed. */
  breaksWeighed: 0,
  /** Cells of the links page (QR code, label, address) set. */
  linkCells: 0,
};

export function resetWork(): void {
  for (const k of Object.keys(work) as (keyof typeof work)[]) work[k] = 0;
}
