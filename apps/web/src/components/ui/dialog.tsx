import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Button } from './button.tsx';
import { trapTab } from './focus-trap.ts';

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons beside Close, e.g. a form's submit. */
  actions?: ReactNode;
  /** Wide dialogs hold forms with several rows, such as Sync Settings. */
  size?: 'normal' | 'wide';
}

/**
 * A modal on the native <dialog>. Focus moves to the dialog when it opens, Tab and Shift+Tab stay
 * inside, Escape and Close close it, and focus returns to whatever opened it. The browser does
 * most of this with showModal; the rest is done here so it also holds where showModal is missing
 * (jsdom), which falls back to a plain open dialog.
 */
export function Dialog({ open, title, onClose, children, actions, size = 'normal' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    // The dialog itself, not its first control: a screen reader then reads the title first.
    dialog.focus();
    return () => {
      if (dialog.open) {
        if (typeof dialog.close === 'function') dialog.close();
        else dialog.removeAttribute('open');
      }
      opener?.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`dialog${size === 'wide' ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          // Handled here rather than by the native cancel alone, which jsdom never fires.
          event.preventDefault();
          onClose();
        } else if (ref.current) {
          trapTab(event, ref.current);
        }
      }}
      onCancel={(event) => {
        // Keep React's `open` the single source of truth: the parent closes it.
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        {actions}
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </dialog>
  );
}
