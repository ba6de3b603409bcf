import { ArrowLeft } from 'lucide-react';
import { LogoMark } from '../ui/LogoMark';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../../../shared/index.js';
import {
  AUDIT_ACTIONS,
  auditActionLabel,
  type AuditCitizensResponse,
  type AuditItem,
  type AuditPage as AuditPageBody,
  type AuditUsersResponse,
} from '../../../../shared/protocol/audit.js';
import { ApiError, api } from '../../api';
import { SkipLink } from '../app/SkipLink';
import { AuditTable } from './AuditTable';

/** Where the page lives (the server answers it with the app, like every client route). */

interface Filters {
  boardId: string;
  cardId: string;
  userId: string;
  from: string;
  to: string;
  action: string;
}

function queryOf(f: Filters, before?: number): URLSearchParams {
  const q = new URLSearchParams({ boardId: f.boardId });
  for (const key of ['cardId', 'userId', 'from', 'to', 'action'] as const) if (f[key]) q.set(key, f[key]);
  if (before !== undefined) q.set('before', String(before));
  return q;
}

type Load = { state: 'loading' } | { state: 'error'; forbidden: boolean } | { state: 'ready' };

/**
 * The audit log for leder and administrator: filters by citizen (the board's cards and the
 * archive), user, period and action; newest first, paged; "Hent CSV" downloads the same
 * filters as a file for the data controller. Standalone page at /revisionsspor.
 */
export function AuditPage({ me }: { me: MeResponse }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const [filters, setFilters] = useState<Filters>({
    boardId: me.teams[0]?.boardId ?? '',
    cardId: '',
    userId: '',
    from: '',
    to: '',
    action: '',
  });
  const [citizenQuery, setCitizenQuery] = useState('');
  const [citizens, setCitizens] = useState<AuditCitizensResponse['citizens']>([]);
  const [users, setUsers] = useState<AuditUsersResponse['users']>([]);
  const [items, setItems] = useState<AuditItem[]>([]);
  const [names, setNames] = useState<AuditPageBody['names']>({});
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const set = (patch: Partial<Filters>) => {
    setLoad({ state: 'loading' });
    setFilters((f) => ({ ...f, ...patch }));
  };

  useEffect(() => {
    if (!filters.boardId) return;
    api.auditUsers(filters.boardId).then(
      (r) => setUsers(r.users),
      () => setUsers([]),
    );
  }, [filters.boardId]);

  useEffect(() => {
    if (!filters.boardId) return;
    const timer = setTimeout(() => {
      api.auditCitizens(filters.boardId, citizenQuery).then(
        (r) => setCitizens(r.citizens),
        () => setCitizens([]),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [filters.boardId, citizenQuery]);

  useEffect(() => {
    if (!filters.boardId) return;
    let live = true;
    api.audit(queryOf(filters)).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setNames(page.names);
        setNextBefore(page.nextBefore);
        setLoad({ state: 'ready' });
      },
      (err: unknown) => live && setLoad({ state: 'error', forbidden: err instanceof ApiError && err.status === 403 }),
    );
    return () => {
      live = false;
    };
  }, [filters]);

  const more = () => {
    if (nextBefore === null) return;
    api.audit(queryOf(filters, nextBefore)).then(
      (page) => {
        setItems((prev) => [...prev, ...page.items]);
        setNames((prev) => ({ ...prev, ...page.names }));
        setNextBefore(page.nextBefore);
      },
      () => setLoad({ state: 'error', forbidden: false }),
    );
  };

  const csvHref = useMemo(() => `/api/audit.csv?${queryOf(filters)}`, [filters]);
  const boards = me.teams.filter((x) => x.boardId);

  return (
    <div className="app audit-page">
      <SkipLink targetId="main" label={t('app.skipToMain')} />
      <header className="app-header">
        <div className="brand">
          <LogoMark />
          <h1 className="brand-name">{t('audit.title')}</h1>
        </div>
        <div className="header-user">
          <a href="/" className="button">
            <ArrowLeft aria-hidden="true" />
            {t('audit.back')}
          </a>
          <span className="user-name">{me.user.name}</span>
        </div>
      </header>
      <main className="audit-main" id="main">
        <p className="audit-intro">{t('audit.intro')}</p>
        <form className="audit-filters" onSubmit={(e) => e.preventDefault()} data-testid="audit-filters">
          {boards.length > 1 && (
            <label>
              {t('audit.board')}
              <select
                value={filters.boardId}
                onChange={(e) => set({ boardId: e.target.value, cardId: '', userId: '' })}
              >
                {boards.map((b) => (
                  <option key={b.id} value={b.boardId ?? ''}>
                    {b.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('audit.citizenSearch')}
            <input type="search" value={citizenQuery} onChange={(e) => setCitizenQuery(e.target.value)} />
          </label>
          <label>
            {t('audit.citizen')}
            <select
              value={filters.cardId}
              onChange={(e) => set({ cardId: e.target.value })}
              data-testid="audit-citizen"
            >
              <option value="">{t('audit.allCitizens')}</option>
              {citizens.map((c) => (
                <option key={c.cardId} value={c.cardId}>
                  {c.name} {c.archived ? t('audit.archived') : ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.user')}
            <select value={filters.userId} onChange={(e) => set({ userId: e.target.value })} data-testid="audit-user">
              <option value="">{t('audit.allUsers')}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({t(`roles.${u.role}`)})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.from')}
            <input type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label>
            {t('audit.to')}
            <input type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
          <label>
            {t('audit.action')}
            <select value={filters.action} onChange={(e) => set({ action: e.target.value })}>
              <option value="">{t('audit.allActions')}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {auditActionLabel(a, lang)}
                </option>
              ))}
            </select>
          </label>
          <a className="button" href={csvHref} download data-testid="audit-csv">
            {t('audit.csv')}
          </a>
        </form>
        {load.state === 'loading' && <p>{t('audit.loading')}</p>}
        {load.state === 'error' && <p role="alert">{load.forbidden ? t('audit.forbidden') : t('audit.failed')}</p>}
        {load.state === 'ready' &&
          (items.length === 0 ? <p>{t('audit.empty')}</p> : <AuditTable items={items} names={names} lang={lang} />)}
        {load.state === 'ready' && nextBefore !== null && (
          <button type="button" onClick={more}>
            {t('audit.more')}
          </button>
        )}
      </main>
    </div>
  );
}
