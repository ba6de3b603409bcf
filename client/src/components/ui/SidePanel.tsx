import * as RadixDialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
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
  /** Between the header and the body, e.g. "Også åbent hos". */
  children: ReactNode;
}

/**
 * A side panel beside the board (card details, archive) on Radix UI's non-modal dialog:
 * focus moves into it, Escape and the close button close it, and the board stays usable —
 * clicks outside do not close it (people open the next card or drag while it is open), and
 * the caller puts focus back where it belongs (the card) when it closes.
 */
export function SidePanel({ title, onClose, closeLabel, className, testId, portal = false, children }: Props) {
  const content = (
    <RadixDialog.Content
      className={className ? `detail-panel ${className}` : 'detail-panel'}
      data-testid={testId}
      aria-describedby={undefined}
      onInteractOutside={(e) => e.preventDefault()}
      onCloseAutoFocus={(e) => e.preventDefault()}
    >
      <header className="detail-header">
        <RadixDialog.Title asChild>
          <h2>{title}</h2>
        </RadixDialog.Title>
        <RadixDialog.Close className="icon-button" aria-label={closeLabel}>
          <X aria-hidden="true" />
        </RadixDialog.Close>
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
