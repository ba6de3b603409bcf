import { useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FREE_AREA_SIZE,
  FREE_BOX,
  MAX_STROKE_POINTS,
  type FreeItem,
  type FreeStroke,
  type InkColour,
} from '../../../../shared/model/freeArea.js';
import { namesCitizen } from '../../../../shared/rules/freeArea.js';
import type { SessionUser } from '../../../../shared/model/user.js';
import { FreeNote } from './FreeNote';
import { canChange, canDelete } from './itemText';
import { INK_VAR, outlinePath, pairs, strokePath, strokesBox } from './strokePath';

export type Tool = 'move' | 'pen';

interface Props {
  items: readonly FreeItem[];
  user: SessionUser;
  editable: boolean;
  privacy: boolean;
  citizens: ReadonlySet<string>;
  tool: Tool;
  ink: InkColour;
  penSize: number;
  /** Surface units → CSS pixels. */
  scale: number;
  onMove: (id: string, patch: { x: number; y: number } | { w: number; h: number }) => void;
  onSave: (id: string, patch: { text?: string; onScreen?: boolean }) => void;
  onDelete: (id: string) => void;
  /** A finished pen line: flat points relative to (x, y). */
  onStroke: (stroke: { x: number; y: number; points: number[] }) => void;
  onLongStroke: () => void;
}

interface Drag {
  id: string;
  mode: 'move' | 'resize';
  startX: number;
  startY: number;
  dx: number;
  dy: number;
}

const clamp = (v: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, v)));

/**
 * The free area's surface: notes and text as boxes, pen strokes as smooth SVG paths (one
 * coordinate system of FREE_AREA_SIZE units, scaled). Mouse, touch and pen alike through
 * pointer events: drag to move, the corner to resize, and with the pen tool draw. A drag is
 * written once, when it ends, so the others see the note land rather than every step.
 */
