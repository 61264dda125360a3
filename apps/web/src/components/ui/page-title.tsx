import { useEffect } from 'react';

/** Names the browser tab after the page, so history and screen readers say where you are. */
export function PageTitle({ title }: { title: string }) {
  useEffect(() => {
    document.title = `${title} · Cloverhound Cloud Admin`;
  }, [title]);
  return null;
}
