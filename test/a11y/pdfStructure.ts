/**
 * A tagged PDF read back as a screen reader's library would, with mupdf for the objects and a small
 * content-stream reader of our own (ISO 32000-1 7.8, 9.10, 14.6, 14.7): the structure tree with each
 * element's text (its marked-content sequences, decoded through the fonts' ToUnicode maps), the text
 * marked as artifacts, and any content drawn outside both. Nothing of src/ is used.
 */
import * as mupdf from 'mupdf';

export interface StructElement {
  role: string;
  lang?: string;
  alt?: string;
  actual?: string;
  id?: string;
  /** The attribute objects' Scope (table headers). */
  scope?: string;
  /** Text of the element and its descendants, in structure order. */
  text: string;
  children: StructElement[];
  /** Annotations referenced by OBJR, with their /Contents and subtype, the page the OBJR names and the page whose /Annots holds it. */
  annots: { subtype: string; contents?: string; structParent?: number; pg?: number; onPage?: number }[];
  /** Page index of the first content, when known. */
  page?: number;
}

export interface PageMarks {
  /** Text by MCID. */
  mcid: Map<number, string>;
  /** Text inside /Artifact sequences, in drawing order. */
  artifacts: string[];
  /** Operators that draw (text, paths, images) outside any marked content with an MCID or an artifact. */
  untagged: string[];
}

export interface TaggedPdf {
  doc: mupdf.PDFDocument;
  root: StructElement | null;
  pages: PageMarks[];
  catalog: mupdf.PDFObject;
}

type Token = { kind: 'num'; value: number } | { kind: 'name'; value: string } | { kind: 'str'; bytes: number[] } | { kind: 'op'; value: string } | { kind: 'open' } | { kind: 'close' } | { kind: 'dictOpen' } | { kind: 'dictClose' };
type Operand = number | string | { bytes: number[] } | Operand[] | { dict: Record<string, Operand> };

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

function* tokens(b: Uint8Array): Generator<Token> {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (WS.has(c)) i++;
    else if (c === 0x25) while (i < b.length && b[i] !== 0x0a && b[i] !== 0x0d) i++;
    else if (c === 0x2f) {
      let j = i + 1;
      while (j < b.length && !WS.has(b[j]) && !DELIM.has(b[j])) j++;
      yield { kind: 'name', value: Buffer.from(b.subarray(i + 1, j)).toString('latin1') };
      i = j;
    } else if (c === 0x28) {
      const bytes: number[] = [];
      let depth = 1;
      i++;
      while (i < b.length && depth > 0) {
        const d = b[i++];
        if (d === 0x5c) {
          const e = b[i++];
          const map: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
          if (e >= 0x30 && e <= 0x37) {
            let oct = String.fromCharCode(e);
            while (oct.length < 3 && b[i] >= 0x30 && b[i] <= 0x37) oct += String.fromCharCode(b[i++]);
            bytes.push(parseInt(oct, 8));
          } else if (e === 0x0a || e === 0x0d) continue;
          else bytes.push(map[e] ?? e);
        } else {
          if (d === 0x28) depth++;
          if (d === 0x29 && --depth === 0) break;
          bytes.push(d);
        }
      }
      yield { kind: 'str', bytes };
    } else if (c === 0x3c && b[i + 1] === 0x3c) {
      yield { kind: 'dictOpen' };
      i += 2;
    } else if (c === 0x3e && b[i + 1] === 0x3e) {
      yield { kind: 'dictClose' };
      i += 2;
    } else if (c === 0x3c) {
      const j = b.indexOf(0x3e, i);
      const hex = Buffer.from(b.subarray(i + 1, j)).toString('latin1').replace(/\s/g, '');
      const bytes: number[] = [];
      for (let k = 0; k < hex.length; k += 2) bytes.push(parseInt(hex.slice(k, k + 2).padEnd(2, '0'), 16));
      yield { kind: 'str', bytes };
      i = j + 1;
    } else if (c === 0x5b || c === 0x5d) {
      yield { kind: c === 0x5b ? 'open' : 'close' };
      i++;
    } else {
      let j = i;
      while (j < b.length && !WS.has(b[j]) && !DELIM.has(b[j])) j++;
      if (j === i) j++;
      const word = Buffer.from(b.subarray(i, j)).toString('latin1');
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) yield { kind: 'num', value: Number(word) };
      else yield { kind: 'op', value: word };
      i = j;
    }
  }
}

