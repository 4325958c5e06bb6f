// Small shared building blocks: fields with server-side error marking, states,
// a confirmation dialog, the status announcer and date formatting.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';

/* ---------- errors bound to form fields ---------- */

/** The field of the form that an API error names, when the form has it. */
export function errorField(err: unknown, fields: readonly string[]): string | null {
  if (err instanceof ApiError && err.field && fields.includes(err.field)) return err.field;
  return null;
}

export interface FieldProps {
  label: string;
  name: string;
  /** The error to show beside the input (marks it aria-invalid). */
  error?: string | null | undefined;
  hint?: ComponentChildren;
  children: (p: {
    id: string;
    name: string;
    'aria-invalid': 'true' | undefined;
    'aria-describedby': string | undefined;
  }) => JSX.Element;
}

export function Field({ label, name, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const described = [errId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      {children({ id, name, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described })}
      {error ? (
        <p class="field__error" id={errId}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The form-level error: every error that is not shown beside a field. */
export function FormError({ error, fields }: { error: unknown; fields: readonly string[] }) {
  if (!error) return null;
  const field = errorField(error, fields);
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="alert alert--error" role="alert">
      {field ? 'Please correct the highlighted field.' : message}
    </div>
  );
}

/** After a failed submit, put the focus on the input the server named (once the form is enabled again). */
export function useFocusInvalid(
  formRef: { current: HTMLFormElement | null },
  error: unknown,
  fields: readonly string[],
  busy: boolean,
): void {
  useEffect(() => {
    const f = errorField(error, fields);
    if (busy || !formRef.current || !f) return;
    const el = formRef.current.elements.namedItem(f);
    if (el instanceof HTMLElement) el.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error, busy]);
}

/* ---------- page states ---------- */

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="state state--loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div class="alert alert--error" role="alert">
      <p>{message}</p>
      {onRetry ? (
        <button type="button" class="btn btn--small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state state--empty">{children}</p>;
}

/* ---------- async data ---------- */

export type Async<T> =
  | { status: 'loading'; data?: T | undefined }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: unknown; data?: T | undefined };

/** Loads data when deps change; keeps the previous data while reloading. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): [Async<T>, () => void] {
  const [state, setState] = useState<Async<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ status: 'loading', data: s.data }));
    load().then(
      (data) => live && setState({ status: 'ok', data }),
      (error: unknown) => live && setState((s) => ({ status: 'error', error, data: s.data })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return [state, () => setTick((t) => t + 1)];
}

/* ---------- announcements (aria-live) ---------- */

type Notice = { id: number; text: string; kind: 'success' | 'error' };
let notice: Notice | null = null;
let noticeSeq = 0;
const noticeListeners = new Set<(n: Notice | null) => void>();

/** Shows a message in the status bar of the page and reads it to screen readers. */
export function announce(text: string, kind: 'success' | 'error' = 'success'): void {
  notice = { id: ++noticeSeq, text, kind };
  for (const l of noticeListeners) l(notice);
}

export function clearAnnouncement(): void {
  notice = null;
  for (const l of noticeListeners) l(null);
}

export function Announcer() {
  const [n, setN] = useState<Notice | null>(notice);
  useEffect(() => {
    noticeListeners.add(setN);
    return () => {
      noticeListeners.delete(setN);
    };
  }, []);
  useEffect(() => {
    if (!n || n.kind === 'error') return;
    const t = window.setTimeout(() => clearAnnouncement(), 8000);
    return () => window.clearTimeout(t);
  }, [n]);
  return (
    <div class="announcer" role="status" aria-live="polite" aria-atomic="true">
      {n ? (
        <div class={`toast toast--${n.kind}`} key={n.id}>
          <span>{n.text}</span>
          <button type="button" class="toast__close" aria-label="Dismiss message" onClick={clearAnnouncement}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}

/* ---------- confirmation dialog ---------- */

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

/** A modal <dialog>: focus stays inside, Escape cancels, focus returns to the opener. */
export function ConfirmDialog({ open, title, children, confirmLabel, danger, busy, error, onConfirm, onCancel }: ConfirmProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<Element | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) {
      d.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
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
      <div class="dialog__actions">
        <button type="button" class="btn" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" class={danger ? 'btn btn--danger' : 'btn btn--primary'} onClick={onConfirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/* ---------- formatting ---------- */

const dtf = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const df = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dtf.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : df.format(d);
}

export function Time({ iso, dateOnly }: { iso: string | null | undefined; dateOnly?: boolean }) {
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={iso}>
      {dateOnly ? formatDate(iso) : formatDateTime(iso)}
    </time>
  );
}

/** Page heading that takes the focus when the page opens (for keyboard and screen-reader users). */
export function PageTitle({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Dandelion`;
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={ref} id="page-title" tabIndex={-1} class="page-title">
      {children}
    </h1>
  );
}
