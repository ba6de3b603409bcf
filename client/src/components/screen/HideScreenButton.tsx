import { Eye, EyeOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { BoardSocket } from '../../sync/boardSocket';
import { useScreenHidden } from './useScreenHidden';

interface Props {
  socket: BoardSocket | null;
  /** On the wall screen itself the label is "Skjul alt"; for staff "Skjul skærm". */
  onScreen: boolean;
  onError: (message: string) => void;
}

/** One tap covers every wall screen of the board (and the next one shows them again). */
export function HideScreenButton({ socket, onScreen, onError }: Props) {
  const { t } = useTranslation();
  const hidden = useScreenHidden(socket)?.hidden ?? false;
  const toggle = () => {
    if (!socket) return;
    void socket.setScreenHidden(!hidden).then((ack) => {
      if (!ack.ok) onError(ack.error.message);
    });
  };
  return (
    <button
      type="button"
      className={onScreen ? 'screen-hide-all' : 'screen-hide-toggle'}
      aria-pressed={hidden}
      disabled={!socket}
      onClick={toggle}
      data-testid="screen-hide"
    >
      {hidden ? <Eye aria-hidden="true" /> : <EyeOff aria-hidden="true" />}
      {hidden ? t('screen.show') : onScreen ? t('screen.hideAll') : t('screen.hide')}
    </button>
  );
}
