import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { NavLink } from 'react-router-dom';
import type { AdminPage } from '../lib/access.ts';

const NAV_ID = 'admin-nav';

/**
 * The Admin navigation, and at narrow widths the Menu button that shows and hides it (CSS hides
 * the button, and shows the links always, on wide screens). Opening moves focus to the first
 * link; Escape closes and returns focus to the button; following a link closes it.
 */
export function useAdminMenu() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (open) navRef.current?.querySelector<HTMLElement>('a')?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  };
  return {
    open,
    toggle: () => setOpen((value) => !value),
    // Following a link closes the menu; focus then goes where the new page puts it.
    onFollow: () => setOpen(false),
    buttonRef,
    navRef,
    onKeyDown,
  };
}

export type AdminMenu = ReturnType<typeof useAdminMenu>;

export function MenuButton({ menu }: { menu: AdminMenu }) {
  return (
    <button
      ref={menu.buttonRef}
      type="button"
      className="menu-button"
      aria-expanded={menu.open}
      aria-controls={NAV_ID}
      onClick={menu.toggle}
      onKeyDown={menu.onKeyDown}
    >
      <span className="menu-icon" aria-hidden="true" />
      Menu
    </button>
  );
}

export function AdminNav({ pages, menu }: { pages: AdminPage[]; menu: AdminMenu }) {
  return (
    <nav
      id={NAV_ID}
      ref={menu.navRef}
      aria-label="Admin"
      className={`sidebar${menu.open ? ' is-open' : ''}`}
      onKeyDown={menu.onKeyDown}
    >
      {pages.length > 0 ? (
        <ul>
          {pages.map((page) => (
            <li key={page.id}>
              <NavLink to={page.path} className="nav-link" onClick={menu.onFollow}>
                {page.label}
              </NavLink>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted sidebar-empty">No admin pages</p>
      )}
    </nav>
  );
}
