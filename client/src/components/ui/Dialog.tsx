import * as RadixDialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { ReactNode, RefObject } from 'react';

interface Props {
  title: ReactNode;
  /** Read out with the title (aria-describedby); leave out when the body says it. */
  description?: ReactNode;
  onClose: () => void;
  /** "Luk" (the close button's accessible name); no close button when not given. */
  closeLabel?: string;
  /** `alertdialog` for a question that must be answered (Afslut mødet). */
  role?: 'dialog' | 'alertdialog';
  className?: string;
  testId?: string;
  /** Where focus starts (the safe answer); default: the first button. */
  initialFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
}

/**
 * A modal dialog on Radix UI: focus moves in and stays in, Escape and the close button close
 * it, focus returns to where it was, the page behind is inert. Always open while rendered:
 * the caller decides when to show it, as with the hand-rolled dialogs it replaces.
 */
export function Dialog({
  title,
  description,
  onClose,
  closeLabel,
  role = 'dialog',
  className,
  testId,
  initialFocus,
  children,
}: Props) {
  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className={className ? `dialog ${className}` : 'dialog'}
          role={role}
          data-testid={testId}
          onOpenAutoFocus={(e) => {
            if (!initialFocus?.current) return;
            e.preventDefault();
            initialFocus.current.focus();
          }}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <div className="dialog-header">
            <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
            {closeLabel && (
              <RadixDialog.Close className="icon-button" aria-label={closeLabel}>
                <X aria-hidden="true" />
              </RadixDialog.Close>
            )}
          </div>
          {description && <RadixDialog.Description>{description}</RadixDialog.Description>}
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
