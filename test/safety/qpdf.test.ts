/**
 * The qpdf check the safety suite relies on (QPDF as WebAssembly): it must accept a clean PDF and
 * refuse what qpdf refuses or warns about, or every "passes qpdf --check" test says nothing.
 * The PDFs are written by hand here, offsets counted, so nothing of zine is involved.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cleanup, qpdfCheck, qpdfCheckBytes, qpdfRun, tempDir } from './helpers.js';

/** A one-page PDF 1.4 with a classic xref table; `size` overrides the trailer's /Size (5 is right). */
function handMadePdf(size = 5): Buffer {
  const content = '0 0 1 rg 10 10 100 100 re f';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

afterAll(cleanup);

describe('qpdfCheck (qpdf --check as WebAssembly)', () => {
  it('accepts a clean PDF, and qpdf says so', async () => {
    const r = await qpdfRun(handMadePdf());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('PDF Version: 1.4');
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
    const file = join(tempDir('zine-qpdf-'), 'clean.pdf');
    writeFileSync(file, handMadePdf());
    await expect(qpdfCheck(file)).resolves.toBeUndefined();
  });

  it('refuses a truncated PDF file (qpdf error, exit 2)', async () => {
    const whole = handMadePdf();
    const file = join(tempDir('zine-qpdf-'), 'truncated.pdf');
    writeFileSync(file, whole.subarray(0, whole.length - 30)); // cut inside the xref table
    await expect(qpdfCheck(file)).rejects.toThrow(/exited 2:[\s\S]*startxref/);
    await expect(qpdfCheckBytes(whole.subarray(0, whole.length >> 1))).rejects.toThrow(/exited 2/);
    await expect(qpdfCheckBytes(Buffer.from('not a PDF at all\n'))).rejects.toThrow(/exited 2/);
  });

  it('refuses a PDF qpdf only warns about (exit 3): warnings fail too', async () => {
    const r = await qpdfRun(handMadePdf(9));
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/WARNING: .*reported number of objects \(9\)/);
    await expect(qpdfCheckBytes(handMadePdf(9))).rejects.toThrow(/exited 3/);
  });

  it('fails, never skips, when the qpdf WebAssembly cannot be loaded', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {}); // the module reports it on the console too
    try {
      await expect(qpdfRun(handMadePdf(), join(tempDir('zine-qpdf-'), 'missing.wasm'))).rejects.toThrow(/missing\.wasm/);
    } finally {
      quiet.mockRestore();
    }
  });

  it('leaves the test process exit code alone (qpdf exits with 2 or 3 inside it)', async () => {
    const saved = process.exitCode;
    process.exitCode = 0;
    try {
      await qpdfRun(handMadePdf(9));
      await qpdfRun(Buffer.from('not a PDF'));
      expect(process.exitCode).toBe(0);
    } finally {
      process.exitCode = saved;
    }
  });
});
