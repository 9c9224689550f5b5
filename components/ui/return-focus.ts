import { useRef } from 'react';

/**
 * Focus handlers for a Radix dialog opened from state rather than by a Trigger. Without a trigger Radix sends focus
 * to the page's body on close, and a keyboard user has to start over from the top. These remember what had focus
 * when the dialog opened and go back there, or to `returnTo()` when it names a better place (the button that
 * opened a "Delete" dialog is about to disappear with its row).
 */
export function useReturnFocus(returnTo?: () => HTMLElement | null) {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: () => {
      // Radix fires this before moving focus into the dialog: the active element is still the opener.
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    onCloseAutoFocus: (event: Event) => {
      event.preventDefault();
      const target = returnTo?.() ?? (opener.current?.isConnected ? opener.current : null);
      target?.focus();
    },
  };
}
