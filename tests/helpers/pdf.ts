import { inflateSync } from 'node:zlib';

/*
 * Reading back what pdfkit drew, without a PDF parser (none is installed): pdfkit writes each
 * page's text as deflated content streams of `x y Tm /Fn size Tf [<hex>] TJ`, WinAnsi-encoded.
 */

/** One run of text pdfkit drew: page (content stream), position, bold or not, the text. */
export interface PdfRun {
  page: number;
  x: number;
  y: number;
  bold: boolean;
  text: string;
}

/** The text runs of a pdfkit PDF: inflate each content stream, read `x y Tm`, font and hex strings (WinAnsi ≈ latin1). */
export function pdfRuns(pdf: Buffer): PdfRun[] {
  const out: PdfRun[] = [];
  const raw = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  let page = 0;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let body: Buffer;
    try {
      body = inflateSync(pdf.subarray(start, end));
    } catch {
      continue; // not a deflated stream (fonts, images)
    }
    const text = body.toString('latin1');
    if (!text.includes(' TJ')) continue;
    page++;
    for (const r of text.matchAll(/1 0 0 1 ([\d.]+) ([\d.]+) Tm\s*\/F(\d+) [\d.]+ Tf\s*\[(.*?)\] TJ/g)) {
      const hex = [...r[4]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      out.push({
        page,
        x: Number(r[1]),
        y: Number(r[2]),
        bold: r[3] === '2',
        text: Buffer.from(hex, 'hex').toString('latin1'),
      });
    }
  }
  return out;
}

export const pdfText = (pdf: Buffer): string =>
  pdfRuns(pdf)
    .map((r) => r.text)
    .join('\n');
