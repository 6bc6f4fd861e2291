'use client';

import { useEffect, useRef, type ReactNode } from 'react';

// A modal panel on the right, over a backdrop, like the detection drawer but
// wider. Not the native <dialog>: a modal one sits in the top layer, above
// sonner's toasts, and a "Saved" toast would be hidden behind it. So the
// focus is managed here: it moves into the panel on open, Tab and Shift+Tab
// cycle inside it, Escape closes it, and the focus goes back to the control
// that opened it. Keys are read on the document: a button that turns
// disabled (Save while saving) drops the focus to <body>. The page behind does not scroll meanwhile.

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/** `titleId` names the heading the children render (aria-labelledby). */
export function Dialog(props: { titleId: string; onClose: () => void; children: ReactNode; testId?: string; width?: number }) {
  const panelRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(props.onClose);
  onCloseRef.current = props.onClose;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const panel = panelRef.current!;
    (panel.querySelector<HTMLElement>('[data-autofocus]') ?? panel).focus();

    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onCloseRef.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      const active = document.activeElement;
      const inside = active instanceof Node && panel.contains(active) && active !== panel;
      if (!inside || (event.shiftKey && active === first) || (!event.shiftKey && active === last)) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      }
    };
    document.addEventListener('keydown', onKey);
    // The page behind stays put while the dialog is open (a phone's swipe scrolls the panel, not the list).
    const overflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      document.body.style.overflow = overflow;
      document.removeEventListener('keydown', onKey);
      // The opener may have gone with a re-render of its table: then the page keeps the focus.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <>
      <div className="drawer-backdrop" onClick={props.onClose} aria-hidden />
      <div
        ref={panelRef}
        className="drawer"
        style={{ width: `min(${props.width ?? 440}px, 100vw)` }}
        role="dialog"
        aria-modal="true"
        aria-labelledby={props.titleId}
        tabIndex={-1}
        data-testid={props.testId}
      >
        {props.children}
      </div>
    </>
  );
}
