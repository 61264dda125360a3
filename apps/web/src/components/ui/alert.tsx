import type { ReactNode } from 'react';

type Tone = 'info' | 'error' | 'success' | 'warning';

interface AlertProps {
  tone?: Tone;
  title?: string;
  children: ReactNode;
  onDismiss?: () => void;
  /** Announce a non-error message politely (role="status"), e.g. the result of an action. */
  announce?: boolean;
}

/** Errors are announced immediately (role="alert"); other tones are plain notes unless `announce`. */
export function Alert({ tone = 'info', title, children, onDismiss, announce = false }: AlertProps) {
  const role = tone === 'error' ? 'alert' : announce ? 'status' : 'note';
  return (
    <div className={`alert alert-${tone}`} role={role}>
      {/* The glyph comes from CSS so the alert's text is exactly its message. */}
      <span className="alert-icon" aria-hidden="true" />
      <div className="alert-body">
        {title && <p className="alert-title">{title}</p>}
        <div>{children}</div>
      </div>
      {onDismiss && (
        // Its × also comes from CSS, for the same reason.
        <button type="button" className="alert-dismiss" onClick={onDismiss} aria-label="Dismiss" />
      )}
    </div>
  );
}
