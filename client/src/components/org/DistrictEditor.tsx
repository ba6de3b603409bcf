import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { District } from '../../../../shared/model/organisation.js';
import type { OrgPerson } from '../../../../shared/protocol/organisation.js';

/** One district in Administration → Organisation: its name, teams and visitator pool. */
export function DistrictEditor({
  district,
  visitators,
  teamName,
  editable,
  onRename,
  onPool,
}: {
  district: District;
  visitators: readonly OrgPerson[];
  teamName: (id: string) => string;
  editable: boolean;
  onRename: (name: string) => void;
  onPool: (visitatorIds: string[]) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(district.name);
  const toggle = (id: string, on: boolean) =>
    onPool(on ? [...district.visitatorIds, id] : district.visitatorIds.filter((x) => x !== id));
  return (
    <fieldset data-testid={`org-district-${district.name}`}>
      <legend>{district.name}</legend>
      <div className="org-row">
        <label>
          {t('org.admin.districtName')}
          <input value={name} disabled={!editable} maxLength={60} onChange={(e) => setName(e.target.value)} />
        </label>
        {editable && (
          <button
            type="button"
            disabled={name.trim() === '' || name === district.name}
            onClick={() => onRename(name.trim())}
          >
            {t('org.admin.rename')}
          </button>
        )}
      </div>
      <p>
        {t('org.admin.teams')}: {district.teamIds.map(teamName).join(', ') || t('org.admin.none')}
      </p>
      <fieldset>
        <legend>{t('org.admin.pool')}</legend>
        {visitators.map((v) => (
          <label key={v.id} className="toggle">
            <input
              type="checkbox"
              disabled={!editable}
              checked={district.visitatorIds.includes(v.id)}
              onChange={(e) => toggle(v.id, e.target.checked)}
              data-testid={`org-pool-${district.name}-${v.id}`}
            />
            {v.name}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}
