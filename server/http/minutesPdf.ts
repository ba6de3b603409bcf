import PDFDocument from 'pdfkit';
import { MINUTES_LABELS, actionLine, decisionLine, type MinutesModel } from '../../shared/rules/minutes.js';
import type { Lang } from '../../shared/rules/dates.js';

/**
 * The standard PDF fonts (Helvetica) are WinAnsi-encoded: æ, ø, å and the dash are in it,
 * a few arrows and signs are not, so those get plain stand-ins instead of blank boxes.
 */
function winAnsi(text: string): string {
  return text.replace(/→/g, '->').replace(/−/g, '-').replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

/** The minutes as an A4 PDF (pdfkit, built-in Helvetica, no files read at run time beyond pdfkit's own). */
export function renderMinutesPdf(m: MinutesModel, lang: Lang): Promise<Buffer> {
  const L = MINUTES_LABELS;
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: winAnsi(m.title), Creator: 'Tavlen' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const line = (label: string, value: string) => {
    doc.font('Helvetica-Bold').text(`${winAnsi(label)}: `, { continued: true });
    doc.font('Helvetica').text(winAnsi(value));
  };

  doc.font('Helvetica-Bold').fontSize(16).text(winAnsi(m.title));
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
  if (m.window) doc.text(winAnsi(m.window));
  doc.moveDown();
  if (m.entries.length === 0) doc.text(L.noneDiscussed[lang]);
  for (const e of m.entries) {
    doc.font('Helvetica-Bold').fontSize(12).text(winAnsi(e.name));
    doc.fontSize(10);
    line(L.status[lang], e.status);
    if (e.reasons.length) line(L.reasons[lang], e.reasons.join('; '));
    if (e.note) line(L.note[lang], e.note);
    for (const d of e.decisions) line(L.decisions[lang], decisionLine(d));
    for (const a of e.actions) line(L.actions[lang], actionLine(a, lang));
    doc.moveDown();
  }
  if (m.parked.length) {
    doc.font('Helvetica-Bold').fontSize(12).text(L.parked[lang]);
    doc.font('Helvetica').fontSize(10);
    for (const p of m.parked) doc.text(`- ${winAnsi(p)}`);
  }
  doc.end();
  return done;
}
