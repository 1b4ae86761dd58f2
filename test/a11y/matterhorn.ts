/**
 * The machine-checkable conditions of the Matterhorn Protocol (the PDF/UA-1 test suite) that apply to
 * a guide's PDF, by checkpoint, each returning what fails (an empty list when the PDF passes). The
 * README lists them; test/a11y runs them on a guide that is not ours and on every language of ours.
 */
import { allElements, readTagged, type StructElement, type TaggedPdf } from './pdfStructure.js';

/** ISO 32000-1 14.8.4: the standard structure types (no RoleMap needed for these). */
const STANDARD = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(' '),
);

/** Where each kind of element may stand (ISO 32000-1 14.8.4.3, tables and lists). */
const PARENTS: Record<string, string[]> = {
  TR: ['Table', 'THead', 'TBody', 'TFoot'],
  TH: ['TR'],
  TD: ['TR'],
  LI: ['L'],
  Lbl: ['LI', 'TOCI'],
  LBody: ['LI'],
  TOCI: ['TOC'],
};

export type Check = (pdf: TaggedPdf) => string[];

export const CHECKS: Record<string, Check> = {
  '01 Real content tagged: every mark is in a tagged sequence or an artifact': (pdf) =>
    pdf.pages.flatMap((p, i) => (p.untagged.length ? [`page ${i + 1}: ${p.untagged.length} drawing operators outside marked content (${[...new Set(p.untagged)].join(' ')})`] : [])),
  '01 Real content tagged: MarkInfo /Marked true, no /Suspects': (pdf) => {
    const mi = pdf.catalog.get('MarkInfo');
    const out: string[] = [];
    if (!mi.isDictionary() || !mi.get('Marked').isBoolean() || !mi.get('Marked').asBoolean()) out.push('MarkInfo /Marked is not true');
    if (mi.isDictionary() && mi.get('Suspects').isBoolean() && mi.get('Suspects').asBoolean()) out.push('MarkInfo /Suspects is true');
    if (!pdf.root) out.push('no StructTreeRoot');
    return out;
  },
  '02 Role mapping: only standard structure types': (pdf) =>
    [...new Set(allElements(pdf.root).map((e) => e.role))].filter((r) => r !== 'StructTreeRoot' && !STANDARD.has(r)).map((r) => `non-standard structure type ${r} (no RoleMap)`),
  '06 Metadata: XMP with pdfuaid:part 1 and dc:title': (pdf) => {
    const md = pdf.catalog.get('Metadata');
    if (!md.isStream()) return ['no Metadata stream in the Catalog'];
    const xmp = Buffer.from(md.readStream().asUint8Array()).toString('utf8');
    const out: string[] = [];
    if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp)) out.push('XMP has no pdfuaid:part 1');
    if (!/<dc:title>[\s\S]*<rdf:li[^>]*>[^<]+<\/rdf:li>[\s\S]*<\/dc:title>/.test(xmp)) out.push('XMP has no dc:title');
    return out;
  },
  '07 Dictionary: ViewerPreferences /DisplayDocTitle true': (pdf) => {
    const vp = pdf.catalog.get('ViewerPreferences');
    return vp.isDictionary() && vp.get('DisplayDocTitle').isBoolean() && vp.get('DisplayDocTitle').asBoolean() ? [] : ['DisplayDocTitle is not true'];
  },
  '09 Appropriate tags: table rows and cells, list items and their parts, contents entries where they belong': (pdf) => {
    const out: string[] = [];
    const walk = (e: StructElement) => {
      for (const c of e.children) {
        const allowed = PARENTS[c.role];
        if (allowed && !allowed.includes(e.role)) out.push(`${c.role} inside ${e.role}`);
        walk(c);
      }
    };
    if (pdf.root) walk(pdf.root);
    return out;
  },
  '10 Character mappings: every glyph drawn maps to Unicode': (pdf) =>
    pdf.pages.flatMap((p, i) => [...p.mcid.values(), ...p.artifacts].filter((t) => t.includes('\ufffd')).map((t) => `page ${i + 1}: unmapped glyph in "${t}"`)),
  '11 Natural language: the Catalog says the language': (pdf) => {
    const lang = pdf.catalog.get('Lang');
    return lang.isString() && lang.asString().trim() ? [] : ['no /Lang in the Catalog'];
  },
  '13 Graphics: every Figure has alternative text': (pdf) =>
    allElements(pdf.root)
      .filter((e) => e.role === 'Figure' && !(e.alt ?? '').trim())
      .map((e) => `Figure without /Alt (page ${(e.page ?? -1) + 1})`),
  '14 Headings: the first is H1, no level skipped going down': (pdf) => {
    const levels = allElements(pdf.root)
      .filter((e) => /^H[1-6]$/.test(e.role))
      .map((e) => Number(e.role[1]));
    const out: string[] = [];
    if (levels.length && levels[0] !== 1) out.push(`first heading is H${levels[0]}`);
    levels.forEach((l, i) => {
      if (i && l > levels[i - 1] + 1) out.push(`H${levels[i - 1]} followed by H${l}`);
    });
    return out;
  },
  '15 Tables: header cells say their scope': (pdf) =>
    allElements(pdf.root)
      .filter((e) => e.role === 'TH' && !e.scope)
      .map(() => 'TH without Scope'),
  '19 Notes: every Note has an ID of its own': (pdf) => {
    const ids = allElements(pdf.root)
      .filter((e) => e.role === 'Note')
      .map((e) => e.id);
    const out = ids.filter((id) => !id).map(() => 'Note without ID');
    const seen = ids.filter(Boolean);
    if (new Set(seen).size !== seen.length) out.push('Note IDs not unique');
    return out;
  },
  '28 Annotations: every link annotation is in a Link element, says where it leads, and its page has /Tabs /S': (pdf) => {
    const out: string[] = [];
    const tagged = allElements(pdf.root).flatMap((e) => e.annots.map((a) => ({ ...a, role: e.role })));
    let onPages = 0;
    for (let i = 0; i < pdf.doc.countPages(); i++) {
      const page = pdf.doc.findPage(i);
      const annots = page.get('Annots');
      if (!annots.isArray() || !annots.length) continue;
      if (!page.get('Tabs').isName() || page.get('Tabs').asName() !== 'S') out.push(`page ${i + 1} has annotations but no /Tabs /S`);
      for (let k = 0; k < annots.length; k++) {
        const a = annots.get(k);
        onPages++;
        if (a.get('Subtype').asName() !== 'Link') out.push(`page ${i + 1}: a ${a.get('Subtype').asName()} annotation`);
        if (!a.get('StructParent').isNumber()) out.push(`page ${i + 1}: link annotation without /StructParent`);
        if (!a.get('Contents').isString() || !a.get('Contents').asString().trim()) out.push(`page ${i + 1}: link annotation without /Contents`);
      }
    }
    for (const t of tagged) {
      if (t.role !== 'Link') out.push(`link annotation inside ${t.role}, not Link`);
      // The reference names the page the annotation is on (ISO 32000-1 14.7.4.3).
      if (t.pg !== undefined && t.pg !== t.onPage) out.push(`link annotation of page ${(t.onPage ?? -1) + 1} referenced on page ${t.pg + 1}`);
    }
    if (tagged.length !== onPages) out.push(`${onPages} annotations on the pages, ${tagged.length} in the structure tree`);
    return out;
  },
  '31 Fonts: every font embedded, with a ToUnicode map': (pdf) => {
    const out = new Set<string>();
    for (let i = 0; i < pdf.doc.countPages(); i++) {
      const fonts = pdf.doc.findPage(i).get('Resources').get('Font');
      if (!fonts.isDictionary()) continue;
      fonts.forEach((f, name) => {
        const d = f.get('Subtype').asName() === 'Type0' ? f.get('DescendantFonts').get(0) : f;
        const fd = d.get('FontDescriptor');
        const embedded = fd.isDictionary() && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => fd.get(k).isStream());
        if (!embedded) out.add(`font ${String(name)} (${f.get('BaseFont').asName()}) not embedded`);
        if (!f.get('ToUnicode').isStream()) out.add(`font ${String(name)} has no ToUnicode`);
      });
    }
    return [...out];
  },
};

/** Every check's failures, by check name (only the failing ones). */
export function matterhorn(bytes: Uint8Array): Record<string, string[]> {
  const pdf = readTagged(bytes);
  const failed: Record<string, string[]> = {};
  for (const [name, check] of Object.entries(CHECKS)) {
    const problems = check(pdf);
    if (problems.length) failed[name] = problems;
  }
  return failed;
}
