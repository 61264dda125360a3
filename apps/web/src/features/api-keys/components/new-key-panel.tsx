import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import type { CreatedKey } from './create-key-form.tsx';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The one time the full key is visible. It lives only in the page's state: Done (or leaving the
 * page) forgets it, and nothing can fetch it again.
 */
export function NewKeyPanel({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  // Focus lands on the key, selected, so keyboard users can copy it straight away.
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopy('copied');
    } catch {
      // No clipboard access (e.g. permission refused): leave the key selected for Ctrl+C.
      inputRef.current?.select();
      setCopy('failed');
    }
  };

  return (
    <section className="new-key-panel" role="status" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Key “{created.name}” created</h2>
      <p className="new-key-warning">Copy this key now: it will not be shown again.</p>
      <div className="field">
        <label htmlFor={`${id}-key`}>API key</label>
        <div className="new-key-row">
          <input
            ref={inputRef}
            id={`${id}-key`}
            className="new-key-value"
            value={created.key}
            readOnly
            autoComplete="off"
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button variant="secondary" onClick={onCopy}>
            Copy
          </Button>
        </div>
        {copy === 'copied' && <p className="copy-note">Copied to the clipboard.</p>}
        {copy === 'failed' && (
          <p className="field-error">Could not copy: the key is selected, press Ctrl+C (⌘C) to copy it.</p>
        )}
      </div>
      <div>
        <Button onClick={onDone}>Done</Button>
      </div>
    </section>
  );
}
