import QRCode from 'qrcode';

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
  return rows;
}
