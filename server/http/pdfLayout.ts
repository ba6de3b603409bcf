import PDFDocument from 'pdfkit';

/*
 * The server's PDF helpers (pdfkit, built-in Helvetica, no font files read at run time
 * beyond pdfkit's own): the minutes and "Min plan" (minutesPdf.ts) and the printed daily
 * tavle (boardPdf.ts) share the page, the text encoding and the measured rows.
 */

export interface PageOptions {
  size?: 'A4' | 'A3';
  layout?: 'portrait' | 'landscape';
  margin?: number;
}

/**
 * The standard PDF fonts (Helvetica) are WinAnsi-encoded: æ, ø, å and the dash are in it,
 * a few arrows and signs are not, so those get plain stand-ins instead of blank boxes.
 */
export function winAnsi(text: string): string {
  return text.replace(/→/g, '->').replace(/−/g, '-').replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

const LABEL_WIDTH = 130;
const GAP = 12;

/**
 * A4 layout in two columns: the label in a fixed column on the left, the value beside it,
 * each row as tall as the taller of the two. Both are measured before drawing, so a row
 * that does not fit starts a new page whole, and a label can never be drawn over a value
 * (the old layout wrote "label: value" as one continued text, which pdfkit broke apart).
 */
export class Layout {
  readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<Buffer>;

  constructor(title: string, page: PageOptions = {}) {
    this.doc = new PDFDocument({
      size: page.size ?? 'A4',
      layout: page.layout ?? 'portrait',
      margin: page.margin ?? 56,
      info: { Title: winAnsi(title), Creator: 'Tavlen' },
    });
    const chunks: Buffer[] = [];
    this.doc.on('data', (c: Buffer) => chunks.push(c));
    this.done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** A new page unless `height` more fits above the bottom margin. */
  ensure(height: number): void {
    const bottom = this.doc.page.height - this.doc.page.margins.bottom;
    if (this.doc.y + height > bottom) this.doc.addPage();
  }

  heading(text: string, size: number, space = 0.6): this {
    const t = winAnsi(text);
    this.doc.font('Helvetica-Bold').fontSize(size);
    this.ensure(this.doc.heightOfString(t, { width: this.width }) + size);
    this.doc.moveDown(space).text(t, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);
    return this;
  }

  paragraph(text: string, size = 10): this {
    const t = winAnsi(text);
    this.doc.font('Helvetica').fontSize(size);
    this.ensure(this.doc.heightOfString(t, { width: this.width }));
    this.doc.text(t, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);
    return this;
  }

  /** A label with one or more values: the label once, each value on its own line beside it. */
  row(label: string, values: string | readonly string[], size = 10): this {
    const list = (typeof values === 'string' ? [values] : values).map(winAnsi).filter(Boolean);
    if (list.length === 0) return this;
    const valueWidth = this.width - LABEL_WIDTH - GAP;
    list.forEach((value, i) => {
      const l = i === 0 ? winAnsi(label) : '';
      this.doc.font('Helvetica-Bold').fontSize(size);
      const hl = l ? this.doc.heightOfString(l, { width: LABEL_WIDTH }) : 0;
      this.doc.font('Helvetica').fontSize(size);
      const hv = this.doc.heightOfString(value, { width: valueWidth });
      const h = Math.max(hl, hv);
      this.ensure(h);
      const y = this.doc.y;
      if (l) this.doc.font('Helvetica-Bold').text(l, this.left, y, { width: LABEL_WIDTH });
      this.doc.font('Helvetica').text(value, this.left + LABEL_WIDTH + GAP, y, { width: valueWidth });
      this.doc.x = this.left;
      this.doc.y = y + h + 3;
    });
    return this;
  }

  /** A list under a heading, full width, one "– " line each. */
  list(title: string, lines: readonly string[], size = 10): this {
    if (lines.length === 0) return this;
    this.heading(title, size + 2);
    for (const line of lines) this.paragraph(`– ${line}`, size);
    return this;
  }

  rule(): this {
    const y = this.doc.y + 4;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    this.doc.y = y + 6;
    return this;
  }

  end(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
