// The states of a part of a page that is not (yet) showing its data: loading, failed (with a way
// to try again), and empty. Every page uses these, so that they look and read the same everywhere.
import type { ComponentChildren } from 'preact';

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
