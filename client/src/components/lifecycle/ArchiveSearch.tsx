import { ArrowLeft, Archive } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ArchivedForlob } from '../../api';
import { SidePanel } from '../ui/SidePanel';
import { dayMonth, instantDate } from './util';

type State =
  { state: 'idle' } | { state: 'loading' } | { state: 'done'; results: ArchivedForlob[] } | { state: 'failed' };

/** "Afsluttede forløb": searches the archive of closed forløb; results are read-only. */
export function ArchiveSearch({ boardId, privacy }: { boardId: string; privacy: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [result, setResult] = useState<State>({ state: 'idle' });
  const [shown, setShown] = useState<ArchivedForlob | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  const search = (e?: FormEvent) => {
    e?.preventDefault();
    setResult({ state: 'loading' });
    setShown(null);
    api.archive(boardId, q.trim()).then(
      (results) => setResult({ state: 'done', results }),
      () => setResult({ state: 'failed' }),
    );
  };
  const close = () => {
    setOpen(false);
    openerRef.current?.focus();
  };
  const name = (x: ArchivedForlob) => (privacy ? x.card.initials : x.name);

  return (
    <>
      <button ref={openerRef} type="button" onClick={() => setOpen(true)} data-testid="archive-open">
        <Archive aria-hidden="true" />
        {t('lifecycle.archive.open')}
      </button>
      {open && (
        <SidePanel
          portal
          title={t('lifecycle.archive.title')}
          onClose={close}
          closeLabel={t('lifecycle.archive.close')}
          className="archive-panel"
          testId="archive-panel"
        >
          <form className="lc-inline-form" onSubmit={search} role="search">
            <label className="field">
              <span>{t('lifecycle.archive.search')}</span>
              <input ref={inputRef} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
            </label>
            <button type="submit" className="primary">
              {t('lifecycle.archive.searchButton')}
            </button>
          </form>
          <div role="status" aria-live="polite">
            {result.state === 'loading' && <p>{t('lifecycle.archive.loading')}</p>}
            {result.state === 'failed' && <p className="field-error">{t('lifecycle.archive.failed')}</p>}
            {result.state === 'done' && result.results.length === 0 && <p>{t('lifecycle.archive.none')}</p>}
          </div>
          {shown ? (
            <ArchivedView item={shown} name={name(shown)} lang={lang} onBack={() => setShown(null)} />
          ) : (
            result.state === 'done' && (
              <ul className="lc-list archive-list">
                {result.results.map((x) => (
                  <li key={x.cardId}>
                    <button type="button" className="link-button" onClick={() => setShown(x)}>
                      {name(x)}
                    </button>{' '}
                    {x.closedOn && (
                      <span className="field-hint">
                        {t('lifecycle.archive.closedOn', { date: dayMonth(x.closedOn, lang) })}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )
          )}
        </SidePanel>
      )}
    </>
  );
}

function ArchivedView(props: { item: ArchivedForlob; name: string; lang: 'da' | 'en'; onBack: () => void }) {
  const { item, name, lang, onBack } = props;
  const { t } = useTranslation();
  const lc = item.card.lifecycle;
  return (
    <article className="archived" data-testid="archived-view">
      <button type="button" className="link-button" onClick={onBack}>
        <ArrowLeft aria-hidden="true" />
        {t('lifecycle.archive.back')}
      </button>
      <h3>{name}</h3>
      <p className="detail-readonly">{t('lifecycle.archive.readOnly')}</p>
      {item.card.forlobType && <p>{item.card.forlobType}</p>}
      {lc.closure && (
        <p>
          {t('lifecycle.close.closedOn', {
            outcome: t(`lifecycle.outcome.${lc.closure.outcome}`),
            date: dayMonth(lc.closure.closedOn, lang),
            name: lc.closure.byName || lc.closure.by,
          })}
        </p>
      )}
      {lc.decisions.length > 0 && (
        <>
          <h4>{t('lifecycle.decisions.title')}</h4>
          <ul className="lc-list">
            {lc.decisions.map((d) => (
              <li key={d.id}>
                {d.code} {t(`lifecycle.decision.${d.code}`)}
                {d.reason && ` – ${d.reason}`} <span className="field-hint">{instantDate(d.at, lang)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {lc.goals.length > 0 && (
        <>
          <h4>{t('lifecycle.tabs.goals')}</h4>
          <ul className="lc-list">
            {lc.goals.map((g) => (
              <li key={g.id}>
                {g.text} <span className="tag">{t(`lifecycle.goalStatus.${g.status}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
