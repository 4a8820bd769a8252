import { useState } from 'react';

/** Copies a text; the Clipboard API first, the old select-and-copy where a host denies it. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      return;
    } catch {
      // Electron denies clipboard permissions; fall through.
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    setState(done ? 'copied' : 'failed');
  };
  return (
    <>
      <button type="button" className="button small" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="muted copy-status">
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'failed' ? 'Could not copy: select the text and copy it by hand.' : ''}
      </span>
    </>
  );
}
