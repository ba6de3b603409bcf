import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_DISCUSSION_PROMPTS,
  MAX_PROMPT_LENGTH,
  MAX_PROMPTS,
  promptLines,
  type AdminSettings,
} from '../../../../shared/index.js';
import { adminApi } from './adminApi';
import { FormStatus } from './FormStatus';
import { textToLines } from './lines';
import { useAsyncAction } from './useAsyncAction';

/**
 * "Samtalestøtte på skærmen": the municipality's lists for the wall's focus view (what to
 * look at, R11; what has been tried before more help, R12), one per line. "Gendan standard"
 * fills in the defaults; nothing changes until it is saved. The server validates and answers
 * in Danish.
 */
export function DiscussionPromptsForm({
  settings,
  onSaved,
}: {
  settings: AdminSettings;
  onSaved: (s: AdminSettings) => void;
}) {
  const { t } = useTranslation();
  const [areas, setAreas] = useState(settings.discussionPrompts.observationAreas.join('\n'));
  const [tried, setTried] = useState(settings.discussionPrompts.triedAlready.join('\n'));
  const action = useAsyncAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const saved = await adminApi.updateSettings({
        discussionPrompts: { observationAreas: textToLines(areas), triedAlready: textToLines(tried) },
      });
      onSaved(saved);
      setAreas(saved.discussionPrompts.observationAreas.join('\n'));
      setTried(saved.discussionPrompts.triedAlready.join('\n'));
      return t('admin.saved');
    });
  };
  const restore = () => {
    const d = promptLines(DEFAULT_DISCUSSION_PROMPTS);
    setAreas(d.observationAreas.join('\n'));
    setTried(d.triedAlready.join('\n'));
  };
  const limits = { max: MAX_PROMPTS, length: MAX_PROMPT_LENGTH };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="admin-prompts-heading" data-testid="admin-prompts">
      <h3 id="admin-prompts-heading">{t('admin.settings.prompts.heading')}</h3>
      <p className="field-hint">{t('admin.settings.prompts.hint', limits)}</p>
      <div className="field">
        <label htmlFor="admin-prompts-areas">{t('admin.settings.prompts.areas')}</label>
        <textarea
          id="admin-prompts-areas"
          rows={8}
          value={areas}
          onChange={(e) => setAreas(e.target.value)}
          data-testid="admin-prompts-areas"
        />
      </div>
      <div className="field">
        <label htmlFor="admin-prompts-tried">{t('admin.settings.prompts.tried')}</label>
        <textarea
          id="admin-prompts-tried"
          rows={6}
          value={tried}
          onChange={(e) => setTried(e.target.value)}
          data-testid="admin-prompts-tried"
        />
      </div>
      <button type="button" onClick={restore} disabled={action.busy}>
        {t('admin.settings.prompts.restore')}
      </button>{' '}
      <button type="submit" className="primary" disabled={action.busy}>
        {t('admin.settings.prompts.save')}
      </button>
      <FormStatus error={action.error} done={action.done} />
    </form>
  );
}
