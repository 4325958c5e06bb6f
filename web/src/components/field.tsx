// A form field: its label, the input (rendered by the caller with the props given), the error
// beside it and a hint, both bound to the input with aria-describedby. An API error that names a
// field of the form (ApiError.field) is shown beside that field and marks it aria-invalid.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId } from 'preact/hooks';
import { ApiError } from '../api/client';

/** The field of the form that an API error names, when the form has it. */
export function errorField(err: unknown, fields: readonly string[]): string | null {
  if (err instanceof ApiError && err.field && fields.includes(err.field)) return err.field;
  return null;
}

/** The ids an input is described by: its error first, then its hint. */
export function describedBy(errorId: string | undefined, hintId: string | undefined): string | undefined {
  return [errorId, hintId].filter(Boolean).join(' ') || undefined;
}

export interface FieldInputProps {
  id: string;
  name: string;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  label: string;
  name: string;
  /** The error to show beside the input (marks it aria-invalid). */
  error?: string | null | undefined;
  hint?: ComponentChildren;
  children: (p: FieldInputProps) => JSX.Element;
}

export function Field({ label, name, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  return (
    <div class={error ? 'field field--invalid' : 'field'}>
      <label for={id}>{label}</label>
      {children({ id, name, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy(errId, hintId) })}
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
