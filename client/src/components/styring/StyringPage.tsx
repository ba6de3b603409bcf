import { ArrowLeft } from 'lucide-react';
import { Suspense, lazy, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateWithWeek, type MeResponse } from '../../../../shared/index.js';
import { CLOSURE_OUTCOME_LABELS, type ClosureOutcome } from '../../../../shared/model/lifecycle.js';
import type { StyringGroup, StyringResponse } from '../../../../shared/protocol/styring.js';
import { SkipLink } from '../app/SkipLink';
import { LogoMark } from '../ui/LogoMark';
import { hoursText, styringApi } from './styringApi';
import { TimeHeadCells, TimeValueCells } from './TimeCells';

// The charting library loads only when the cockpit is opened (see `npm run build` sizes).
const StyringCharts = lazy(() => import('./StyringCharts'));

const WALL_KEY = 'tavlen:styring-wall';

function Figure(props: { title: string; explain: string; testId: string; csv?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="styring-figure" data-testid={props.testId}>
      <h3>{props.title}</h3>
      <div className="styring-value">{props.children}</div>
      <p className="styring-explain">{props.explain}</p>
      {props.csv && (
        <a href={props.csv} download>
          {t('styring.page.csv')}
        </a>
      )}
    </section>
  );
}

/**
 * The Styring cockpit (issue #13, point 3) for leder, koordinator and visitator: per team, per
 * district and across the person's teams, this week's figures with one line of explanation
 * each, the last five weeks as charts and tables, every figure as CSV. Only totals: no names.
 */
