// Toasts: a short message about what just happened, in the corner of the page and read out by screen
// readers (an aria-live status region that is always in the page). One at a time: a new message
// replaces the one shown. Successes go after 8 seconds; errors stay until dismissed or replaced.
import { useEffect, useState } from 'preact/hooks';

export type ToastKind = 'success' | 'error';
type Notice = { id: number; text: string; kind: ToastKind };

let notice: Notice | null = null;
let noticeSeq = 0;
const listeners = new Set<(n: Notice | null) => void>();

/** How long a success stays, in ms. */
export const SUCCESS_MS = 8000;

/** Shows a message in the toast area of the page and reads it to screen readers. */
export function announce(text: string, kind: ToastKind = 'success'): void {
  notice = { id: ++noticeSeq, text, kind };
  for (const l of listeners) l(notice);
}

export function clearAnnouncement(): void {
  notice = null;
  for (const l of listeners) l(null);
}

/** The live region the toasts appear in; the shell renders it once. */
export function Announcer() {
  const [n, setN] = useState<Notice | null>(notice);
  useEffect(() => {
    listeners.add(setN);
    return () => {
      listeners.delete(setN);
    };
  }, []);
  useEffect(() => {
    if (!n || n.kind === 'error') return;
    const t = window.setTimeout(() => clearAnnouncement(), SUCCESS_MS);
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
