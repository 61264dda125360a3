import type { ReactNode } from 'react';

type Label = { labelledBy: string; label?: never } | { label: string; labelledBy?: never };

/**
 * A table wider than a phone scrolls inside this region, never the page. The region is named
 * and focusable, so a keyboard user can reach it and scroll it with the arrow keys.
 */
export function TableRegion({ children, ...name }: Label & { children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to be scrolled by keyboard (WCAG 2.1.1)
    <section className="table-wrap" aria-labelledby={name.labelledBy} aria-label={name.label} tabIndex={0}>
      {children}
    </section>
  );
}