/** A font's ToUnicode CMap: code (as bytes joined) -> text. Codes are `width` bytes long. */
function toUnicode(stream: Uint8Array): { width: number; map: Map<number, string> } {
  const s = Buffer.from(stream).toString('latin1');
  const map = new Map<number, string>();
  let width = 1;
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) {
      width = m[1].length / 2;
      map.set(parseInt(m[1], 16), utf16(m[2].replace(/\s/g, '')));
    }
  }
  for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      width = m[1].length / 2;
      const lo = parseInt(m[1], 16);
      const hi = parseInt(m[2], 16);
      if (m[3].startsWith('[')) {
        // Hex strings may hold spaces (PDF 7.3.4.3): pdfkit writes a ligature's two code points as <0644 0627>.
        const list = [...m[3].matchAll(/<([0-9a-fA-F\s]+)>/g)].map((x) => x[1].replace(/\s/g, ''));
        list.forEach((hex, k) => map.set(lo + k, utf16(hex)));
      } else {
        const base = Buffer.from(m[3].slice(1, -1), 'hex');
        for (let code = lo; code <= hi; code++) {
          const dst = Buffer.from(base);
          dst.writeUInt16BE(dst.readUInt16BE(dst.length - 2) + (code - lo), dst.length - 2);
          map.set(code, dst.swap16().toString('utf16le'));
        }
      }
    }
  }
  return { width, map };
}

