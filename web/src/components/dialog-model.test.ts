import { describe, expect, it } from 'vitest';
import { trapFocus } from './dialog-model';

describe('trapFocus', () => {
  it('wraps Tab from the last element to the first', () => {
    expect(trapFocus(3, 2, false)).toBe(0);
    expect(trapFocus(1, 0, false)).toBe(0);
  });
  it('wraps Shift+Tab from the first element to the last', () => {
    expect(trapFocus(3, 0, true)).toBe(2);
    expect(trapFocus(1, 0, true)).toBe(0);
  });
  it('leaves moves inside the dialog to the browser', () => {
    expect(trapFocus(3, 0, false)).toBeNull();
    expect(trapFocus(3, 1, false)).toBeNull();
    expect(trapFocus(3, 2, true)).toBeNull();
  });
  it('brings a focus that is outside the elements back in', () => {
    expect(trapFocus(2, -1, false)).toBe(0);
    expect(trapFocus(2, -1, true)).toBe(1);
  });
  it('does nothing without focusable elements', () => {
    expect(trapFocus(0, -1, false)).toBeNull();
  });
});
