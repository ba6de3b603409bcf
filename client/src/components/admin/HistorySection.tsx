import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../shared/model/user.js';
import type {
  BoardHistoryResponse,
  HistoryBoardsResponse,
  HistoryPreview,
} from '../../../../shared/protocol/history.js';
import { formatInstant, parseDanishLocal } from '../../../../shared/rules/dates.js';
import { errorText, historyApi } from './adminApi';
import { FormStatus } from './FormStatus';
import { HistoryPreviewList } from './HistoryPreviewList';
import { HistoryQuickPicks } from './HistoryQuickPicks';
import { useAsyncAction } from './useAsyncAction';

/** A `datetime-local` value for an instant: Danish time, like every time on the board. */
const toLocalInput = (d: Date): string => formatInstant(d, 'input');

/**
 * Admin tab "Gendan": pick a board and a time, see the board as it was (by column, with
 * what differs today) and restore all of it or the ticked cards, after a confirmation.
 * Administrators for their municipality's boards, a leder for their own teams' (the server
 * decides, see historyAccess); a restore is audited and every open board receives it.
 */
export function HistorySection({ user }: { user: SessionUser }) {
  const { t, i18n } = useTranslation();
  const [boards, setBoards] = useState<HistoryBoardsResponse['boards'] | null>(null);
  const [boardId, setBoardId] = useState('');
  const [history, setHistory] = useState<BoardHistoryResponse | null>(null);
  const [time, setTime] = useState('');
  const [preview, setPreview] = useState<HistoryPreview | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [removeLater, setRemoveLater] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const action = useAsyncAction();
  const canRestore = user.readOnly !== true;
  const when = (iso: string) => formatInstant(iso, 'dateTime', i18n.language === 'en' ? 'en' : 'da');

  useEffect(() => {
    historyApi.boards().then(
      (r) => {
        setBoards(r.boards);
        setBoardId((id) => id || (r.boards[0]?.id ?? ''));
      },
      (err: unknown) => setLoadError(errorText(err)),
    );
  }, []);

  useEffect(() => {
    if (!boardId) return;
    historyApi.history(boardId).then(
      (h) => {
        setHistory(h);
        setTime((current) => current || toLocalInput(new Date(Date.parse(h.now) - 5 * 60_000)));
      },
      (err: unknown) => setLoadError(errorText(err)),
    );
  }, [boardId]);

  const show = (local: string) => {
    const at = parseDanishLocal(local);
    if (!boardId || !at) return;
    setSelected(new Set());
    void action.run(async () => {
      setPreview(await historyApi.at(boardId, at.toISOString()));
      return null;
    });
  };

  /** A quick pick or a recent change: fill in the time and show the board then. */
  const pick = (at: Date) => {
    const local = toLocalInput(at);
    setTime(local);
    show(local);
  };
  const onShow = (e: FormEvent) => {
    e.preventDefault();
    show(time);
  };

  const restore = (cardIds: string[] | null) => {
    if (!preview) return;
    const at = preview.at;
    const question = cardIds
      ? t('admin.history.confirmSelected', { count: cardIds.length, when: when(at) })
      : removeLater && preview.diff.later > 0
        ? t('admin.history.confirmAllRemove', { count: preview.diff.later, when: when(at) })
        : t('admin.history.confirmAll', { when: when(at) });
    if (!window.confirm(question)) return;
    void action.run(async () => {
      const r = await historyApi.restore(
        boardId,
        cardIds ? { at, cardIds } : { at, removeLater: removeLater && preview.diff.later > 0 },
      );
      setSelected(new Set());
      setPreview(await historyApi.at(boardId, at));
      setHistory(await historyApi.history(boardId));
      const cards = t('admin.history.done', {
        recreated: r.recreated.length,
        changed: r.changed.length,
        removed: r.removed.length,
      });
      return r.freeItems.length > 0 ? `${cards} ${t('admin.history.doneNotes', { count: r.freeItems.length })}` : cards;
    });
  };

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  if (loadError) return <FormStatus error={loadError} />;
  if (!boards) return <p>{t('admin.loading')}</p>;

  return (
    <section className="history-section" aria-labelledby="history-title" data-testid="history-section">
      <h2 id="history-title">{t('admin.history.heading')}</h2>
      <p>{t('admin.history.intro')}</p>
      {!canRestore && <p className="field-hint">{t('admin.history.readOnly')}</p>}
      <form className="history-pick" onSubmit={onShow}>
        <label className="field">
          <span>{t('admin.history.board')}</span>
          <select
            value={boardId}
            onChange={(e) => {
              setPreview(null);
              setBoardId(e.target.value);
            }}
            data-testid="history-board"
          >
            {boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('admin.history.time')}</span>
          <input
            type="datetime-local"
            step={1}
            value={time}
            onChange={(e) => setTime(e.target.value)}
            data-testid="history-time"
          />
        </label>
        <button type="submit" className="primary" disabled={action.busy} data-testid="history-show">
          {t('admin.history.show')}
        </button>
      </form>
      {history && <HistoryQuickPicks history={history} onPick={pick} />}
      {history && (
        <p className="field-hint">
          {history.oldest
            ? t('admin.history.oldest', { when: when(history.oldest), days: history.retentionDays })
            : t('admin.history.noHistory')}
        </p>
      )}
      <FormStatus error={action.error} done={action.done} />
      {preview && (
        <>
          <h3>{t('admin.history.asOf', { when: when(preview.at) })}</h3>
          <HistoryPreviewList preview={preview} selected={selected} onToggle={toggle} selectable={canRestore} />
          {canRestore && (
            <div className="history-actions">
              <label className="field-inline">
                <input
                  type="checkbox"
                  checked={removeLater}
                  onChange={(e) => setRemoveLater(e.target.checked)}
                  data-testid="history-remove-later"
                />{' '}
                {t('admin.history.removeLater')}
              </label>
              <p className="field-hint">{t('admin.history.removeLaterHint')}</p>
              <button type="button" className="primary" disabled={action.busy} onClick={() => restore(null)}>
                {t('admin.history.restoreAll')}
              </button>{' '}
              <button
                type="button"
                disabled={action.busy || selected.size === 0}
                onClick={() => restore([...selected])}
              >
                {t('admin.history.restoreSelected', { count: selected.size })}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
