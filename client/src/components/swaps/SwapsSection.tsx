import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { givenUpLabel, type Card } from '../../../../shared/index.js';
import { CommitInput } from '../lifecycle/CommitInput';
import { useLifecycleEnv } from '../lifecycle/env';
import { instantDate, useLifecycleWrite } from '../lifecycle/util';
import { QuickSwap } from './QuickSwap';

/** How many of the latest swaps the card lists (the count at the tavlemøde covers them all). */
const RECENT = 10;

/**
 * The card's "Bytte" tab (R23, SEL §94a): whether the citizen is suited to swapping help, the
 * quick form, and the latest swaps. The panel leaves the tab out when the municipality does
 * not register swaps.
 */
export function SwapsSection({ card }: { card: Card }) {
  const { t, i18n } = useTranslation();
  const env = useLifecycleEnv();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const recent = [...card.lifecycle.swaps].reverse().slice(0, RECENT);
  return (
    <section className="lc-section swaps-section" data-testid="swaps-section">
      <h3>{t('swaps.title')}</h3>
      <p className="muted">{t('swaps.intro')}</p>
      <Suitability card={card} />
      <QuickSwap card={card} />
      <h4>{t('swaps.recent')}</h4>
      {recent.length === 0 ? (
        <p className="muted">{t('swaps.none')}</p>
      ) : (
        <ul className="lc-list swap-list" data-testid="swap-list">
          {recent.map((s) => (
            <li key={s.id}>
              <span>{t('swaps.line', { givenUp: givenUpLabel(env.swaps, s.givenUp), instead: s.instead })}</span>
              <span className="muted">
                {' '}
                · {t('swaps.byAt', { by: s.byName || s.by, date: instantDate(s.at, lang) })}
              </span>
              {s.note && <p className="muted">{s.note}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Egnet til bytte": ja / nej / ikke vurderet, with the reason (e.g. demens, S2:1729-1730). */
function Suitability({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const value = card.lifecycle.swapSuitable;
  const options: { v: boolean | null; label: string }[] = [
    { v: true, label: t('swaps.suitableYes') },
    { v: false, label: t('swaps.suitableNo') },
    { v: null, label: t('swaps.suitableUnknown') },
  ];
  return (
    <div className="lc-subsection swap-suitability">
      <fieldset disabled={!env.editable}>
        <legend id={`${id}-l`}>{t('swaps.suitable')}</legend>
        {options.map((o) => (
          <label key={String(o.v)} className="swap-radio">
            <input
              type="radio"
              name={`${id}-suitable`}
              checked={value === o.v}
              onChange={() => write((board, origin) => board.setLifecycle(card.id, { swapSuitable: o.v }, origin))}
            />
            {o.label}
          </label>
        ))}
      </fieldset>
      <CommitInput
        label={t('swaps.reason')}
        value={card.lifecycle.swapReason}
        readOnly={!env.editable}
        testId="swap-reason"
        onCommit={(v) => write((board, origin) => board.setLifecycle(card.id, { swapReason: v }, origin))}
      />
    </div>
  );
}
