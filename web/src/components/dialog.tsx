// A modal dialog on the native <dialog> (the rest of the page is inert while it is open): the
// focus goes to its first control, Tab and Shift+Tab wrap inside it, Escape closes it (unless
// busy), and the focus goes back to what had it before. ConfirmDialog is the one for "are you sure?".
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { FOCUSABLE, trapFocus } from './dialog-model';

export interface DialogProps {
  open: boolean;
  title: ComponentChildren;
  children: ComponentChildren;
  /** The buttons at the bottom. */
  actions: ComponentChildren;
  /** Escape was pressed (the caller closes the dialog by setting `open` to false). */
  onClose: () => void;
  /** While true, Escape does nothing (a request is running). */
  busy?: boolean | undefined;
  /** Why the last action of the dialog failed, shown above the buttons. */
  error?: string | null | undefined;
}

export function Dialog({ open, title, children, actions, onClose, busy, error }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const giveBack = () => {
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
      opener.current = null;
    };
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) {
      d.close();
      giveBack();
    }
    return undefined;
  }, [open]);
  // Unmounted while open: the focus still goes back.
  useEffect(
    () => () => {
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    },
    [],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const to = trapFocus(items.length, items.indexOf(document.activeElement as HTMLElement), e.shiftKey);
    if (to === null) return;
    e.preventDefault();
    items[to]!.focus();
  };

  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId} class="dialog__title">
        {title}
      </h2>
      <div class="dialog__body">{children}</div>
      {error ? (
        <div class="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      <div class="dialog__actions">{actions}</div>
    </dialog>
  );
}

export interface ConfirmProps {
  open: boolean;
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** "Are you sure?": the question, the error of a failed attempt, Cancel and the confirming button. */
export function ConfirmDialog({ open, title, children, confirmLabel, danger, busy, error, onConfirm, onCancel }: ConfirmProps) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      busy={busy}
      error={error}
      actions={
        <>
          <button type="button" class="btn" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="button" class={danger ? 'btn btn--danger' : 'btn btn--primary'} onClick={onConfirm} disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
