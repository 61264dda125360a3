import type { ReactNode } from 'react';

type Tone = 'info' | 'error' | 'success' | 'warning';

interface AlertProps {
  tone?: Tone;
  title?: string;
  children: ReactNode;
  onDismiss?: () => void;
}

/** Errors are announced immediately (role="alert"); other tones are plain notes. */
export function Alert({ tone = 'info', title, children, onDismiss }: AlertProps) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'note'}>
      {/* The glyph comes from CSS so the alert's text is exactly its message. */}
      <span className="alert-icon" aria-hidden="true" />
      <div className="alert-body">
        {title && <p className="alert-title">{title}</p>}
        <div>{children}</div>
      </div>
      {onDismiss && (
        <button type="button" className="alert-dismiss" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}
