import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FREE_TEXT, NOTE_COLOURS, type Expiry, type NoteColour } from '../../../../shared/model/freeArea.js';

export interface NewItemChoice {
  expiry: Expiry;
  onScreen: boolean;
}

interface Props {
  /** Puts the note or text up; returns false when it was refused (the form keeps the words). */
  onAdd: (item: { kind: 'note' | 'text'; text: string; colour: NoteColour } & NewItemChoice) => boolean;
  /** Expiry and "vis på skærmen" for new items, shared with the pen. */
  choice: NewItemChoice;
  onChoice: (choice: NewItemChoice) => void;
}

/** "Sæt op": a note or a line of text with its colour, expiry and "Vis på skærmen". Keyboard-first. */
export function NewItemForm({ onAdd, choice, onChoice }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'note' | 'text'>('note');
  const [colour, setColour] = useState<NoteColour>('gul');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') return;
    if (onAdd({ kind, text: text.trim(), colour, ...choice })) setText('');
  };
  return (
    <form className="free-new" onSubmit={submit} data-testid="free-new">
      <label className="free-new-text">
        <span>{t('freeArea.textLabel')}</span>
        <textarea
          value={text}
          maxLength={MAX_FREE_TEXT}
          rows={2}
          placeholder={t('freeArea.textPlaceholder')}
          onChange={(e) => setText(e.target.value)}
          data-testid="free-new-text"
        />
      </label>
      <div className="free-new-options">
        <span className="free-segment" role="group" aria-label={t('freeArea.newNote')}>
          {(['note', 'text'] as const).map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={kind === k}
              onClick={() => setKind(k)}
              data-testid={`free-kind-${k}`}
            >
              {k === 'note' ? t('freeArea.newNote') : t('freeArea.newText')}
            </button>
          ))}
        </span>
        {kind === 'note' && (
          <span className="free-swatches" role="radiogroup" aria-label={t('freeArea.colour')}>
            {NOTE_COLOURS.map((c) => (
              <button
                key={c}
                type="button"
                role="radio"
                aria-checked={colour === c}
                aria-label={t(`freeArea.colours.${c}`)}
                title={t(`freeArea.colours.${c}`)}
                className={`free-swatch free-note-${c}`}
                onClick={() => setColour(c)}
              />
            ))}
          </span>
        )}
        <label className="free-expiry">
          <span>{t('freeArea.expiry')}</span>
          <select
            value={choice.expiry ?? ''}
            onChange={(e) => onChoice({ ...choice, expiry: (e.target.value || null) as Expiry })}
            data-testid="free-expiry"
          >
            <option value="dag">{t('freeArea.expiryDay')}</option>
            <option value="uge">{t('freeArea.expiryWeek')}</option>
            <option value="">{t('freeArea.expiryNone')}</option>
          </select>
        </label>
        <label className="free-onscreen" title={t('freeArea.onScreenHint')}>
          <input
            type="checkbox"
            checked={choice.onScreen}
            onChange={(e) => onChoice({ ...choice, onScreen: e.target.checked })}
            data-testid="free-onscreen"
          />
          {t('freeArea.onScreen')}
        </label>
        <button type="submit" className="primary" data-testid="free-add">
          {t('freeArea.add')}
        </button>
      </div>
    </form>
  );
}
