import { useTranslation } from 'react-i18next';
import { initialsOf, type Role } from '../../../../shared/index.js';
import type { PresentPerson } from '../../hooks/usePresence';

/** Who is on the board now, as coloured initials with name and role for hover and screen readers. */
export function PresenceAvatars({ people }: { people: readonly PresentPerson[] }) {
  const { t } = useTranslation();
  return (
    <section className="presence" aria-label={t('presence.label')}>
      <ul>
        {people.map((p) => {
          const role = t(`roles.${p.role as Role}`, { defaultValue: p.role });
          const label = `${p.isMe ? t('presence.you', { name: p.name }) : p.name}, ${role}`;
          return (
            <li
              key={p.userId}
              className="avatar"
              style={{ backgroundColor: p.color }}
              title={label}
              data-testid="avatar"
            >
              <span aria-hidden="true">{initialsOf(p.name).slice(0, 2)}</span>
              <span className="visually-hidden">{label}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
