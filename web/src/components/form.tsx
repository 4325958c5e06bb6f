// Shared pieces of the forms: running a request with busy and error state, submitting a
// form (client-side checks, 403 taken as "not allowed here"), and the card that holds a form.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../api/client';
import { FormError, errorField, useFocusInvalid } from './field';

/** A client-side check that failed, shaped like the server's 400 so that it marks the same field. */
export function invalid(message: string, field: string): ApiError {
  return new ApiError(400, 'invalid_argument', message, field);
}

/**
 * One request at a time: `busy` while it runs, and the error it threw kept in `error`
 * (cleared when the next one starts). `handle` may take an error itself (e.g. a 403 or 404)
 * by returning true; any other error is kept.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (action: () => Promise<void>, handle?: (e: unknown) => boolean) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (x) {
      if (!handle?.(x)) setError(x);
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, setError, run };
}

export interface SubmitOptions {
  /** The fields of the form that an error may name (they are marked and focused). */
  fields: readonly string[];
  /** The form may not be sent now (e.g. the user is not allowed to). */
  blocked?: boolean;
  /** Client-side checks before anything is sent: the first problem, or null. */
  validate?: () => ApiError | null;
  /** Sends the form; what it throws is shown in the form. */
  send: () => Promise<void>;
  /** Takes the server's message on a 403; without it, a 403 is shown like any other error. */
  onDenied?: (message: string) => void;
}

export interface Submit {
  busy: boolean;
  error: unknown;
  fields: readonly string[];
  formRef: { current: HTMLFormElement | null };
  onSubmit: (e: Event) => Promise<void>;
  /** The error to show beside the field, when the error names it. */
  fieldError: (field: string) => string | null;
}

/** Submit handling of a form: ignores submits while busy or blocked, checks, sends, keeps the error. */
export function useSubmit({ fields, blocked = false, validate, send, onDenied }: SubmitOptions): Submit {
  const { busy, error, setError, run } = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusInvalid(formRef, error, fields, busy);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (busy || blocked) return;
    const problem = validate ? validate() : null;
    if (problem) {
      setError(problem);
      return;
    }
    await run(send, (x) => {
      if (!onDenied || !(x instanceof ApiError) || x.status !== 403) return false;
      onDenied(x.message);
      return true;
    });
  };

  const fieldError = (field: string) => (errorField(error, fields) === field ? errorMessage(error) : null);

  return { busy, error, fields, formRef, onSubmit, fieldError };
}

export interface FormCardProps {
  /** The id of the card's heading, which also names the form. */
  id: string;
  title: string;
  lead: ComponentChildren;
  /** Why the form is not available here (shown instead of it), or null. */
  denied: string | null;
  form: Submit;
  submitLabel: string;
  busyLabel: string;
  /** The fields, between the form's error and the submit button. */
  children: ComponentChildren;
}

/** A card with a heading, a lead line and a form, or the reason the form is not available. */
export function FormCard({ id, title, lead, denied, form, submitLabel, busyLabel, children }: FormCardProps) {
  return (
    <section class="card form-card" aria-labelledby={id}>
      <h2 id={id} class="card__title">
        {title}
      </h2>
      <p class="form-card__lead">{lead}</p>
      {denied ? (
        <p class="form-card__denied">{denied}</p>
      ) : (
        <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-labelledby={id}>
          <fieldset class="form-card__fields" aria-busy={form.busy ? 'true' : undefined}>
            <FormError error={form.error} fields={form.fields} />
            {children}
            <button type="submit" class="btn btn--primary">
              {form.busy ? busyLabel : submitLabel}
            </button>
          </fieldset>
        </form>
      )}
    </section>
  );
}
