import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { givenUpLabel, swapRefusal, swapRefusalMessage, type Card } from '../../../../shared/index.js';
import { useLifecycleEnv } from '../lifecycle/env';
import { useLifecycleWrite } from '../lifecycle/util';

/**
 * Logs a bytteydelse in two taps, made for a phone in the citizen's home: tap what was given
 * up, then tap what the citizen got instead, and it is logged as me, now. Help that cannot
 * be swapped is shown but cannot be chosen, so the rule is learnt where it applies; own
 * words go through the text fields. The same rules as the server's (rules/swaps.ts) are
 * asked before anything is sent. Renders nothing when the municipality does not register
 * swaps. Exported for the phone's bottom bar.
 */
export function QuickSwap({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const [givenUp, setGivenUp] = useState<string | null>(null);
  const [otherGivenUp, setOtherGivenUp] = useState('');
  const [otherInstead, setOtherInstead] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const settings = env.swaps;
  if (!settings.enabled || !env.editable) return null;
  const refusedAlways = swapRefusal(settings, card.lifecycle.swapSuitable, '');
  const chosenGivenUp = givenUp ?? (otherGivenUp.trim() || null);

  const log = (instead: string) => {
    if (chosenGivenUp === null) return setMessage({ error: true, text: t('swaps.pickGivenUpFirst') });
    const code = swapRefusal(settings, card.lifecycle.swapSuitable, chosenGivenUp);
    if (code) return setMessage({ error: true, text: swapRefusalMessage(code) });
    const err = write((board, origin) =>
      board.addSwap(card.id, { by: env.user.id, byName: env.user.name, givenUp: chosenGivenUp, instead }, origin),
    );
    if (err) return setMessage({ error: true, text: err });
    setMessage({
      error: false,
      text: t('swaps.saved', {
        givenUp: givenUpLabel(settings, chosenGivenUp),
        instead: instead.trim(),
      }),
    });
    setGivenUp(null);
    setOtherGivenUp('');
    setOtherInstead('');
  };
  const submitOther = (e: FormEvent) => {
    e.preventDefault();
    log(otherInstead);
  };

  if (refusedAlways) {
    return (
      <p className="swap-refused" data-testid="quick-swap-refused">
        {swapRefusalMessage(refusedAlways)}
      </p>
    );
  }
  return (
    <div className="quick-swap" data-testid="quick-swap">
      <fieldset className="swap-chips">
        <legend id={`${id}-given`}>{t('swaps.givenUp')}</legend>
        {settings.helpTypes.map((h) => (
          <button
            key={h.id}
            type="button"
            className="swap-chip"
            aria-pressed={givenUp === h.id}
            disabled={!h.swappable}
            onClick={() => {
              setGivenUp(givenUp === h.id ? null : h.id);
              setOtherGivenUp('');
              setMessage(null);
            }}
          >
            <span className="swap-chip-label">{h.label}</span>
            {!h.swappable && <span className="swap-chip-note"> – {t('swaps.cannot')}</span>}
          </button>
        ))}
        <label className="swap-other">
          <span>{t('swaps.otherGivenUp')}</span>
          <input
            value={otherGivenUp}
            maxLength={60}
            onChange={(e) => {
              setOtherGivenUp(e.target.value);
              setGivenUp(null);
            }}
          />
        </label>
      </fieldset>
      <fieldset className="swap-chips" disabled={chosenGivenUp === null}>
        <legend>{t('swaps.instead')}</legend>
        {settings.instead.map((label) => (
          <button key={label} type="button" className="swap-chip swap-chip-instead" onClick={() => log(label)}>
            {label}
          </button>
        ))}
        <form className="swap-other" onSubmit={submitOther}>
          <label>
            <span>{t('swaps.otherInstead')}</span>
            <input value={otherInstead} maxLength={120} onChange={(e) => setOtherInstead(e.target.value)} />
          </label>
          <button type="submit" className="swap-save" disabled={otherInstead.trim() === ''}>
            {t('swaps.save')}
          </button>
        </form>
      </fieldset>
      {message && (
        <p className={message.error ? 'field-error' : 'swap-saved'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
