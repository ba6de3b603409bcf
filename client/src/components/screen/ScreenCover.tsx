import { useTranslation } from 'react-i18next';

interface Props {
  onShow: () => void;
}

/**
 * What the wall screen shows after "skjul alt": a neutral cover and nothing else. The board
 * is not rendered underneath, so no citizen data is in the page while it is hidden.
 */
export function ScreenCover({ onShow }: Props) {
  const { t } = useTranslation();
  return (
    <div className="screen-cover" data-testid="screen-cover">
      <button type="button" className="screen-cover-button" onClick={onShow} data-testid="screen-show">
        {t('screen.hiddenCover')}
      </button>
    </div>
  );
}
