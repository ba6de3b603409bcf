import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../shared/index.js';
import { useBoardConnection } from '../../hooks/useBoardConnection';
import type { HeaderProps } from './AppHeader';
import { AppHeader } from './AppHeader';
import { LiveBoard } from '../board/LiveBoard';
import type { BoardConnection } from '../../sync/boardConnection';

interface Props {
  boardId: string;
  user: SessionUser;
  editable: boolean;
  header: Omit<HeaderProps, 'children' | 'onLogout'>;
  checkSession: () => void;
  /** A card to open in the detail panel once the board is shown. */
  initialCardId?: string | null;
  onLogout: (connection: BoardConnection | null, everywhere: boolean) => void;
}

/** Opens the board's connection for as long as this screen is shown. */
export function BoardScreen({ boardId, user, editable, header, checkSession, initialCardId, onLogout }: Props) {
  const { t } = useTranslation();
  const isScreen = user.role === 'skaerm';
  const connection = useBoardConnection(boardId, user.id, checkSession, {
    canEdit: editable && !isScreen,
    persist: !isScreen,
    wallCopy: isScreen,
  });
  if (!connection) {
    return (
      <div className="app">
        <AppHeader {...header} onLogout={(everywhere) => onLogout(null, everywhere)} />
        <p className="board-loading">{t('board.loadingDoc')}</p>
      </div>
    );
  }
  return (
    <LiveBoard
      connection={connection}
      user={user}
      editable={editable}
      initialCardId={initialCardId ?? null}
      header={{ ...header, onLogout: (everywhere) => onLogout(connection, everywhere) }}
    />
  );
}