export function StyringPage({ me }: { me: MeResponse }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const [data, setData] = useState<StyringResponse | null>(null);
  const [error, setError] = useState(false);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [wall, setWall] = useState(() => localStorage.getItem(WALL_KEY) === 'on');

  useEffect(() => {
    styringApi.figures().then(setData, () => setError(true));
  }, []);
  useEffect(() => {
    document.title = `${t('styring.title')} – Tavlen`;
  }, [t]);

  const group: StyringGroup | undefined = data?.groups.find((g) => g.id === groupId) ?? data?.groups[0];
  const csv = (figure: string) =>
    group ? `/api/styring?format=csv&figure=${figure}&group=${encodeURIComponent(group.id)}` : undefined;
  const now = group?.time[0];
  const events = group?.events[0];
  const closedTotal = events ? Object.values(events.closed).reduce((s, n) => s + n, 0) : 0;
  const kr = (n: number) => n.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB');

  return (
    <div className={`app styring-page${wall ? ' styring-wall' : ''}`}>
      <SkipLink targetId="main" label={t('app.skipToMain')} />
      <header className="app-header">
        <div className="brand">
          <LogoMark />
          <h1 className="brand-name">{t('styring.title')}</h1>
        </div>
        <div className="header-user">
          <label className="toggle">
            <input
              type="checkbox"
              checked={wall}
              onChange={(e) => {
                localStorage.setItem(WALL_KEY, e.target.checked ? 'on' : 'off');
                setWall(e.target.checked);
              }}
            />
            {t('styring.page.wall')}
          </label>
          <a href="/" className="button">
            <ArrowLeft aria-hidden="true" />
            {t('styring.back')}
          </a>
          <span className="user-name">{me.user.name}</span>
        </div>
      </header>
      <main className="styring-main" id="main">
        {error && <p role="alert">{t('styring.error')}</p>}
        {!data && !error && <p>{t('styring.loading')}</p>}
        {data && group && now && events && (
          <>
            <div className="styring-groups" role="group" aria-label={t('styring.page.groups')}>
              {data.groups.map((g) => (
                <button
                  key={g.id}
                  type="button"
                  aria-pressed={g.id === group.id}
                  onClick={() => setGroupId(g.id)}
                  data-testid={`styring-group-${g.id}`}
                >
                  {g.name}
                </button>
              ))}
            </div>
            <p className="field-hint">
              {t('styring.page.privacy')}{' '}
              {data.coveredUntil
                ? t('styring.page.coveredUntil', { date: formatDateWithWeek(data.coveredUntil, lang) })
                : t('styring.page.noVisits')}
            </p>
            <div className="styring-grid">
              <Figure
                title={t('styring.page.timeTitle')}
                explain={t('styring.page.timeExplain')}
                testId="fig-time"
                csv={csv('time')}
              >
                <strong data-testid="fig-time-delivered">{hoursText(now.deliveredMinutes, lang)}</strong>{' '}
                {t('styring.delivered').toLowerCase()} / {hoursText(now.grantedMinutes, lang)}{' '}
                {t('styring.granted').toLowerCase()}
                <div>
                  {t('styring.planned')}: {hoursText(now.plannedMinutes, lang)}
                </div>
              </Figure>
              <Figure
                title={t('styring.page.swingTitle')}
                explain={t('styring.page.swingExplain')}
                testId="fig-swing"
                csv={csv('time')}
              >
                <div className="time-over">
                  {t('styring.page.swingOver', { n: now.citizensOver, h: hoursText(now.minutesOver, lang) })}
                </div>
                <div className="time-under">
                  {t('styring.page.swingUnder', { n: now.citizensUnder, h: hoursText(now.minutesUnder, lang) })}
                </div>
                <div>
                  {t('styring.balance')}: {now.balanceMinutes > 0 ? '+' : ''}
                  {hoursText(now.balanceMinutes, lang)}
                </div>
              </Figure>
              <Figure
                title={t('styring.page.staffTitle')}
                explain={t('styring.page.staffExplain')}
                testId="fig-staff"
                csv={csv('time')}
              >
                {now.staffingShare === null ? (
                  t('styring.page.staffNone')
                ) : (
                  <strong>{Math.round(now.staffingShare * 100)} %</strong>
                )}
              </Figure>
              <Figure
                title={t('styring.page.forlobTitle')}
                explain={t('styring.page.forlobExplain')}
                testId="fig-forlob"
                csv={csv('events')}
              >
                <div data-testid="fig-started">{t('styring.page.started', { n: events.started })}</div>
                <div>{t('styring.page.closed', { n: closedTotal })}</div>
                <ul>
                  {Object.entries(events.closed).map(([outcome, n]) => (
                    <li key={outcome}>
                      {CLOSURE_OUTCOME_LABELS[outcome as ClosureOutcome]?.[lang] ?? outcome}: {n}
                    </li>
                  ))}
                </ul>
              </Figure>
              <Figure
                title={t('styring.page.switchTitle')}
                explain={t('styring.page.switchExplain')}
                testId="fig-switch"
                csv={csv('events')}
              >
                E2: {events.switchedE2} · E4: {events.switchedE4} ·{' '}
                {t('styring.page.typeSwitch', { n: events.switchedType })}
              </Figure>
              <Figure
                title={t('styring.page.overdueTitle')}
                explain={t('styring.page.overdueExplain')}
                testId="fig-overdue"
                csv={csv('budget')}
              >
                <strong>{group.overdueFollowUps ?? '–'}</strong>
              </Figure>
              <Figure
                title={t('styring.page.notDiscussedTitle')}
                explain={t('styring.page.notDiscussedExplain')}
                testId="fig-not-discussed"
                csv={csv('budget')}
              >
                <strong>{group.notDiscussed ?? '–'}</strong>
              </Figure>
              <Figure
                title={t('styring.page.responseTitle')}
                explain={t('styring.page.responseExplain')}
                testId="fig-response"
                csv={csv('budget')}
              >
                <strong>{group.responseOverdue ?? '–'}</strong>
              </Figure>
              <Figure
                title={t('styring.page.requestsTitle')}
                explain={t('styring.page.requestsExplain')}
                testId="fig-requests"
                csv={csv('events')}
              >
                {t('styring.page.requestsLine', { sent: events.requestsCreated, decided: events.requestsDecided })}
                {events.averageWaitMinutes !== null && (
                  <div>{t('styring.page.waited', { h: hoursText(events.averageWaitMinutes, lang) })}</div>
                )}
              </Figure>
              <Figure
                title={t('styring.page.swapsTitle')}
                explain={t('styring.page.swapsExplain')}
                testId="fig-swaps"
                csv={csv('events')}
              >
                <strong>{events.swaps}</strong>
              </Figure>
              <Figure
                title={t('styring.page.budgetTitle')}
                explain={t('styring.page.budgetExplain')}
                testId="fig-budget"
                csv={csv('budget')}
              >
                {group.budget.budget === null
                  ? `${kr(group.budget.frame)} kr. · ${t('styring.page.budgetNone')}`
                  : t('styring.page.budgetLine', { frame: kr(group.budget.frame), budget: kr(group.budget.budget) })}
                {group.budget.withoutRate > 0 && (
                  <div className="field-hint">{t('styring.page.withoutRate', { n: group.budget.withoutRate })}</div>
                )}
              </Figure>
              <Figure
                title={t('styring.page.citizensTitle')}
                explain={t('styring.page.citizensExplain')}
                testId="fig-citizens"
                csv={csv('budget')}
              >
                {t('styring.page.citizensLine', { active: group.activeCitizens, linked: group.linkedCitizens })}
              </Figure>
            </div>
            <h2>{t('styring.page.weeksTitle')}</h2>
            <Suspense fallback={<p>{t('styring.loading')}</p>}>
              <StyringCharts group={group} large={wall} />
            </Suspense>
            <table className="time-table" data-testid="styring-weeks">
              <caption>{t('styring.page.timeChart')}</caption>
              <thead>
                <tr>
                  <TimeHeadCells />
                  <th scope="col">{t('styring.page.staffCol')}</th>
                </tr>
              </thead>
              <tbody>
                {group.time.map((w) => (
                  <tr key={w.week.key}>
                    <th scope="row">{t('styring.weekN', { n: w.week.number })}</th>
                    <TimeValueCells w={w} />
                    <td>{w.staffingShare === null ? '–' : `${Math.round(w.staffingShare * 100)} %`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="time-table">
              <caption>{t('styring.page.eventsTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('styring.week')}</th>
                  <th scope="col">{t('styring.page.startedCol')}</th>
                  <th scope="col">{t('styring.page.closedCol')}</th>
                  <th scope="col">{t('styring.page.e2Col')}</th>
                  <th scope="col">{t('styring.page.e4Col')}</th>
                  <th scope="col">{t('styring.page.requestsCol')}</th>
                  <th scope="col">{t('styring.page.swapsCol')}</th>
                </tr>
              </thead>
              <tbody>
                {group.events.map((w) => (
                  <tr key={w.week.key}>
                    <th scope="row">{t('styring.weekN', { n: w.week.number })}</th>
                    <td>{w.started}</td>
                    <td>{Object.values(w.closed).reduce((s, n) => s + n, 0)}</td>
                    <td>{w.switchedE2}</td>
                    <td>{w.switchedE4}</td>
                    <td>{w.requestsCreated}</td>
                    <td>{w.swaps}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </main>
    </div>
  );
}
