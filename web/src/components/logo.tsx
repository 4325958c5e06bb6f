// The Dandelion mark: a seed head (hub) with seeds (spokes). Decorative.
export function Logo({ size = 26 }: { size?: number }) {
  const spokes = Array.from({ length: 12 }, (_, i) => (i * Math.PI) / 6);
  return (
    <svg class="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      {spokes.map((a, i) => {
        const x = 16 + Math.cos(a) * 12;
        const y = 16 + Math.sin(a) * 12;
        return (
          <g key={i}>
            <line x1={16} y1={16} x2={x} y2={y} class="logo__spoke" />
            <circle cx={x} cy={y} r={1.8} class="logo__seed" />
          </g>
        );
      })}
      <circle cx={16} cy={16} r={4.2} class="logo__hub" />
    </svg>
  );
}
