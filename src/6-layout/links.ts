import QRCode from 'qrcode';

export function displayUrl(url: string): string {
  return url.replace(/^mailto:/, '').replace(/^https?:\/\//, '').replace(/\/$/, '');
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
