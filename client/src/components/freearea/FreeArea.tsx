import { Hand, PenLine } from 'lucide-react';
import { useCallback, useMemo, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { localOrigin } from '../../../../shared/doc/origins.js';
import { FREE_AREA_SIZE, INK_COLOURS, type InkColour, type NewFreeItem } from '../../../../shared/model/freeArea.js';
import type { SessionUser } from '../../../../shared/model/user.js';
import { citizenWords } from '../../../../shared/rules/freeArea.js';
import type { BoardConnection } from '../../sync/boardConnection';
import { FreeList } from './FreeList';
import { FreeSurface, type Tool } from './FreeSurface';
import { inputError } from './itemText';
import { NewItemForm, type NewItemChoice } from './NewItemForm';
import { useFreeItems } from './useFreeItems';
import { INK_VAR } from './strokePath';

export { WallFreeArea } from './WallFreeArea';

/*
 * "Dagens beskeder", the free area (issue #16): a lazily loaded chunk (components/board/
 * lazyParts.tsx), so neither this code nor perfect-freehand weighs on the board's first load.
 * Writes go through BoardDoc (shared/doc/freeAreaDoc.ts) and the server's write gate.
 */

interface Props {
  connection: BoardConnection;
  user: SessionUser;
  editable: boolean;
  privacy: boolean;
  onError: (message: string) => void;
}

/**
 * Surface units → CSS pixels beside the columns: the surface fills the dock's width, but
 * never smaller than 0.45 (a note's 26-unit text stays ≥ 12 px; narrower docks scroll).
 */
const SCALE = { min: 0.45, max: 1 } as const;

function useFitScale(): [(el: HTMLDivElement | null) => (() => void) | undefined, number] {
  const [scale, setScale] = useState(0.5);
  const ref = useCallback((el: HTMLDivElement | null) => {
    if (!el) return;
    const fit = () => setScale(Math.min(SCALE.max, Math.max(SCALE.min, (el.clientWidth - 2) / FREE_AREA_SIZE.width)));
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, scale];
}

function useFreeWrites({ connection, user, onError }: Pick<Props, 'connection' | 'user' | 'onError'>) {
  const { t } = useTranslation();
  return useMemo(() => {
    const board = connection.board;
    const origin = localOrigin(user.id);
    // Putting up and taking down are each one undo step (connection.write); moves and
    // edits go straight to the board, so one drag's many writes undo as one.
    const attempt = (write: () => void): boolean => {
      try {
        write();
        return true;
      } catch (err) {
        onError(inputError(err, t('freeArea.title')));
        return false;
      }
    };
    const author = { by: user.id, byName: user.name };
    return {
      add: (item: DistributiveOmit<NewFreeItem, 'by' | 'byName'>) =>
        attempt(() => connection.write((b, o) => b.addFreeItem({ ...item, ...author } as NewFreeItem, o))),
      update: (id: string, patch: Parameters<typeof board.updateFreeItem>[1]) =>
        attempt(() => board.updateFreeItem(id, patch, origin)),
      remove: (id: string) => attempt(() => connection.write((b, o) => b.deleteFreeItem(id, o))),
    };
  }, [connection, user, onError, t]);
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Where a new note goes: the next place in a grid of note-sized slots, so new notes do not cover each other. */
function nextSpot(count: number): { x: number; y: number } {
  const slot = count % 20;
  return { x: 20 + (slot % 5) * 310, y: 20 + Math.floor(slot / 5) * 220 };
}

/**
 * What the "Sæt op" form writes, on the board and on the phone alike: a note or a text of its
 * default size in the next free slot (strokes take no slot).
 */
function placedNew(
  { kind, text, colour, expiry, onScreen }: Parameters<ComponentProps<typeof NewItemForm>['onAdd']>[0],
  items: readonly { kind: string }[],
) {
  const at = nextSpot(items.filter((i) => i.kind !== 'stroke').length);
  return kind === 'note'
    ? { kind, text, colour, expiry, onScreen, ...at, w: 280, h: 190 }
    : { kind, text, expiry, onScreen, ...at, w: 320, h: 80 };
}

/** Beside the board's columns: tools, the "Sæt op" form and the surface. */
export function FreeAreaPanel(props: Props) {
  const { connection, user, editable, privacy } = props;
  const { t } = useTranslation();
  const items = useFreeItems(connection.board);
  const writes = useFreeWrites(props);
  const [tool, setTool] = useState<Tool>('move');
  const [ink, setInk] = useState<InkColour>('sort');
  const [choice, setChoice] = useState<NewItemChoice>({ expiry: 'dag', onScreen: false });
  // Re-read on every render (the board re-renders this on every change): cards are parsed once per change.
  const citizens = citizenWords(connection.board.cards());
  const [fitRef, scale] = useFitScale();
  return (
    <div className="free-panel-body">
      {editable && (
        <>
          <NewItemForm choice={choice} onChoice={setChoice} onAdd={(input) => writes.add(placedNew(input, items))} />
          <div className="free-tools" role="toolbar" aria-label={t('freeArea.tools')}>
            <button
              type="button"
              aria-pressed={tool === 'move'}
              onClick={() => setTool('move')}
              data-testid="free-tool-move"
            >
              <Hand aria-hidden="true" />
              {t('freeArea.toolMove')}
            </button>
            <button
              type="button"
              aria-pressed={tool === 'pen'}
              onClick={() => setTool('pen')}
              data-testid="free-tool-pen"
            >
              <PenLine aria-hidden="true" />
              {t('freeArea.toolPen')}
            </button>
            {tool === 'pen' && (
              <span className="free-swatches" role="radiogroup" aria-label={t('freeArea.ink')}>
                {INK_COLOURS.map((c) => (
                  <button
                    key={c}
                    type="button"
                    role="radio"
                    aria-checked={ink === c}
                    aria-label={t(`freeArea.colours.${c}`)}
                    title={t(`freeArea.colours.${c}`)}
                    className="free-swatch"
                    style={{ background: INK_VAR[c] }}
                    onClick={() => setInk(c)}
                  />
                ))}
              </span>
            )}
          </div>
        </>
      )}
      <div className="free-surface-scroll" ref={fitRef}>
        <FreeSurface
          items={items}
          user={user}
          editable={editable}
          privacy={privacy}
          citizens={citizens}
          tool={tool}
          ink={ink}
          penSize={6}
          scale={scale}
          onMove={(id, patch) => writes.update(id, patch)}
          onSave={(id, patch) => writes.update(id, patch)}
          onDelete={(id) => writes.remove(id)}
          onStroke={({ x, y, points }) =>
            writes.add({ kind: 'stroke', x, y, points, ink, size: 6, expiry: choice.expiry, onScreen: choice.onScreen })
          }
          onLongStroke={() => props.onError(t('freeArea.tooManyPoints'))}
        />
      </div>
      {items.length === 0 && <p className="free-empty">{t('freeArea.empty')}</p>}
    </div>
  );
}

/** The phone's "Beskeder" tab: the notes as a list in reading order, the drawings below, and "Sæt op". */
export function PhoneMessages(props: Props) {
  const { connection, user, editable, privacy } = props;
  const items = useFreeItems(connection.board);
  const writes = useFreeWrites(props);
  const [choice, setChoice] = useState<NewItemChoice>({ expiry: 'dag', onScreen: false });
  // Re-read on every render (the board re-renders this on every change): cards are parsed once per change.
  const citizens = citizenWords(connection.board.cards());
  return (
    <section className="phone-messages" data-testid="phone-messages">
      {editable && (
        <NewItemForm choice={choice} onChoice={setChoice} onAdd={(input) => writes.add(placedNew(input, items))} />
      )}
      <FreeList
        items={items}
        citizens={citizens}
        privacy={privacy}
        user={editable ? user : null}
        onDelete={(id) => writes.remove(id)}
        onToggleScreen={(id, onScreen) => writes.update(id, { onScreen })}
      />
    </section>
  );
}
