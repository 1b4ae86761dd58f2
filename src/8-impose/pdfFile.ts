/**
 * A small PDF reader, enough for imposition to copy a page's objects as they are: objects are
 * found through the cross-reference data (classic tables, cross-reference streams, object streams,
 * incremental updates), and only dictionaries are parsed, never stream data. Each token keeps its
 * raw text, so what is copied is written back byte for byte, only references renumbered.
 *
 * Anything it does not handle (encryption, a damaged xref, a filter other than FlateDecode where
 * it must decode) throws Unsupported, and PdfFile.open returns null: the caller uses pdf-lib then.
 */
import { inflateSync } from 'node:zlib';

/** A number, name, string, true, false or null, as written in the file. */
export class PdfToken {
  constructor(readonly raw: string) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
/** Keys are names as written, without the slash. */
export class PdfDict extends Map<string, PdfValue> {}
export type PdfValue = PdfToken | PdfRef | PdfDict | PdfValue[];
/** A stream: its dictionary and its data, as stored (still encoded). */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly data: Uint8Array,
  ) {}
}
export type PdfObject = PdfValue | PdfStream;

/** What this reader does not handle: callers fall back to pdf-lib. */
export class Unsupported extends Error {}
const refuse = (why: string): never => {
  throw new Unsupported(why);
};

// Character classes of PDF syntax (ISO 32000 7.2.2).
const REGULAR = 0;
const WHITE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = WHITE;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = DELIMITER;

const [SLASH, OPEN_PAREN, CLOSE_PAREN, LESS, GREATER, OPEN_BRACKET, CLOSE_BRACKET, BACKSLASH] = [...'/()<>[]\\'].map((c) => c.charCodeAt(0));

const XREF_ENTRIES = /^(\d{10} \d{5} [nf](\r\n| \r| \n))*$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const INTEGER = /^\d+$/;

/** Reads PDF values from bytes; tokens become text one char per byte (latin1), as they are written back. */
export class Lexer {
  readonly bytes: Buffer;

  constructor(
    bytes: Uint8Array,
    public pos = 0,
  ) {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  text(start: number, end: number): string {
    return this.bytes.toString('latin1', start, end);
  }

  /** The bytes from here are `word`. */
  at(word: string): boolean {
    return this.text(this.pos, this.pos + word.length) === word;
  }

  /** Skips whitespace and comments. */
  skip(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (CLASS[c] === WHITE) this.pos++;
      else if (c === 37 /* % */) while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      else return;
    }
  }

  /** The regular characters from here: a number, a keyword or a name's body. */
  word(): string {
    const start = this.pos;
    while (this.pos < this.bytes.length && CLASS[this.bytes[this.pos]] === REGULAR) this.pos++;
    return this.text(start, this.pos);
  }

  /** The next word, after whitespace. */
  keyword(): string {
    this.skip();
    return this.word();
  }

  /** The next non-negative integer. */
  int(): number {
    const w = this.keyword();
    return INTEGER.test(w) ? Number(w) : refuse(`integer expected at ${this.pos}`);
  }

  value(): PdfValue {
    this.skip();
    const b = this.bytes;
    const start = this.pos;
    switch (b[start]) {
      case SLASH:
        this.pos++;
        this.word();
        return new PdfToken(this.text(start, this.pos));
      case OPEN_PAREN:
        this.pos = literalStringEnd(b, start);
        return new PdfToken(this.text(start, this.pos));
      case LESS: {
        if (b[start + 1] === LESS) return this.dict();
        const end = b.indexOf(GREATER, start);
        if (end < 0) refuse('unterminated hex string');
        this.pos = end + 1;
        return new PdfToken(this.text(start, this.pos));
      }
      case OPEN_BRACKET: {
        this.pos++;
        const items: PdfValue[] = [];
        for (;;) {
          this.skip();
          if (b[this.pos] === CLOSE_BRACKET) break;
          items.push(this.value());
        }
        this.pos++;
        return items;
      }
    }
    const w = this.word();
    if (INTEGER.test(w)) return this.refAfter(w) ?? new PdfToken(w);
    if (NUMBER.test(w) || w === 'true' || w === 'false' || w === 'null') return new PdfToken(w);
    return refuse(`unexpected ${JSON.stringify(this.text(start, start + 10))} at ${start}`);
  }