const DRAWING = new Set(['f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'Do', 'sh', 'Tj', 'TJ', "'", '"']);

/** What a page's content stream draws, by marked-content sequence. */
function pageMarks(page: mupdf.PDFObject): PageMarks {
  const contents = page.get('Contents');
  const parts: Uint8Array[] = [];
  if (contents.isArray()) for (let i = 0; i < contents.length; i++) parts.push(contents.get(i).readStream().asUint8Array());
  else parts.push(contents.readStream().asUint8Array());
  const fonts = new Map<string, { width: number; map: Map<number, string> } | null>();
  const fontRes = page.get('Resources').get('Font');
  const fontOf = (name: string) => {
    if (!fonts.has(name)) {
      const tu = fontRes.get(name).get('ToUnicode');
      fonts.set(name, tu.isStream() ? toUnicode(tu.readStream().asUint8Array()) : null);
    }
    return fonts.get(name) ?? null;
  };
  const marks: PageMarks = { mcid: new Map(), artifacts: [], untagged: [] };
  // A sequence with /ActualText stands for its glyphs: its text replaces theirs (mirrored brackets).
  const stack: { tag: string; mcid?: number; actual?: string }[] = [];
  const textOf = (o: Operand | undefined) => {
    if (!o || typeof o !== 'object' || !('bytes' in o)) return undefined;
    const b = Buffer.from(o.bytes);
    return b[0] === 0xfe && b[1] === 0xff ? b.subarray(2).swap16().toString('utf16le') : b.toString('latin1');
  };
  const addText = (inside: { mcid?: number; tag: string } | undefined, text: string) => {
    if (!inside) return;
    if (inside.mcid !== undefined) marks.mcid.set(inside.mcid, (marks.mcid.get(inside.mcid) ?? '') + text);
    else if (text) marks.artifacts.push(text);
  };
  let operands: Operand[] = [];
  // Arrays and dictionaries being read (a dictionary as its keys and values in a row until it closes).
  const nested: Operand[][] = [];
  let font: ReturnType<typeof fontOf> = null;
  const decode = (bytes: number[]) => {
    if (!font) return '?';
    let out = '';
    for (let k = 0; k + font.width <= bytes.length; k += font.width) {
      let code = 0;
      for (let q = 0; q < font.width; q++) code = code * 256 + bytes[k + q];
      out += font.map.get(code) ?? '\ufffd';
    }
    return out;
  };
  const push = (v: Operand) => (nested.length ? nested[nested.length - 1].push(v) : operands.push(v));
  const dict = (row: Operand[]) => {
    const d: Record<string, Operand> = {};
    for (let k = 0; k + 1 < row.length; k += 2) d[row[k] as string] = row[k + 1];
    return { dict: d };
  };
  for (const part of parts) {
    for (const t of tokens(part)) {
      if (t.kind === 'num') push(t.value);
      else if (t.kind === 'name') push(t.value);
      else if (t.kind === 'str') push({ bytes: t.bytes });
      else if (t.kind === 'open' || t.kind === 'dictOpen') nested.push([]);
      else if (t.kind === 'close') push(nested.pop()!);
      else if (t.kind === 'dictClose') push(dict(nested.pop()!));
      else {
        const op = t.value;
        const inside = [...stack].reverse().find((m) => m.mcid !== undefined || m.tag === 'Artifact');
        if (op === 'BDC' || op === 'BMC') {
          const props = operands[1] as { dict?: Record<string, Operand> } | undefined;
          const mcid = props?.dict?.MCID;
          const actual = textOf(props?.dict?.ActualText);
          stack.push({ tag: operands[0] as string, ...(typeof mcid === 'number' ? { mcid } : {}), ...(actual !== undefined ? { actual } : {}) });
        } else if (op === 'EMC') {
          const closed = stack.pop();
          if (closed?.actual !== undefined) addText([...stack].reverse().find((m) => m.mcid !== undefined || m.tag === 'Artifact'), closed.actual);
        }
        else if (op === 'Tf') font = fontOf(operands[0] as string);
        else if (DRAWING.has(op)) {
          let text = '';
          if (op === 'TJ') for (const x of operands[0] as Operand[]) text += typeof x === 'object' && 'bytes' in x ? decode(x.bytes) : '';
          else if (op === 'Tj' || op === "'" || op === '"') text = decode((operands[operands.length - 1] as { bytes: number[] }).bytes);
          if (!inside) marks.untagged.push(op);
          else if (!stack.some((m) => m.actual !== undefined)) addText(inside, text);
        }
        operands = [];
      }
    }
  }
  return marks;
}

const str = (o: mupdf.PDFObject) => (o.isString() ? o.asString() : undefined);

/** Open a PDF and read its structure tree, each page's marked content, and its catalog. */
export function readTagged(bytes: Uint8Array): TaggedPdf {
  const doc = mupdf.PDFDocument.openDocument(bytes, 'application/pdf') as mupdf.PDFDocument;
  const pageNumbers = new Map<number, number>();
  const pages: PageMarks[] = [];
  const annotPages = new Map<number, number>();
  for (let i = 0; i < doc.countPages(); i++) {
    const p = doc.findPage(i);
    pageNumbers.set(p.asIndirect(), i);
    pages.push(pageMarks(p));
    const annots = p.get('Annots');
    if (annots.isArray()) for (let k = 0; k < annots.length; k++) annotPages.set(annots.get(k).asIndirect(), i);
  }
  const catalog = doc.getTrailer().get('Root');
  const treeRoot = catalog.get('StructTreeRoot');
  const element = (e: mupdf.PDFObject, inheritedPage?: number): StructElement => {
    const pg = e.get('Pg');
    const page = pg.isNull() ? inheritedPage : pageNumbers.get(pg.asIndirect());
    const out: StructElement = { role: e.get('S').asName(), text: '', children: [], annots: [] };
    if (page !== undefined) out.page = page;
    for (const [key, field] of [['Alt', 'alt'], ['ActualText', 'actual'], ['ID', 'id'], ['Lang', 'lang']] as const) {
      const v = str(e.get(key));
      if (v !== undefined) out[field] = v;
    }
    const a = e.get('A');
    const attrs = a.isArray() ? Array.from({ length: a.length }, (_, k) => a.get(k)) : a.isNull() ? [] : [a];
    for (const attr of attrs) if (attr.get('Scope').isName()) out.scope = attr.get('Scope').asName();
    const kids = e.get('K');
    const list = kids.isArray() ? Array.from({ length: kids.length }, (_, k) => kids.get(k)) : kids.isNull() ? [] : [kids];
    for (const k of list) {
      if (k.isNumber()) out.text += pages[page!]?.mcid.get(k.asNumber()) ?? '';
      else if (k.get('Type').isName() && k.get('Type').asName() === 'MCR') out.text += pages[pageNumbers.get(k.get('Pg').asIndirect())!]?.mcid.get(k.get('MCID').asNumber()) ?? '';
      else if (k.get('Type').isName() && k.get('Type').asName() === 'OBJR') {
        const obj = k.get('Obj');
        const pg = k.get('Pg');
        out.annots.push({
          subtype: obj.get('Subtype').asName(),
          contents: str(obj.get('Contents')),
          ...(obj.get('StructParent').isNumber() ? { structParent: obj.get('StructParent').asNumber() } : {}),
          ...(pg.isNull() ? {} : { pg: pageNumbers.get(pg.asIndirect()) }),
          onPage: annotPages.get(obj.asIndirect()),
        });
      } else {
        const child = element(k, page);
        out.children.push(child);
        out.text += child.text;
      }
    }
    return out;
  };
  let root: StructElement | null = null;
  if (treeRoot.isDictionary()) {
    const k = treeRoot.get('K');
    const top = k.isArray() ? Array.from({ length: k.length }, (_, i) => element(k.get(i))) : [element(k)];
    root = top.length === 1 ? top[0] : { role: 'StructTreeRoot', text: top.map((t) => t.text).join(''), children: top, annots: [] };
  }
  return { doc, root, pages, catalog };
}

/** Every element of the tree, depth first (reading order). */
export function allElements(e: StructElement | null): StructElement[] {
  return e ? [e, ...e.children.flatMap(allElements)] : [];
}
