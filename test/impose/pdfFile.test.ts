/**
 * The PDF reader on small PDFs written out by hand here: the expected values are the text written,
 * and the offsets are counted by these helpers, not by the code under test.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PdfDict, PdfFile, PdfRef, PdfStream, PdfToken, Unsupported } from '../../src/8-impose/pdfFile.js';
import { serialize } from '../../src/8-impose/pdfWriter.js';
import { classic, obj, stream } from './helpers.js';

const PAGE = '<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 300]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>';
const CONTENT = 'BT /F1 12 Tf 10 10 Td (endstream) Tj ET';
// Parentheses nest, a backslash escapes the next char (here a parenthesis, a backslash, a newline).
const TITLE = '(A (nested) string with \\) and \\\\ and \\( and \\\nnewline)';

const basic = () =>
  classic(
    {
      1: '<</Type/Catalog/Pages 2 0 R>>',
      2: '<</Type/Pages/Kids[3 0 R]/Count 1>>',
      3: PAGE,
      4: stream('/Length 6 0 R', CONTENT),
      5: `<< /Title ${TITLE} /Hex <48656C6C6F> /Arr [ 1 0 R 2.5 -3 /Name#20x [ << /Deep 4 0 R /Deeper << /Ref 3 0 R >> >> ] ] /T true /F false /N null >>`,
      6: String(CONTENT.length),
    },
    '<</Size 7/Root 1 0 R>>',
  );

describe('reading a PDF by its cross-reference table', () => {
  it('reads literal strings, hex strings, names, numbers and references in nested arrays and dicts, as written', () => {
    const pdf = PdfFile.open(basic())!;
    expect(pdf).not.toBeNull();
    const dict = pdf.get(5) as PdfDict;
    expect((dict.get('Title') as PdfToken).raw).toBe(TITLE);
    expect((dict.get('Hex') as PdfToken).raw).toBe('<48656C6C6F>');
    const [ref, n1, n2, name, [inner]] = dict.get('Arr') as [PdfRef, PdfToken, PdfToken, PdfToken, PdfDict[]];
    expect(ref).toEqual(new PdfRef(1, 0));
    expect([n1.raw, n2.raw, name.raw]).toEqual(['2.5', '-3', '/Name#20x']);
    expect(pdf.name(name)).toBe('Name x');
    expect(inner.get('Deep')).toEqual(new PdfRef(4, 0));
    expect((inner.get('Deeper') as PdfDict).get('Ref')).toEqual(new PdfRef(3, 0));
    expect(['T', 'F', 'N'].map((k) => (dict.get(k) as PdfToken).raw)).toEqual(['true', 'false', 'null']);
  });

  it('writes values back token for token, references renumbered', () => {
    const pdf = PdfFile.open(basic())!;
    const text = serialize(pdf.get(5) as PdfDict, (r) => r.num + 100);
    expect(text).toContain(`/Title ${TITLE}`);
    expect(text).toContain('/Arr [101 0 R 2.5 -3 /Name#20x [<</Deep 104 0 R/Deeper <</Ref 103 0 R>>>>]]');
  });

  it('reads a stream whose /Length is an indirect object, data that says endstream included', () => {
    const s = PdfFile.open(basic())!.get(4);
    expect(s).toBeInstanceOf(PdfStream);
    expect(Buffer.from((s as PdfStream).data).toString('latin1')).toBe(CONTENT);
  });

  it('follows /Prev: the newest version of an object wins, the others stay readable', () => {
    const update = classic({ 5: '<</Version (new)>>' }, `<</Size 7/Root 1 0 R/Prev ${basic().toString('latin1').match(/startxref\n(\d+)/)![1]}>>`, basic());
    const pdf = PdfFile.open(update)!;
    expect(((pdf.get(5) as PdfDict).get('Version') as PdfToken).raw).toBe('(new)');
    expect(pdf.name((pdf.get(1) as PdfDict).get('Type'))).toBe('Catalog');
  });

  it('gives null for an object that is not there, as the format says', () => {
    expect(PdfFile.open(basic())!.get(42)).toEqual(new PdfToken('null'));
  });
});

describe('reading a PDF by a cross-reference stream', () => {
  /**
   * Objects 1-3 in an object stream (7), the content stream (4) on its own, and an xref stream
   * (8) with /W [1 2 1], PNG Up prediction (Predictor 12) and an /Index of two ranges.
   */
  function compressed({ predictor = true } = {}): Buffer {
    const inStream = ['<</Type/Catalog/Pages 2 0 R>>', '<</Type/Pages/Kids[3 0 R]/Count 1>>', PAGE];
    let header = '';
    let body = '';
    for (const [i, text] of inStream.entries()) {
      header += `${i + 1} ${body.length} `;
      body += `${text}\n`;
    }
    const objStm = deflateSync(Buffer.from(header + body, 'latin1'));
    const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
    const o4 = obj(4, stream(`/Length ${CONTENT.length}`, CONTENT));
    const o7 = obj(7, stream(`/Type/ObjStm/N 3/First ${header.length}/Filter/FlateDecode/Length ${objStm.length}`, objStm));
    const xrefAt = head.length + o4.length + o7.length;
    // Rows for objects 0-4 and 7-8: type, field 2 (offset or object stream), field 3 (gen or index).
    const rows = [
      [0, 0, 255],
      [2, 7, 0],
      [2, 7, 1],
      [2, 7, 2],
      [1, head.length, 0],
      [1, head.length + o4.length, 0],
      [1, xrefAt, 0],
    ].map(([type, field2, field3]) => [type, field2 >> 8, field2 & 255, field3]);
    // PNG Up: each byte minus the one above it, each row led by its filter type (2).
    const predicted = rows.flatMap((row, r) => [2, ...row.map((b, i) => (b - (r ? rows[r - 1][i] : 0)) & 255)]);
    const data = deflateSync(Buffer.from(predictor ? predicted : rows.flat()));
    const parms = predictor ? '/DecodeParms<</Predictor 12/Columns 4>>' : '';
    const o8 = obj(8, stream(`/Type/XRef/Size 9/Index[0 5 7 2]/W[1 2 1]/Root 1 0 R/Filter/FlateDecode${parms}/Length ${data.length}`, data));
    return Buffer.concat([head, o4, o7, o8, Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`)]);
  }

  it.each([true, false])('finds objects in an object stream and on their own (predictor: %s)', (predictor) => {
    const pdf = PdfFile.open(compressed({ predictor }))!;
    expect(pdf).not.toBeNull();
    expect(pdf.name(pdf.dict(pdf.trailer.get('Root')).get('Type'))).toBe('Catalog');
    const page = pdf.get(3) as PdfDict;
    expect(page.get('Contents')).toEqual(new PdfRef(4, 0));
    expect(Buffer.from((pdf.get(4) as PdfStream).data).toString('latin1')).toBe(CONTENT);
  });

  it('reads a hybrid file: a table, and a cross-reference stream (/XRefStm) for the objects it leaves out', () => {
    const stm = compressed();
    const text = stm.toString('latin1');
    const xrefStmAt = Number(text.match(/startxref\n(\d+)/)![1]);
    const tableAt = text.lastIndexOf('startxref');
    const offset4 = String(text.indexOf('4 0 obj')).padStart(10, '0');
    const withTable = Buffer.concat([
      stm.subarray(0, tableAt),
      Buffer.from(`xref\n0 1\n0000000000 65535 f \n4 1\n${offset4} 00000 n \ntrailer\n<</Size 9/Root 1 0 R/XRefStm ${xrefStmAt}>>\nstartxref\n${tableAt}\n%%EOF\n`, 'latin1'),
    ]);
    const pdf = PdfFile.open(withTable)!;
    expect(pdf).not.toBeNull();
    expect((pdf.get(3) as PdfDict).get('Contents')).toEqual(new PdfRef(4, 0));
    expect(Buffer.from((pdf.get(4) as PdfStream).data).toString('latin1')).toBe(CONTENT);
  });
});

describe('what the reader refuses, with null rather than an exception', () => {
  it('an encrypted PDF', () => {
    const encrypted = classic({ 1: '<</Type/Catalog>>', 2: '<</Filter/Standard/V 1/R 2>>' }, '<</Size 3/Root 1 0 R/Encrypt 2 0 R>>');
    expect(PdfFile.open(encrypted)).toBeNull();
  });

  it('a table whose offsets are wrong, or that is damaged, or no startxref', () => {
    const good = basic().toString('latin1');
    expect(PdfFile.open(basic())).not.toBeNull();
    const shifted = good.replace(/(\d{10}) 00000 n/g, (_, o: string) => `${String(Number(o) + 3).padStart(10, '0')} 00000 n`);
    expect(PdfFile.open(Buffer.from(shifted, 'latin1'))).toBeNull();
    expect(PdfFile.open(Buffer.from(good.replace(' 00000 n', ' 00000 x'), 'latin1'))).toBeNull();
    expect(PdfFile.open(Buffer.from(good.replace('startxref', 'startxreF'), 'latin1'))).toBeNull();
    // A table that says it has more entries than it has.
    expect(PdfFile.open(Buffer.from(good.replace('xref\n0 1\n', 'xref\n0 2\n'), 'latin1'))).toBeNull();
  });

  it('a stream whose /Length is wrong', () => {
    const wrong = classic({ 1: '<</Type/Catalog>>', 4: stream('/Length 5', CONTENT) }, '<</Size 5/Root 1 0 R>>');
    expect(() => PdfFile.open(wrong)!.get(4)).toThrow(Unsupported);
  });

  it('decoding a filter other than FlateDecode', () => {
    const hex = classic({ 1: stream('/Length 4/Filter/ASCIIHexDecode', '414>') }, '<</Size 2/Root 1 0 R>>');
    const pdf = PdfFile.open(hex)!;
    expect(() => pdf.decode(pdf.get(1) as PdfStream)).toThrow(Unsupported);
  });
});
