/**
 * Imposition: turn a PDF of finished pages (in reading order) into sheets
 * ready for duplex printing, folding and binding. Where each page goes is an
 * imposition plan's business (src/8-impose/plans/, plain data, see plan.ts);
 * the pages are placed as Form XObjects, so nothing is re-laid-out: the sheets
 * show exactly the pages that were rendered.
 *
 * Our own reader and writer do it (imposeByCopy.ts) in a few ms; a PDF they
 * cannot read goes through pdf-lib, loaded only then.
 */
import { imposeByCopy } from './imposeByCopy.js';
import type { ImposeOptions } from './sides.js';

export { SHEET_SIZES, type SheetName } from './sheets.js';
export type { ImposeOptions, SheetSize } from './sides.js';

export async function imposeBooklet(input: Uint8Array, options: ImposeOptions = {}): Promise<Uint8Array> {
  const copied = imposeByCopy(input, options);
  if (copied) return copied;
  const { imposeWithPdfLib } = await import('./imposeWithPdfLib.js');
  return imposeWithPdfLib(input, options);
}