export function FreeSurface(props: Props) {
  const { items, user, editable, privacy, citizens, tool, ink, penSize, scale } = props;
  const { t } = useTranslation();
  const plane = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [pen, setPen] = useState<number[] | null>(null);
  /** A stroke tapped (not dragged): it shows its "Tag ned" button. */
  const [selected, setSelected] = useState<string | null>(null);

  const units = (e: PointerEvent): [number, number] => {
    const rect = plane.current!.getBoundingClientRect();
    return [
      ((e.clientX - rect.left) / rect.width) * FREE_AREA_SIZE.width,
      ((e.clientY - rect.top) / rect.height) * FREE_AREA_SIZE.height,
    ];
  };

  const startDrag = (item: FreeItem, e: PointerEvent<Element>, mode: Drag['mode']) => {
    if (!editable || tool !== 'move' || e.button !== 0) return;
    if ((e.target as Element).closest('button, textarea, input, select, a')) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const [x, y] = units(e);
    setDrag({ id: item.id, mode, startX: x, startY: y, dx: 0, dy: 0 });
  };
  const moveDrag = (e: PointerEvent) => {
    if (!drag) return;
    const [x, y] = units(e);
    setDrag({ ...drag, dx: x - drag.startX, dy: y - drag.startY });
  };
  const endDrag = () => {
    if (!drag) return;
    const item = items.find((i) => i.id === drag.id);
    setDrag(null);
    if (!item) return;
    if (Math.abs(drag.dx) < 2 && Math.abs(drag.dy) < 2) {
      setSelected(item.kind === 'stroke' && selected !== item.id ? item.id : null);
      return;
    }
    if (drag.mode === 'resize' && item.kind !== 'stroke') {
      props.onMove(item.id, {
        w: clamp(item.w + drag.dx, FREE_BOX.min, Math.min(FREE_BOX.max, FREE_AREA_SIZE.width - item.x)),
        h: clamp(item.h + drag.dy, FREE_BOX.min, Math.min(FREE_BOX.max, FREE_AREA_SIZE.height - item.y)),
      });
    } else {
      const w = item.kind === 'stroke' ? 0 : item.w;
      const h = item.kind === 'stroke' ? 0 : item.h;
      props.onMove(item.id, {
        x: clamp(item.x + drag.dx, 0, FREE_AREA_SIZE.width - w),
        y: clamp(item.y + drag.dy, 0, FREE_AREA_SIZE.height - h),
      });
    }
  };
  const offset = (item: FreeItem) =>
    drag?.id === item.id && drag.mode === 'move' ? { dx: drag.dx, dy: drag.dy } : { dx: 0, dy: 0 };

  // The pen: raw points in whole units, a point only when the pen moved, at most MAX_STROKE_POINTS.
  const penDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.target === e.currentTarget) setSelected(null);
    if (!editable || tool !== 'pen' || e.target !== e.currentTarget) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const [x, y] = units(e);
    setPen([Math.round(x), Math.round(y)]);
  };
  const penMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!pen) return;
    const next = [...pen];
    const events = 'getCoalescedEvents' in e.nativeEvent ? e.nativeEvent.getCoalescedEvents() : [];
    for (const ev of events.length > 0 ? events : [e]) {
      const [x, y] = units(ev as unknown as PointerEvent).map(Math.round) as [number, number];
      const cx = clamp(x, 0, FREE_AREA_SIZE.width);
      const cy = clamp(y, 0, FREE_AREA_SIZE.height);
      if (cx === next[next.length - 2] && cy === next[next.length - 1]) continue;
      next.push(cx, cy);
    }
    if (next.length / 2 >= MAX_STROKE_POINTS) {
      finishPen(next.slice(0, MAX_STROKE_POINTS * 2));
      props.onLongStroke();
      return;
    }
    setPen(next);
  };
  const finishPen = (points: number[] | null = pen) => {
    setPen(null);
    if (!points || points.length < 2) return;
    let minX = Infinity;
    let minY = Infinity;
    for (let i = 0; i < points.length; i += 2) {
      minX = Math.min(minX, points[i]!);
      minY = Math.min(minY, points[i + 1]!);
    }
    props.onStroke({ x: minX, y: minY, points: points.map((v, i) => v - (i % 2 === 0 ? minX : minY)) });
  };

  const strokes = items.filter((i): i is FreeStroke => i.kind === 'stroke');
  return (
    <div
      className="free-surface"
      style={{ width: FREE_AREA_SIZE.width * scale, height: FREE_AREA_SIZE.height * scale }}
      data-testid="free-surface"
    >
      <div
        ref={plane}
        className={`free-plane free-tool-${tool}`}
        style={{ width: FREE_AREA_SIZE.width, height: FREE_AREA_SIZE.height, transform: `scale(${scale})` }}
        role="region"
        aria-label={t('freeArea.surface')}
        onPointerDown={penDown}
        onPointerMove={(e) => (pen ? penMove(e) : moveDrag(e))}
        onPointerUp={() => (pen ? finishPen() : endDrag())}
        onPointerCancel={() => (pen ? finishPen() : setDrag(null))}
        data-testid="free-plane"
      >
        <svg
          className="free-strokes"
          viewBox={`0 0 ${FREE_AREA_SIZE.width} ${FREE_AREA_SIZE.height}`}
          aria-hidden="true"
        >
          {strokes.map((s) => {
            const { dx, dy } = offset(s);
            return (
              <path
                key={s.id}
                d={strokePath(s)}
                transform={dx || dy ? `translate(${dx} ${dy})` : undefined}
                fill={INK_VAR[s.ink]}
                className={canDelete(s, user) && editable ? 'free-stroke own' : 'free-stroke'}
                onPointerDown={(e) => startDrag(s, e, 'move')}
                data-testid={`free-item-${s.id}`}
              />
            );
          })}
          {pen && <path d={outlinePath(pairs(pen), penSize, false)} fill={INK_VAR[ink]} data-testid="free-pen-live" />}
        </svg>
        {strokes.map((s) => {
          const box = strokesBox([s]);
          if (s.id !== selected || !box || !editable || !canDelete(s, user)) return null;
          return (
            <button
              key={s.id}
              type="button"
              className="free-stroke-delete"
              style={{ left: box.x + box.w, top: box.y }}
              onClick={() => {
                setSelected(null);
                props.onDelete(s.id);
              }}
              data-testid="free-stroke-delete"
            >
              {t('freeArea.deleteItem', { what: t('freeArea.drawing').toLowerCase() })}
            </button>
          );
        })}
        {items.map((item) => {
          if (item.kind === 'stroke') return null;
          const { dx, dy } = offset(item);
          const resizing = drag?.id === item.id && drag.mode === 'resize';
          const box = {
            x: item.x + dx,
            y: item.y + dy,
            w: resizing ? clamp(item.w + drag.dx, FREE_BOX.min, FREE_BOX.max) : item.w,
            h: resizing ? clamp(item.h + drag.dy, FREE_BOX.min, FREE_BOX.max) : item.h,
          };
          const mine = canChange(item, user) && editable;
          return (
            <FreeNote
              key={item.id}
              item={item}
              box={box}
              namesCitizen={namesCitizen(item.text, citizens)}
              privacy={privacy}
              mine={mine}
              deletable={editable && canDelete(item, user)}
              movable={editable && tool === 'move'}
              onPointerDown={(e, mode) => startDrag(item, e, mode)}
              onKeyMove={(ddx, ddy) =>
                props.onMove(item.id, {
                  x: clamp(item.x + ddx, 0, FREE_AREA_SIZE.width - item.w),
                  y: clamp(item.y + ddy, 0, FREE_AREA_SIZE.height - item.h),
                })
              }
              onSave={(text) => props.onSave(item.id, { text })}
              onToggleScreen={() => props.onSave(item.id, { onScreen: !item.onScreen })}
              onDelete={() => props.onDelete(item.id)}
            />
          );
        })}
      </div>
    </div>
  );
}