  private dict(): PdfDict {
    this.pos += 2;
    const dict = new PdfDict();
    for (;;) {
      this.skip();
      if (this.bytes[this.pos] === GREATER && this.bytes[this.pos + 1] === GREATER) break;
      const key = this.value();
      if (!(key instanceof PdfToken) || key.raw[0] !== '/') refuse(`dictionary key expected at ${this.pos}`);
      dict.set((key as PdfToken).raw.slice(1), this.value());
    }
    this.pos += 2;
    return dict;
  }

  /** `num gen R` when the integer just read starts one; otherwise nothing is consumed. */
  private refAfter(num: string): PdfRef | undefined {
    const back = this.pos;
    const gen = this.keyword();
    if (INTEGER.test(gen) && this.keyword() === 'R') return new PdfRef(Number(num), Number(gen));
    this.pos = back;
    return undefined;
  }
}

/** Where the literal string opening at start ends: parentheses nest, a backslash escapes the next char. */
function literalStringEnd(b: Uint8Array, start: number): number {
  let depth = 0;
  for (let i = start; i < b.length; i++) {
    const c = b[i];
    if (c === BACKSLASH) i++;
    else if (c === OPEN_PAREN) depth++;
    else if (c === CLOSE_PAREN && --depth === 0) return i + 1;
  }
  return refuse('unterminated literal string');
}

/** Where an object is: at a byte offset, or in an object stream. */
type Entry = { offset: number } | { stream: number; index: number };

interface ObjectStream {
  lexer: Lexer;
  /** Object number and position in the lexer's bytes, by index. */
  objects: [number, number][];
}

export class PdfFile {
  /** The newest trailer (or cross-reference stream dictionary). */
  trailer = new PdfDict();
  private readonly entries = new Map<number, Entry>();
  private readonly objects = new Map<number, PdfObject>();
  private readonly objectStreams = new Map<number, ObjectStream>();

  private constructor(readonly bytes: Uint8Array) {}

  /** The PDF, or null when this reader cannot read it (see Unsupported). */
  static open(bytes: Uint8Array): PdfFile | null {
    try {
      const pdf = new PdfFile(bytes);
      pdf.readCrossReferences();
      pdf.checkOffsets();
      return pdf;
    } catch {
      return null;
    }
  }

  /** Object num (null when there is none, as the format says); throws Unsupported. */
  get(num: number): PdfObject {
    let obj = this.objects.get(num);
    if (obj === undefined) {
      try {
        obj = this.load(num);
      } catch (e) {
        throw e instanceof Unsupported ? e : new Unsupported(`object ${num}: ${e}`);
      }
      this.objects.set(num, obj);
    }
    return obj;
  }

  /** The value itself, references followed. */
  resolve(value: PdfObject | undefined): PdfObject | undefined {
    for (let hops = 0; value instanceof PdfRef; hops++) {
      if (hops > 32) refuse('reference loop');
      value = this.get(value.num);
    }
    return value;
  }

  dict(value: PdfValue | undefined): PdfDict {
    const v = this.resolve(value);
    return v instanceof PdfDict ? v : refuse('dictionary expected');
  }

  array(value: PdfValue | undefined): PdfValue[] {
    const v = this.resolve(value);
    return Array.isArray(v) ? v : refuse('array expected');
  }

  number(value: PdfValue | undefined): number {
    const v = this.resolve(value);
    return v instanceof PdfToken && NUMBER.test(v.raw) ? Number(v.raw) : refuse('number expected');
  }

  /** A name's text without the slash (#xx escapes decoded), or undefined for anything else. */
  name(value: PdfObject | undefined): string | undefined {
    const v = this.resolve(value);
    if (!(v instanceof PdfToken) || v.raw[0] !== '/') return undefined;
    return v.raw.slice(1).replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }

  /** A stream's data decoded: no filter, or FlateDecode with or without a PNG predictor. */
  decode({ dict, data }: PdfStream): Uint8Array {
    const filter = this.resolve(dict.get('Filter'));
    const filters = filter === undefined ? [] : Array.isArray(filter) ? filter : [filter];
    if (filters.length === 0) return data;
    if (filters.length > 1 || this.name(filters[0]) !== 'FlateDecode') refuse('a filter other than FlateDecode');
    const inflated = inflateSync(data);
    let parms = this.resolve(dict.get('DecodeParms'));
    if (Array.isArray(parms)) parms = this.resolve(parms[0]);
    if (!(parms instanceof PdfDict)) return inflated;
    const predictor = parms.has('Predictor') ? this.number(parms.get('Predictor')) : 1;
    if (predictor === 1) return inflated;
    const is = (key: string, absent: number) => (parms.has(key) ? this.number(parms.get(key)) : absent);
    if (predictor < 10 || is('Colors', 1) !== 1 || is('BitsPerComponent', 8) !== 8) refuse('a predictor other than PNG on bytes');
    return unpredictPng(inflated, is('Columns', 1));
  }

  private readCrossReferences(): void {
    const at = this.lexerAt(0).bytes.lastIndexOf('startxref');
    if (at < 0) refuse('no startxref');
    const seen = new Set<number>();
    let offset: number | undefined = this.lexerAt(at + 'startxref'.length).int();
    for (let newest = true; offset !== undefined; newest = false) {
      if (seen.has(offset)) refuse('cross-reference loop');
      seen.add(offset);
      const lexer = this.lexerAt(offset);
      let trailer: PdfDict;
      if (lexer.keyword() === 'xref') {
        trailer = this.readTable(lexer);
        // A hybrid file: the objects the table leaves out are in a cross-reference stream.
        if (trailer.has('XRefStm')) this.readXrefStream(this.number(trailer.get('XRefStm')));
      } else {
        trailer = this.readXrefStream(offset);
      }
      if (trailer.has('Encrypt')) refuse('encrypted');
      if (newest) this.trailer = trailer;
      offset = trailer.has('Prev') ? this.number(trailer.get('Prev')) : undefined;
    }
  }

  /** Every offset points at its object's `num gen obj`: a damaged table is found before anything is read. */
  private checkOffsets(): void {
    for (const [num, entry] of this.entries) {
      if (!('offset' in entry)) continue;
      const lexer = this.lexerAt(entry.offset);
      if (lexer.int() !== num || !INTEGER.test(lexer.keyword()) || lexer.keyword() !== 'obj') refuse(`no object ${num} at ${entry.offset}`);
    }
  }

  /** Newer sections are read first: an entry already known stays. */
  private add(num: number, entry: Entry): void {
    if (!this.entries.has(num)) this.entries.set(num, entry);
  }

  /** A classic table, the lexer just past `xref`; returns the trailer. */
  private readTable(lexer: Lexer): PdfDict {
    for (;;) {
      lexer.skip();
      if (lexer.at('trailer')) break;
      const first = lexer.int();
      const count = lexer.int();
      lexer.skip();
      // Entries are 20 bytes: a 10-digit offset, a 5-digit generation, n or f, a 2-byte end of line.
      const entries = lexer.text(lexer.pos, lexer.pos + 20 * count);
      if (!XREF_ENTRIES.test(entries)) refuse('damaged xref table');
      for (let i = 0; i < count; i++) if (entries[i * 20 + 17] === 'n') this.add(first + i, { offset: Number(entries.slice(i * 20, i * 20 + 10)) });
      lexer.pos += 20 * count;
    }
    lexer.pos += 'trailer'.length;
    const trailer = lexer.value();
    return trailer instanceof PdfDict ? trailer : refuse('trailer expected');
  }

