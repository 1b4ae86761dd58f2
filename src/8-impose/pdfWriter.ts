/**
 * Writes a fresh PDF: objects numbered from 1, a classic cross-reference table, a trailer with
 * /Size /Root /Info (no /ID: the same input gives the same bytes).
 */
import { PdfDict, PdfRef, PdfToken, type PdfValue } from './pdfFile.js';

interface WrittenObject {
  /** The object; for a stream, its dictionary's entries but /Length, which is added. */
  text: string;
  data?: Uint8Array;
}

export class PdfWriter {
  private readonly objects: (WrittenObject | undefined)[] = [];

  /** A number for an object written later with set(). */
  reserve(): number {
    this.objects.push(undefined);
    return this.objects.length;
  }

  /** Object num: text, or a stream of data whose dictionary has the entries text (but /Length). */
  set(num: number, text: string, data?: Uint8Array): void {
    this.objects[num - 1] = { text, data };
  }

  add(text: string, data?: Uint8Array): number {
    const num = this.reserve();
    this.set(num, text, data);
    return num;
  }

  toBytes(root: number, info: number): Uint8Array {
    const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let length = chunks[0].length;
    const push = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
    };
    const offsets: number[] = [];
    for (const [i, obj] of this.objects.entries()) {
      if (!obj) throw new Error(`PdfWriter: object ${i + 1} reserved but never written`);
      offsets.push(length);
      if (obj.data) {
        push(Buffer.from(`${i + 1} 0 obj\n<<${obj.text}/Length ${obj.data.length}>>\nstream\n`, 'latin1'));
        push(Buffer.from(obj.data.buffer, obj.data.byteOffset, obj.data.byteLength));
        push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
      } else {
        push(Buffer.from(`${i + 1} 0 obj\n${obj.text}\nendobj\n`, 'latin1'));
      }
    }
    const size = this.objects.length + 1;
    const table = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
    push(Buffer.from(`xref\n0 ${size}\n0000000000 65535 f \n${table}trailer\n<</Size ${size}/Root ${root} 0 R/Info ${info} 0 R>>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(chunks, length);
  }
}

/** A value as PDF text, its tokens as they were read, each reference given its new number. */
export function serialize(value: PdfValue, renumber: (ref: PdfRef) => number): string {
  if (value instanceof PdfToken) return value.raw;
  if (value instanceof PdfRef) return `${renumber(value)} 0 R`;
  if (Array.isArray(value)) return `[${value.map((v) => serialize(v, renumber)).join(' ')}]`;
  return `<<${dictEntries(value, renumber)}>>`;
}

/** A dictionary's entries as PDF text, without the brackets; `except` left out. */
export function dictEntries(dict: PdfDict, renumber: (ref: PdfRef) => number, except?: string): string {
  let text = '';
  for (const [key, v] of dict) if (key !== except) text += `/${key} ${serialize(v, renumber)}`;
  return text;
}
