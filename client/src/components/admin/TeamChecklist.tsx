import type { AdminTeam } from '../../../../shared/index.js';

interface Props {
  legend: string;
  idPrefix: string;
  teams: AdminTeam[];
  selected: string[];
  onChange: (teamIds: string[]) => void;
}

/** A fieldset of team checkboxes (a visitator may be on several teams). */
export function TeamChecklist({ legend, idPrefix, teams, selected, onChange }: Props) {
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  return (
    <fieldset className="field admin-checklist">
      <legend>{legend}</legend>
      {teams.map((team) => (
        <label key={team.id} htmlFor={`${idPrefix}-${team.id}`}>
          <input
            id={`${idPrefix}-${team.id}`}
            type="checkbox"
            checked={selected.includes(team.id)}
            onChange={(e) => toggle(team.id, e.target.checked)}
          />
          {team.name}
        </label>
      ))}
    </fieldset>
  );
}
