import * as Menu from '@radix-ui/react-dropdown-menu';
import { ChevronDown, LogOut, MonitorSmartphone } from 'lucide-react';
import { useTranslation } from 'react-i18next';

interface Props {
  name: string;
  /** `everywhere`: end the sessions on all the person's devices, not just this one. */
  onLogout: (everywhere: boolean) => void;
}

/**
 * The person's own menu at the right of the header (Radix dropdown menu: arrow keys, Escape,
 * focus back to the button): who is signed in, "Log ud" and "Log ud på alle enheder" —
 * rarely used, so out of the header's row of everyday buttons.
 */
export function UserMenu({ name, onLogout }: Props) {
  const { t } = useTranslation();
  const initials = name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger className="user-menu-button" data-testid="user-menu">
        <span className="user-initials" aria-hidden="true">
          {initials}
        </span>
        <span className="user-name">{name}</span>
        <ChevronDown aria-hidden="true" />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="menu" align="end" sideOffset={6}>
          <Menu.Item className="menu-item" onSelect={() => onLogout(false)}>
            <LogOut aria-hidden="true" />
            {t('header.logout')}
          </Menu.Item>
          <Menu.Item className="menu-item" onSelect={() => onLogout(true)}>
            <MonitorSmartphone aria-hidden="true" />
            {t('header.logoutAll')}
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
