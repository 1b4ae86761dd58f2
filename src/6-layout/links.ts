// The encoder alone: the package's entry also loads its PNG, SVG and terminal renderers (and a PNG
// library) at every start, for nothing here.
import * as QRCode from 'qrcode/lib/core/qrcode.js';

export function displayUrl(url: string): string {
  return url.replace(/^mailto:/, '').replace(/^https?:\/\//, '').replace(/\/$/, '');
}

/** Whether a link's text is its own address (`[example.org](https://example.org/)`), whatever its case. */
export function showsUrl(text: string, url: string): boolean {
  const bare = (s: string) => displayUrl(s.trim()).replace(/^www\./i, '').toLowerCase();
  return bare(text) === bare(url);
}

/**
 * Where an address's scheme and domain end, in characters (`https://` and `https://example.org`):
 * a URL breaks after its scheme or in its path, never inside its domain.
 */
export function urlShape(text: string): { scheme: number; host: number } {
  const m = /^([a-z][a-z0-9+.-]*:(?:\/\/)?)?([^/?#]*)/i.exec(text)!;
  const scheme = m[1] && m[1].endsWith('//') ? [...m[1]].length : 0;
  // mailto: and the like have no path: the whole address is one piece.
  return { scheme, host: m[1] && !m[1].endsWith('//') ? [...text].length : scheme + [...m[2]].length };
}

/** QR code modules (true = dark), error correction M: readable from a photocopy. */
const memo = new Map<string, boolean[][]>();
/** Codes made by this run, not read back from an earlier one: what a cache between runs lacks. */
const made = new Set<string>();

export function qrModules(text: string): boolean[][] {
  const known = memo.get(text);
  if (known) return known;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const rows: boolean[][] = [];
  for (let y = 0; y < n; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < n; x++) row.push(Boolean(qr.modules.get(x, y)));
    rows.push(row);
  }
  memo.set(text, rows);
  made.add(text);
  return rows;
}

/**
 * The codes to keep between runs (choosing a code's mask takes a twentieth of a build), each as rows of
 * 0 and 1; null when none was made since the last call.
 */
export function qrCodesToKeep(): Record<string, string[]> | null {
  if (!made.size) return null;
  made.clear(); // kept once: the next edition of the run keeps only what it adds
  return Object.fromEntries([...memo].map(([text, rows]) => [text, rows.map((r) => r.map((m) => (m ? '1' : '0')).join(''))]));
}

/**
 * Codes kept by an earlier run, read back as known. Anything that is not a square of 0 and 1 of a QR
 * code's size (21 to 177 modules, by 4) is left out: that code is made again.
 */
export function rememberQrCodes(kept: unknown): void {
  if (!kept || typeof kept !== 'object') return;
  for (const [text, rows] of Object.entries(kept)) {
    if (!Array.isArray(rows)) continue;
    const n = rows.length;
    if (n < 21 || n > 177 || (n - 17) % 4 !== 0 || !rows.every((r) => typeof r === 'string' && r.length === n && /^[01]+$/.test(r))) continue;
    if (!memo.has(text)) memo.set(text, (rows as string[]).map((r) => [...r].map((c) => c === '1')));
  }
}
