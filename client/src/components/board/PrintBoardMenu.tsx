import * as Menu from '@radix-ui/react-dropdown-menu';
import { Printer } from 'lucide-react';
import { useTranslation } from 'react-i18next';

interface Props {
  boardId: string;
}

/** The PDF of the daily tavle (GET /api/boards/:id/tavle.pdf, server/http/boardPrint.ts). */
export function boardPdfPath(boardId: string, paper: 'a4' | 'a3', privacy: boolean): string {
  return `/api/boards/${encodeURIComponent(boardId)}/tavle.pdf?paper=${paper}${privacy ? '&privacy=1' : ''}`;
}

/**
 * The downtime kit's paper (issue #16, N7): the whole board as a PDF on A4 or A3, for the
 * staff or for the room (initials only), and the browser's own print of what is on screen.
 * Staff only: the wall screen never gets it (and the server refuses it too).
 */
export function PrintBoardMenu({ boardId }: Props) {
  const { t } = useTranslation();
  const pdf = (paper: 'a4' | 'a3', privacy: boolean, label: string) => (
    <Menu.Item className="menu-item" asChild>
      <a href={boardPdfPath(boardId, paper, privacy)} download data-testid={`print-${paper}${privacy ? '-room' : ''}`}>
        {label}
      </a>
    </Menu.Item>
  );
  return (
    <Menu.Root modal={false}>
      <Menu.Trigger className="print-board-button" data-testid="print-board" title={t('downtime.print')}>
        <Printer aria-hidden="true" />
        {/* Printer icon alone on narrower desktops (components.css), so the tools keep one row. */}
        <span className="tool-label">{t('downtime.print')}</span>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="menu" align="end" sideOffset={6}>
          {pdf('a4', false, t('downtime.printA4'))}
          {pdf('a3', false, t('downtime.printA3'))}
          {pdf('a4', true, t('downtime.printRoomA4'))}
          {pdf('a3', true, t('downtime.printRoomA3'))}
          <Menu.Item className="menu-item" onSelect={() => window.print()}>
            {t('downtime.printScreen')}
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
