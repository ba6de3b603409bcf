import { Monitor, Pencil, Trash2 } from 'lucide-react';
import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FREE_TEXT, type FreeNote as Note, type FreeText } from '../../../../shared/model/freeArea.js';
import { formatInstant } from '../../../../shared/rules/dates.js';
import { authorInitials } from './itemText';

interface Props {
  item: Note | FreeText;
  /** Where it is drawn (with a drag in progress) and how big, in surface units. */
  box: { x: number; y: number; w: number; h: number };
  /** The words name a citizen: hidden in privacy mode, and the author is told it stays off the wall. */
  namesCitizen: boolean;
  privacy: boolean;
  mine: boolean;
  deletable: boolean;
  movable: boolean;
  onPointerDown: (e: PointerEvent<HTMLElement>, mode: 'move' | 'resize') => void;
  onKeyMove: (dx: number, dy: number) => void;
  onSave: (text: string) => void;
  onToggleScreen: () => void;
  onDelete: () => void;
}

const STEP = 20;

/** One sticky note or line of text on the surface, with its author's initials and actions. */
export function FreeNote(props: Props) {
  const { item, box, namesCitizen, privacy, mine, deletable, movable } = props;
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const hidden = privacy && namesCitizen;
  const what = item.kind === 'note' ? t('freeArea.note') : t('freeArea.text');
  const keyMove = (e: KeyboardEvent<HTMLElement>) => {
    if (!movable || e.target !== e.currentTarget) return;
    const d = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] }[e.key];
    if (!d) return;
    e.preventDefault();
    props.onKeyMove(d[0]!, d[1]!);
  };
  return (
    <div
      className={`free-item free-${item.kind}${item.kind === 'note' ? ` free-note-${item.colour}` : ''}`}
      style={{ left: box.x, top: box.y, width: box.w, height: box.h }}
      tabIndex={0}
      role="group"
      aria-label={`${what}: ${hidden ? t('freeArea.namesCitizen') : item.text}`}
      title={t('freeArea.by', { name: item.byName, time: formatInstant(item.at, 'dateTime') })}
      onPointerDown={(e) => movable && editing === null && props.onPointerDown(e, 'move')}
      onKeyDown={keyMove}
      data-testid={`free-item-${item.id}`}
    >
      {editing !== null ? (
        <form
          className="free-edit"
          onSubmit={(e) => {
            e.preventDefault();
            props.onSave(editing.trim());
            setEditing(null);
          }}
        >
          <textarea
            value={editing}
            maxLength={MAX_FREE_TEXT}
            autoFocus
            aria-label={t('freeArea.textLabel')}
            onChange={(e) => setEditing(e.target.value)}
          />
          <span className="free-edit-actions">
            <button type="submit">{t('freeArea.save')}</button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('freeArea.cancel')}
            </button>
          </span>
        </form>
      ) : (
        <p className="free-item-text">{hidden ? t('freeArea.namesCitizen') : item.text}</p>
      )}
      <footer className="free-item-meta">
        <span className="free-author" aria-hidden="true">
          {authorInitials(item)}
        </span>
        {item.expiry && (
          <span className="free-expiry-tag">
            {item.expiry === 'dag' ? t('freeArea.untilToday') : t('freeArea.untilWeek')}
          </span>
        )}
        {item.onScreen && !mine && <Monitor className="free-screen-mark" aria-label={t('freeArea.onScreenOn')} />}
        {mine && editing === null && (
          <>
            <button
              type="button"
              className="free-icon-button"
              aria-pressed={item.onScreen}
              aria-label={t('freeArea.onScreen')}
              title={namesCitizen && item.onScreen ? t('freeArea.namesCitizen') : t('freeArea.onScreenHint')}
              onClick={props.onToggleScreen}
              data-testid="free-toggle-screen"
            >
              <Monitor aria-hidden="true" />
            </button>
            <button
              type="button"
              className="free-icon-button"
              aria-label={t('freeArea.edit')}
              onClick={() => setEditing(item.text)}
            >
              <Pencil aria-hidden="true" />
            </button>
          </>
        )}
        {deletable && editing === null && (
          <button
            type="button"
            className="free-icon-button"
            aria-label={t('freeArea.deleteItem', { what: what.toLowerCase() })}
            onClick={props.onDelete}
            data-testid="free-delete"
          >
            <Trash2 aria-hidden="true" />
          </button>
        )}
      </footer>
      {mine && namesCitizen && item.onScreen && <p className="free-warning">{t('freeArea.namesCitizen')}</p>}
      {movable && editing === null && (
        <span
          className="free-resize"
          aria-hidden="true"
          title={t('freeArea.resize')}
          onPointerDown={(e) => {
            e.stopPropagation();
            props.onPointerDown(e, 'resize');
          }}
        />
      )}
    </div>
  );
}
