import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { StyringGroup } from '../../../../shared/protocol/styring.js';

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/**
 * The cockpit's two charts (recharts). Loaded on demand with the Styring page, so the board's
 * first load does not carry the charting library. Every chart has a table with the same
 * numbers next to it (StyringPage) for screen readers and for reading exact values.
 */
export default function StyringCharts({ group, large }: { group: StyringGroup; large: boolean }) {
  const { t } = useTranslation();
  const font = large ? 20 : 13;
  const time = [...group.time].reverse().map((w) => ({
    week: t('styring.weekN', { n: w.week.number }),
    [t('styring.granted')]: hours(w.grantedMinutes),
    [t('styring.planned')]: hours(w.plannedMinutes),
    [t('styring.delivered')]: hours(w.deliveredMinutes),
  }));
  const events = [...group.events].reverse().map((w) => ({
    week: t('styring.weekN', { n: w.week.number }),
    [t('styring.page.startedCol')]: w.started,
    [t('styring.page.closedCol')]: Object.values(w.closed).reduce((s, n) => s + n, 0),
  }));
  return (
    <div className="styring-charts">
      <figure>
        <figcaption>{t('styring.page.timeChart')}</figcaption>
        <ResponsiveContainer width="100%" height={large ? 360 : 240}>
          <BarChart data={time} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" tick={{ fontSize: font }} />
            <YAxis tick={{ fontSize: font }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: font }} />
            <Bar dataKey={t('styring.granted')} fill="#4b6584" />
            <Bar dataKey={t('styring.planned')} fill="#a5b1c2" />
            <Bar dataKey={t('styring.delivered')} fill="#20875a" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <figure>
        <figcaption>{t('styring.page.eventsChart')}</figcaption>
        <ResponsiveContainer width="100%" height={large ? 300 : 200}>
          <BarChart data={events} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" tick={{ fontSize: font }} />
            <YAxis allowDecimals={false} tick={{ fontSize: font }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: font }} />
            <Bar dataKey={t('styring.page.startedCol')} fill="#2d6cdf" />
            <Bar dataKey={t('styring.page.closedCol')} fill="#8854d0" />
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
