import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ExternalRefSchema,
  TEMPORARY_CHANGE_BUFFER_DAYS,
  calendarDaysBetween,
  catalogueSelection,
  findCadenceTemplate,
  isCalendarDate,
  type Card,
  type RequestKind,
} from '../../../../shared/index.js';
import { CardTimeSection } from '../styring/CardTimeSection';
import { CommitInput } from './CommitInput';
import { RequestForm } from './RequestForm';
import { useLifecycleEnv } from './env';
import { useLifecycleWrite } from './util';

/** Forløbstype (→ legal basis and plan), dates, plan, visiteret tid and a temporary change. */
export function ForlobSection({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const lc = card.lifecycle;
  const readOnly = !env.editable;
  const [requestKind, setRequestKind] = useState<RequestKind | null>(null);
  const boardTemplate = findCadenceTemplate(env.ctx.boardTemplateId ?? '', env.ctx.customTemplates);

  const setDate = (field: 'visitationDate' | 'startDate') => (value: string) => {
    if (value !== '' && !isCalendarDate(value)) return t('validation.date');
    return write((board, origin) => board.setLifecycle(card.id, { [field]: value === '' ? null : value }, origin));
  };

  const setHours = (value: string): string | null => {
    const hours = value.trim() === '' ? null : Number(value.replace(',', '.'));
    if (hours !== null && !Number.isFinite(hours)) return t('lifecycle.invalid');
    const before = lc.weeklyHours ?? 0;
    const after = hours ?? 0;
    if (after > before && !env.can('adjustUp')) {
      setRequestKind('mere-tid');
      return t('lifecycle.forlob.notAllowedUp');
    }
    if (after < before && !env.can('adjustDown')) {
      setRequestKind('mere-tid');
      return t('lifecycle.forlob.notAllowedDown');
    }
    return write((board, origin) => board.setLifecycle(card.id, { weeklyHours: hours }, origin));
  };

  const setExternalRef = (value: string): string | null => {
    const parsed = ExternalRefSchema.safeParse(value);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? t('lifecycle.invalid');
    return write((board, origin) => board.setLifecycle(card.id, { externalRef: parsed.data }, origin));
  };

  const canType = env.can('changeType');
  return (
    <section className="lc-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="visually-hidden">
        {t('lifecycle.tabs.forlob')}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('lifecycle.forlob.type')}</label>
        <select
          id={`${id}-type`}
          value={lc.forlobTypeId ?? ''}
          disabled={readOnly || !canType}
          onChange={(e) => {
            const type = env.catalogue.find((x) => x.id === e.target.value);
            if (type) write((board, origin) => board.setLifecycle(card.id, catalogueSelection(type), origin));
          }}
        >
          <option value="" disabled>
            {card.forlobType || t('lifecycle.forlob.noType')}
          </option>
          {env.catalogue.map((type) => (
            <option key={type.id} value={type.id}>
              {type.name}
            </option>
          ))}
        </select>
        {lc.legalBasis && (
          <p className="field-hint">
            {t('lifecycle.forlob.legalBasis')}: <span className="tag">{lc.legalBasis}</span>
          </p>
        )}
        {!readOnly && !canType && (
          <p className="field-hint">
            {t('lifecycle.forlob.notAllowedType')}{' '}
            <button type="button" className="link-button" onClick={() => setRequestKind('aendr-forlob')}>
              {t('lifecycle.requests.send')}
            </button>
          </p>
        )}
      </div>
      {requestKind && <RequestForm key={requestKind} card={card} kind={requestKind} />}
      <div className="field-row">
        <CommitInput
          label={t('lifecycle.forlob.visitationDate')}
          type="date"
          value={lc.visitationDate ?? ''}
          readOnly={readOnly}
          onCommit={setDate('visitationDate')}
        />
        <CommitInput
          label={t('lifecycle.forlob.startDate')}
          type="date"
          value={lc.startDate ?? ''}
          readOnly={readOnly}
          onCommit={setDate('startDate')}
        />
      </div>
      <p className="field-hint">{t('lifecycle.forlob.startHint')}</p>
      <div className="field">
        <label htmlFor={`${id}-tpl`}>{t('lifecycle.forlob.template')}</label>
        <select
          id={`${id}-tpl`}
          value={lc.cadenceTemplateId ?? ''}
          disabled={readOnly}
          onChange={(e) =>
            write((board, origin) =>
              board.setLifecycle(card.id, { cadenceTemplateId: e.target.value === '' ? null : e.target.value }, origin),
            )
          }
        >
          <option value="">{t('lifecycle.forlob.boardDefault', { name: boardTemplate?.name ?? '–' })}</option>
          {env.templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.name}
              {tpl.legalBasis ? ` (${tpl.legalBasis})` : ''}
            </option>
          ))}
        </select>
        {(() => {
          const tpl = findCadenceTemplate(
            lc.cadenceTemplateId ?? env.ctx.boardTemplateId ?? '',
            env.ctx.customTemplates,
          );
          return tpl?.description ? <p className="field-hint">{tpl.description}</p> : null;
        })()}
      </div>
      <CommitInput
        label={t('lifecycle.forlob.weeklyHours')}
        type="number"
        step="0.25"
        value={lc.weeklyHours === null ? '' : String(lc.weeklyHours)}
        readOnly={readOnly}
        onCommit={setHours}
      />
      <CommitInput
        label={t('lifecycle.forlob.externalRef')}
        hint={t('lifecycle.forlob.externalRefHint')}
        value={lc.externalRef}
        readOnly={readOnly}
        testId="external-ref"
        onCommit={setExternalRef}
      />
      <TemporaryChangeForm card={card} />
      <CardTimeSection
        boardId={env.connection.boardId}
        cardId={card.id}
        externalRef={lc.externalRef}
        weeklyHours={lc.weeklyHours}
      />
    </section>
  );
}

function TemporaryChangeForm({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const current = card.lifecycle.temporaryChange;
  const [text, setText] = useState(current?.text ?? '');
  const [endDate, setEndDate] = useState(current?.endDate ?? '');
  const [error, setError] = useState<string | null>(null);
  const long =
    endDate !== '' && isCalendarDate(endDate) && calendarDaysBetween(env.today, endDate) > TEMPORARY_CHANGE_BUFFER_DAYS;
  const save = () =>
    setError(write((board, origin) => board.setLifecycle(card.id, { temporaryChange: { text, endDate } }, origin)));
  const remove = () => {
    setError(write((board, origin) => board.setLifecycle(card.id, { temporaryChange: null }, origin)));
    setText('');
    setEndDate('');
  };
  return (
    <fieldset className="lc-fieldset" disabled={!env.editable}>
      <legend>{t('lifecycle.forlob.tempTitle')}</legend>
      <p className="field-hint">{t('lifecycle.forlob.tempHint')}</p>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('lifecycle.forlob.tempText')}</label>
        <input id={`${id}-text`} value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-end`}>{t('lifecycle.forlob.tempEnd')}</label>
        <input id={`${id}-end`} type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
      </div>
      {long && <p className="lc-warning">{t('lifecycle.forlob.tempLong')}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="primary" onClick={save}>
          {t('lifecycle.forlob.tempSave')}
        </button>
        {current && (
          <button type="button" onClick={remove}>
            {t('lifecycle.forlob.tempRemove')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
