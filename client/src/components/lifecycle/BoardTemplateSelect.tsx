import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/index.js';
import { useLifecycleEnv } from './env';

/** Roles that set up the board for the team (R9: coordinators prepare; the visitator sets the frame). */
const BOARD_SETUP_ROLES: ReadonlySet<Role> = new Set<Role>(['koordinator', 'leder', 'visitator', 'administrator']);

/**
 * The board's default follow-up cadence (issue "forløb lifecycle": each template selectable
 * per board and per card). Cards without their own template follow this one.
 */
export function BoardTemplateSelect({ value }: { value: string }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const id = useId();
  if (!env.editable || !BOARD_SETUP_ROLES.has(env.user.role)) return null;
  return (
    <label className="board-template" htmlFor={id}>
      <span>{t('board.defaultTemplate')}</span>
      <select
        id={id}
        value={value}
        data-testid="board-template"
        onChange={(e) =>
          env.connection.write((board, origin) => board.setBoardCadenceTemplateId(e.target.value, origin))
        }
      >
        {env.templates.map((tpl) => (
          <option key={tpl.id} value={tpl.id}>
            {tpl.name}
          </option>
        ))}
      </select>
    </label>
  );
}