  /** A cross-reference stream at offset; returns its dictionary, which is the trailer. */
  private readXrefStream(offset: number): PdfDict {
    const stream = this.objectAt(offset);
    if (!(stream instanceof PdfStream) || this.name(stream.dict.get('Type')) !== 'XRef') return refuse('xref stream expected');
    const { dict } = stream;
    const widths = this.array(dict.get('W')).map((w) => this.number(w));
    if (widths.length !== 3) refuse('/W of three widths expected');
    const index = dict.has('Index') ? this.array(dict.get('Index')).map((v) => this.number(v)) : [0, this.number(dict.get('Size'))];
    const data = this.decode(stream);
    let p = 0;
    const field = (width: number, absent: number) => {
      if (width === 0) return absent;
      let v = 0;
      for (let k = 0; k < width; k++) v = v * 256 + data[p++];
      return v;
    };
    for (let s = 0; s + 1 < index.length; s += 2) {
      for (let i = 0; i < index[s + 1]; i++) {
        const type = field(widths[0], 1);
        const a = field(widths[1], 0);
        const b = field(widths[2], 0);
        if (p > data.length) refuse('xref stream too short');
        if (type === 1) this.add(index[s] + i, { offset: a });
        else if (type === 2) this.add(index[s] + i, { stream: a, index: b });
      }
    }
    return dict;
  }

  private lexerAt(offset: number): Lexer {
    return new Lexer(this.bytes, offset);
  }

  private load(num: number): PdfObject {
    const entry = this.entries.get(num);
    if (!entry) return new PdfToken('null');
    if ('offset' in entry) return this.objectAt(entry.offset, num);
    const stream = this.objectStream(entry.stream);
    const [found, pos] = stream.objects[entry.index] ?? refuse(`object ${num} not in its object stream`);
    if (found !== num) refuse(`object stream ${entry.stream} holds ${found}, not ${num}`);
    stream.lexer.pos = pos;
    return stream.lexer.value();
  }

  /** The indirect object `num gen obj` at offset (checked to be num when given). */
  private objectAt(offset: number, num?: number): PdfObject {
    const lexer = this.lexerAt(offset);
    const found = lexer.int();
    lexer.int();
    if ((num !== undefined && found !== num) || lexer.keyword() !== 'obj') refuse(`no object ${num} at ${offset}`);
    const value = lexer.value();
    lexer.skip();
    if (!lexer.at('stream')) return value;
    if (!(value instanceof PdfDict)) return refuse('stream without a dictionary');
    // The data starts after `stream` and its end of line (CR LF or LF).
    let start = lexer.pos + 'stream'.length;
    if (this.bytes[start] === 13 /* CR */) start++;
    if (this.bytes[start] === 10 /* LF */) start++;
    const length = this.number(value.get('Length'));
    const end = start + length;
    lexer.pos = end;
    if (!Number.isInteger(length) || length < 0 || end > this.bytes.length || lexer.keyword() !== 'endstream') refuse(`stream ${found}: wrong /Length`);
    return new PdfStream(value, this.bytes.subarray(start, end));
  }

  private objectStream(num: number): ObjectStream {
    let found = this.objectStreams.get(num);
    if (!found) {
      const stream = this.get(num);
      if (!(stream instanceof PdfStream) || this.name(stream.dict.get('Type')) !== 'ObjStm') return refuse(`${num} is not an object stream`);
      const lexer = new Lexer(this.decode(stream));
      const first = this.number(stream.dict.get('First'));
      const objects: [number, number][] = [];
      for (let i = this.number(stream.dict.get('N')); i > 0; i--) objects.push([lexer.int(), first + lexer.int()]);
      found = { lexer, objects };
      this.objectStreams.set(num, found);
    }
    return found;
  }
}

/** Undoes PNG prediction (one byte per pixel): each row starts with its filter type. */
function unpredictPng(data: Uint8Array, columns: number): Uint8Array {
  const rows = data.length / (columns + 1);
  if (!Number.isInteger(rows)) refuse('predicted data not in whole rows');
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (columns + 1)];
    for (let i = 0; i < columns; i++) {
      const at = r * columns + i;
      const left = i > 0 ? out[at - 1] : 0;
      const up = r > 0 ? out[at - columns] : 0;
      const upLeft = i > 0 && r > 0 ? out[at - columns - 1] : 0;
      let predicted: number;
      if (type === 0) predicted = 0;
      else if (type === 1) predicted = left;
      else if (type === 2) predicted = up;
      else if (type === 3) predicted = (left + up) >> 1;
      else if (type === 4) predicted = paeth(left, up, upLeft);
      else return refuse(`PNG filter type ${type}`);
      out[at] = (data[r * (columns + 1) + 1 + i] + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
