'use client';
import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog (the native <dialog> shown with showModal, as CardDialog does): it traps
 * focus and takes Escape; focus goes to the first control marked autoFocus (or the dialog's
 * first control) and back to where it was when the dialog goes away, closed or unmounted.
 */
export function Modal(props: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  describedBy?: string;
  testId?: string;
  /** a close button (×) in the head; off for dialogs whose own buttons cancel */
  closeLabel?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `${useId()}-title`;
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      // The card that opened it (or the menu's button) gets the focus back.
      if (before && before.isConnected) before.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal ${props.className ?? ''}`}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={props.describedBy}
      data-testid={props.testId}
      onCancel={(e) => {
        e.preventDefault(); // the parent unmounts it
        onClose.current();
      }}
    >
      <div className="modal-head">
        <h2 id={titleId}>{props.title}</h2>
        {props.closeLabel && (
          <button type="button" className="modal-x" onClick={() => onClose.current()} aria-label={props.closeLabel}>
            ×
          </button>
        )}
      </div>
      <div className="modal-body">{props.children}</div>
    </dialog>
  );
}
