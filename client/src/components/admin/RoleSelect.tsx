import { useTranslation } from 'react-i18next';
import { ASSIGNABLE_ROLES, type Role } from '../../../../shared/index.js';

/** The roles an administrator may give (never `skaerm`: screens are paired devices). */
export function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange: (r: Role) => void }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{t('admin.users.role')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)}>
        {ASSIGNABLE_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
