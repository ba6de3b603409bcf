import { Monitor, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { FreeItem, FreeNote, FreeStroke, FreeText } from '../../../../shared/model/freeArea.js';
import type { SessionUser } from '../../../../shared/model/user.js';
import { namesCitizen } from '../../../../shared/rules/freeArea.js';
import { authorInitials, canChange, canDelete } from './itemText';
import { INK_VAR, strokePath, strokesBox } from './strokePath';

interface Props {
  items: readonly FreeItem[];
  citizens: ReadonlySet<string>;
  privacy: boolean;
  /** The person acting (their own items get "Vis på skærmen" and "Tag ned"); null: read only (the wall). */
  user: SessionUser | null;
  onDelete?: (id: string) => void;
  onToggleScreen?: (id: string, onScreen: boolean) => void;
}

/** Reading order of the surface: top to bottom, then left to right. */
const readingOrder = (a: FreeItem, b: FreeItem) => a.y - b.y || a.x - b.x;

/**
 * The free area as a list (the phone and the wall, where a scaled surface would be too small
 * to read): notes and text in reading order, each in its colour; the drawings together below,
 * cropped to where was drawn.
 */
export function FreeList({ items, citizens, privacy, user, onDelete, onToggleScreen }: Props) {
  const { t } = useTranslation();
  const texts = items.filter((i): i is FreeNote | FreeText => i.kind !== 'stroke').sort(readingOrder);
  const strokes = items.filter((i): i is FreeStroke => i.kind === 'stroke');
  const box = strokesBox(strokes);
  if (items.length === 0) return <p className="free-empty">{t('freeArea.empty')}</p>;
  return (
    <div className="free-list">
      <ul className="free-list-notes">
        {texts.map((item) => {
          const named = namesCitizen(item.text, citizens);
          return (
            <li
              key={item.id}
              className={`free-list-item free-${item.kind}${item.kind === 'note' ? ` free-note-${item.colour}` : ''}`}
              data-testid={`free-list-item-${item.id}`}
            >
              <p className="free-item-text">{privacy && named ? t('freeArea.namesCitizen') : item.text}</p>
              <footer className="free-item-meta">
                <span className="free-author" title={item.byName}>
                  {authorInitials(item)}
                </span>
                {item.expiry && (
                  <span className="free-expiry-tag">
                    {item.expiry === 'dag' ? t('freeArea.untilToday') : t('freeArea.untilWeek')}
                  </span>
                )}
                {user && canChange(item, user) && onToggleScreen && (
                  <button
                    type="button"
                    className="free-icon-button"
                    aria-pressed={item.onScreen}
                    aria-label={t('freeArea.onScreen')}
                    onClick={() => onToggleScreen(item.id, !item.onScreen)}
                  >
                    <Monitor aria-hidden="true" />
                  </button>
                )}
                {user && canDelete(item, user) && onDelete && (
                  <button
                    type="button"
                    className="free-icon-button"
                    aria-label={t('freeArea.deleteItem', { what: t(`freeArea.${item.kind}`).toLowerCase() })}
                    onClick={() => onDelete(item.id)}
                  >
                    <Trash2 aria-hidden="true" />
                  </button>
                )}
              </footer>
              {user && canChange(item, user) && named && item.onScreen && (
                <p className="free-warning">{t('freeArea.namesCitizen')}</p>
              )}
            </li>
          );
        })}
      </ul>
      {box && (
        <figure className="free-list-drawings">
          <svg
            viewBox={`${box.x} ${box.y} ${box.w} ${box.h}`}
            role="img"
            aria-label={t('freeArea.drawings')}
            data-testid="free-drawings"
          >
            {strokes.map((s) => (
              <path key={s.id} d={strokePath(s)} fill={INK_VAR[s.ink]} />
            ))}
          </svg>
        </figure>
      )}
    </div>
  );
}
