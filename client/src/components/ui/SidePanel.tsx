import * as RadixDialog from '@radix-ui/react-dialog';
import { ChevronLeft, X } from 'lucide-react';
import type { ReactNode } from 'react';

interface Props {
  /** The panel's heading (an h2), which also names the dialog. */
  title: ReactNode;
  onClose: () => void;
  /** Accessible name of the close button ("Luk"). */
  closeLabel: string;
  className?: string;
  testId?: string;
  /** Over everything at the end of <body> (the archive), or in place (the card panel). */
  portal?: boolean;
  /**
   * On a phone the card covers the screen (responsive.css) and closes with a "Tilbage" button
   * at the top left, where the thumb and the habit of every phone app expect it.
   */
  fullScreen?: { backLabel: string };
  /** Between the header and the body, e.g. "Også åbent hos". */
  children: ReactNode;
}

/**
 * A side panel beside the board (card details, archive) on Radix UI's non-modal dialog:
 * focus moves into it, Escape and the close button close it, and the board stays usable —
 * clicks outside do not close it (people open the next card or drag while it is open), and
 * the caller puts focus back where it belongs (the card) when it closes.
 */
export function SidePanel(props: Props) {
  const { title, onClose, closeLabel, className, testId, portal = false, fullScreen, children } = props;
  const classes = ['detail-panel', className, fullScreen && 'full-screen'].filter(Boolean).join(' ');
  const content = (
    <RadixDialog.Content
      className={classes}
      data-testid={testId}
      aria-describedby={undefined}
      // Full screen, everything behind it is inert (LiveBoard), so it is modal in effect.
      aria-modal={fullScreen ? true : undefined}
      onInteractOutside={(e) => e.preventDefault()}
      onCloseAutoFocus={(e) => e.preventDefault()}
    >
      <header className="detail-header">
        <RadixDialog.Title asChild>
          <h2>{title}</h2>
        </RadixDialog.Title>
        {fullScreen ? (
          <RadixDialog.Close className="detail-back" data-testid="detail-back">
            <ChevronLeft aria-hidden="true" /> {fullScreen.backLabel}
          </RadixDialog.Close>
        ) : (
          <RadixDialog.Close className="icon-button" aria-label={closeLabel}>
            <X aria-hidden="true" />
          </RadixDialog.Close>
        )}
      </header>
      {children}
    </RadixDialog.Content>
  );
  return (
    <RadixDialog.Root open modal={false} onOpenChange={(open) => !open && onClose()}>
      {portal ? <RadixDialog.Portal>{content}</RadixDialog.Portal> : content}
    </RadixDialog.Root>
  );
}
