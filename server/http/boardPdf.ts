import type { PrintableBoard, PrintableCard } from '../../shared/rules/printableBoard.js';
import { Layout, winAnsi } from './pdfLayout.js';

/*
 * The printed daily tavle (issue #16, N7) laid out: one table per phase, landscape A4 or A3.
 * Every word comes from shared/rules/printableBoard.ts; this file only draws. The colour is
 * printed as its word and its shape (black-and-white printers), filled in colour for those
 * that print it.
 */

const FILL = { red: '#c62828', yellow: '#f9a825', green: '#2e7d32' } as const;
const SIZE = 9;
const PAD = 3;

interface Cell {
  width: number;
  text: (c: PrintableCard) => string;
  bold?: boolean;
}

/** The columns of a row; the privacy version has neither names nor staff. */
function cells(p: PrintableBoard, width: number): { head: string; cell: Cell }[] {
  const join = (...parts: (string | string[])[]) => parts.flat().filter(Boolean).join('\n');
  const colour: Cell = { width: 0.1, text: (c) => c.triageWord };
  const who: Cell = { width: p.privacy ? 0.1 : 0.19, text: (c) => c.label, bold: true };
  const contact: Cell = { width: 0.15, text: (c) => c.contactPerson };
  const due: Cell = { width: p.privacy ? 0.5 : 0.34, text: (c) => join(c.status, c.clock, c.followUps) };
  const requests: Cell = { width: p.privacy ? 0.3 : 0.22, text: (c) => join(c.requests) };
  const h = p.headers;
  const list = p.privacy
    ? [
        { head: h.colour, cell: colour },
        { head: h.citizen, cell: who },
        { head: h.due, cell: due },
        { head: h.requests, cell: requests },
      ]
    : [
        { head: h.colour, cell: colour },
        { head: h.citizen, cell: who },
        { head: h.contact, cell: contact },
        { head: h.due, cell: due },
        { head: h.requests, cell: requests },
      ];
  return list.map(({ head, cell }) => ({ head, cell: { ...cell, width: cell.width * width } }));
}

class BoardLayout extends Layout {
  private readonly running: string;

  constructor(private readonly p: PrintableBoard) {
    super(p.title, { size: p.paper === 'a3' ? 'A3' : 'A4', layout: 'landscape', margin: 36 });
    this.running = `${p.title} · ${p.subtitle} · ${p.printed}`;
  }

  private shape(kind: PrintableCard['shape'], triage: PrintableCard['triage'], x: number, y: number): void {
    const r = 4.5;
    const d = this.doc;
    d.save().lineWidth(0.8).fillColor(FILL[triage]).strokeColor('#000000');
    if (kind === 'circle') d.circle(x + r, y + r, r);
    else if (kind === 'triangle') d.polygon([x, y + 2 * r], [x + r, y], [x + 2 * r, y + 2 * r]);
    else d.polygon([x + r, y - 0.5], [x + 2 * r + 0.5, y + r], [x + r, y + 2 * r + 0.5], [x - 0.5, y + r]);
    d.fillAndStroke().restore();
  }

  /** A new page with the running header when `height` no longer fits. */
  private fits(height: number, onNewPage?: () => void): void {
    const bottom = this.doc.page.height - this.doc.page.margins.bottom;
    if (this.doc.y + height <= bottom) return;
    this.doc.addPage();
    this.doc.font('Helvetica').fontSize(8).fillColor('#555555');
    this.doc.text(winAnsi(this.running), this.left, this.doc.page.margins.top - 18, { width: this.width });
    this.doc.fillColor('#000000');
    this.doc.y = this.doc.page.margins.top;
    onNewPage?.();
  }

  private headRow(cols: ReturnType<typeof cells>): void {
    const y = this.doc.y;
    let x = this.left;
    this.doc
      .font('Helvetica-Bold')
      .fontSize(SIZE - 1)
      .fillColor('#333333');
    for (const { head, cell } of cols) {
      this.doc.text(winAnsi(head), x + PAD, y, { width: cell.width - 2 * PAD });
      x += cell.width;
    }
    this.doc.fillColor('#000000');
    this.line(y + SIZE + 3, 0.8);
    this.doc.y = y + SIZE + 6;
  }

  private line(y: number, width = 0.4): void {
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(width)
      .strokeColor('#888888')
      .stroke();
  }

  private cardRow(c: PrintableCard, cols: ReturnType<typeof cells>): void {
    const texts = cols.map(({ cell }) => winAnsi(cell.text(c)));
    const heights = cols.map(({ cell }, i) => {
      this.doc.font(cell.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(SIZE);
      return texts[i] ? this.doc.heightOfString(texts[i], { width: cell.width - 2 * PAD }) : 0;
    });
    const h = Math.max(SIZE + 2, ...heights) + 2 * PAD;
    this.fits(h, () => this.headRow(cols));
    const y = this.doc.y;
    let x = this.left;
    cols.forEach(({ cell }, i) => {
      if (i === 0) {
        this.shape(c.shape, c.triage, x + PAD, y + PAD + 0.5);
        this.doc.font('Helvetica-Bold').fontSize(SIZE);
        this.doc.text(texts[i]!, x + PAD + 13, y + PAD, { width: cell.width - 2 * PAD - 13 });
      } else if (texts[i]) {
        this.doc.font(cell.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(SIZE);
        this.doc.text(texts[i], x + PAD, y + PAD, { width: cell.width - 2 * PAD });
      }
      x += cell.width;
    });
    this.line(y + h);
    this.doc.x = this.left;
    this.doc.y = y + h + 1;
  }

  render(): Promise<Buffer> {
    const p = this.p;
    this.heading(p.title, 16, 0).paragraph(`${p.subtitle} · ${p.printed}`, 10);
    this.paragraph(`${p.counts}. ${p.legend}`, 9).paragraph(p.note, 9);
    const cols = cells(p, this.width);
    for (const column of p.columns) {
      this.fits(SIZE * 5);
      this.heading(`${column.title} (${column.cards.length})`, 12, 0.5);
      if (column.cards.length === 0) {
        this.paragraph(p.headers.empty, SIZE);
        continue;
      }
      this.headRow(cols);
      for (const c of column.cards) this.cardRow(c, cols);
    }
    // today's agenda on a page of its own: it is read at the meeting, the board beside it
    this.doc.addPage();
    this.heading(p.agenda.title, 16, 0);
    for (const v of p.agenda.verdict) this.paragraph(v, 10);
    if (p.agenda.items.length === 0) this.paragraph(p.agenda.empty, 10);
    p.agenda.items.forEach((item, k) =>
      this.row(`${k + 1}. ${item.label}`, [`${item.minutes}: ${item.reasons.join('; ')}`.replace(/: $/, '')]),
    );
    return this.end();
  }
}

/** The daily tavle as a landscape PDF (A4 or A3, `p.paper`). */
export function renderBoardPdf(p: PrintableBoard): Promise<Buffer> {
  return new BoardLayout(p).render();
}
