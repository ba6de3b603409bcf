import {
  MINUTES_LABELS,
  actionLine,
  agreementLine,
  minutesHeader,
  type MinutesModel,
} from '../../shared/rules/minutes.js';
import { changeLine } from '../../shared/rules/minutesChanges.js';
import { MY_PLAN_LABELS, type MyPlan } from '../../shared/rules/myPlan.js';
import type { Lang } from '../../shared/rules/dates.js';
import { Layout } from './pdfLayout.js';

/** The minutes as an A4 PDF (pdfkit, built-in Helvetica, no files read at run time beyond pdfkit's own). */
export function renderMinutesPdf(m: MinutesModel, lang: Lang): Promise<Buffer> {
  const L = MINUTES_LABELS;
  const out = new Layout(`${m.title}, ${m.dateText}`);
  out.heading(m.title, 18, 0);
  for (const [label, value] of minutesHeader(m, lang)) out.row(label, value);
  out.rule();
  if (m.entries.length === 0) out.paragraph(L.noneDiscussed[lang]);
  for (const e of m.entries) {
    out.heading(e.name, 13);
    out.row(L.status[lang], e.status);
    out.row(L.reasons[lang], e.reasons.join('; '));
    out.row(L.note[lang], e.note);
    out.row(L.changes[lang], e.changes.map(changeLine));
    out.row(
      L.actions[lang],
      e.actions.map((a) => agreementLine(a, lang)),
    );
  }
  out.list(
    L.generalActions[lang],
    m.generalActions.map((a) => actionLine(a, lang)),
  );
  out.list(
    L.notReached[lang],
    m.notReached.map((n) => (n.reasons.length ? `${n.name} (${n.reasons.join('; ')})` : n.name)),
  );
  out.list(L.questions[lang], m.questions.map(changeLine));
  out.list(L.parked[lang], m.parked);
  return out.end();
}

/** "Min plan" for the citizen: larger type, plain words, nothing internal (shared/rules/myPlan.ts). */
export function renderMyPlanPdf(p: MyPlan, lang: Lang): Promise<Buffer> {
  const L = MY_PLAN_LABELS;
  const out = new Layout(`${p.title} – ${p.name}`);
  out.heading(p.title, 22, 0).heading(p.name, 16, 0.2);
  out.paragraph(p.printed, 11).paragraph(L.intro[lang], 12).rule();
  const when = (l: { text: string; when: string }) => (l.when ? `${l.text} (${l.when})` : l.text);
  out.list(L.goals[lang], p.goals, 12);
  out.list(L.youDo[lang], p.youDo.map(when), 12);
  out.list(L.weDo[lang], p.weDo.map(when), 12);
  out.list(L.agreed[lang], p.agreed.map(when), 12);
  if (p.youDo.length + p.weDo.length + p.agreed.length === 0)
    out.heading(L.agreed[lang], 14).paragraph(L.none[lang], 12);
  out.list(L.contact[lang], p.contacts, 12);
  return out.end();
}
