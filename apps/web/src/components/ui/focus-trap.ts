import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/**
 * What Tab can reach inside `root`, in order. Of a radio group only the checked radio is a Tab
 * stop (arrow keys move within it), so the others are left out.
 */
export function tabbables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(TABBABLE)).filter((element) => {
    if (element.closest('[hidden], [inert]')) return false;
    if (element instanceof HTMLInputElement && element.type === 'radio' && !element.checked) {
      const group = Array.from(root.querySelectorAll<HTMLInputElement>('input[type="radio"]')).filter(
        (radio) => radio.name === element.name,
      );
      return !group.some((radio) => radio.checked) && group[0] === element;
    }
    return true;
  });
}

/**
 * Keeps Tab and Shift+Tab inside `root`: from the last stop to the first and back. Browsers do
 * this for a modal <dialog> only partly (Tab may leave for the browser's own toolbar), and
 * environments without showModal not at all.
 */
export function trapTab(event: KeyboardEvent | ReactKeyboardEvent, root: HTMLElement) {
  if (event.key !== 'Tab') return;
  const stops = tabbables(root);
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const active = document.activeElement;
  const outside = !root.contains(active) || active === root;
  if (event.shiftKey && (active === first || outside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !root.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}
