// The focus trap of a modal dialog, as a pure function (unit-tested in dialog-model.test.ts).

/**
 * Where Tab (or Shift+Tab) should take the focus among a dialog's `count` focusable elements when it
 * is on the one at `index` (-1: on none of them, e.g. on the dialog itself): the index to focus,
 * wrapping from the last to the first and back, or null to let the browser move it as usual.
 */
export function trapFocus(count: number, index: number, shift: boolean): number | null {
  if (count <= 0) return null;
  if (shift) return index <= 0 ? count - 1 : null;
  return index < 0 || index >= count - 1 ? 0 : null;
}

/** The elements a dialog's focus may rest on, in tab order. */
export const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
