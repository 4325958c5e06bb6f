// The time-range picker of the listening charts (24 h, 7 d, 30 d, 90 d).
import { RANGES, type RangeKey } from './model';

export function RangeSelect({ value, onChange, label }: { value: RangeKey; onChange: (r: RangeKey) => void; label: string }) {
  return (
    <label class="lst-range">
      <span class="visually-hidden">{label}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as RangeKey)}>
        {RANGES.map((r) => (
          <option key={r.key} value={r.key}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  );
}
