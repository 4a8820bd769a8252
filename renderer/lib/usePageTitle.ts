import { useEffect } from 'react';

/** The window title names the page, so a switcher or a screen reader tells them apart. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Stagegate` : 'Stagegate';
  }, [title]);
}
