'use client';

import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

// A modal panel on the right, over a backdrop, like the detection drawer but
// wider. Not the native <dialog>: a modal one sits in the top layer, above
// sonner's toasts, and a "Saved" toast would be hidden behind it. So the
// focus is managed here: it moves into the panel on open, Tab and Shift+Tab
// cycle inside it, Escape closes it, and the focus goes back to the control
// that opened it.

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/** `titleId` names the heading the children render (aria-labelledby). */
export function Dialog(props: { titleId: string; onClose: () => void; children: ReactNode; testId?: string; width?: number }) {
  const panelRef = useRef<HTMLDivElement>(null);
  const { onClose } = props;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const panel = panelRef.current;
    (panel?.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ?? panel)?.focus();
    return () => {
      // The opener may have gone with a re-render of its table: then the page keeps the focus.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !panelRef.current) return;
    const items = [...panelRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && (document.activeElement === first || document.activeElement === panelRef.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <>
      <div className="drawer-backdrop" onClick={onClose} aria-hidden />
      <div
        ref={panelRef}
        className="drawer"
        style={{ width: `min(${props.width ?? 440}px, 100vw)` }}
        role="dialog"
        aria-modal="true"
        aria-labelledby={props.titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={props.testId}
      >
        {props.children}
      </div>
    </>
  );
}
