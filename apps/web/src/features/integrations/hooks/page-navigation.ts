/**
 * Full-page navigation, behind an object so component tests can observe it: jsdom cannot
 * navigate, and its `window.location` cannot be stubbed.
 */
export const pageNavigation = {
  assign(url: string): void {
    window.location.assign(url);
  },
};
