// The card of the selected unit: its path in the tree, name and facts, and the user's roles there.
import type { Membership, Unit } from '../../api/types';
import { Time } from '../../components/time';
import { ancestry } from '../../lib/units';

export function UnitDetails({ unit, units, mine }: { unit: Unit; units: Unit[]; mine: Membership[] }) {
  const bySlug = new Map(units.map((u) => [u.slug, u]));
  const parent = unit.parent ? bySlug.get(unit.parent) : undefined;
  const path = ancestry(unit.slug, units)
    .reverse()
    .map((s) => bySlug.get(s)?.name ?? s);
  const childCount = units.filter((u) => u.parent === unit.slug).length;

  return (
    <section class="card" aria-labelledby="unit-heading">
      <div class="card__header">
        <div>
          {path.length > 1 ? (
            <p class="breadcrumb">
              <span class="visually-hidden">Path in the tree: </span>
              {path.slice(0, -1).join(' › ')} ›
            </p>
          ) : null}
          <h2 id="unit-heading" class="card__title card__title--large">
            {unit.name}
            {unit.parent === null ? <span class="badge badge--hub">hub</span> : null}
          </h2>
        </div>
      </div>
      <dl class="facts">
        <div>
          <dt>Slug</dt>
          <dd class="mono">{unit.slug}</dd>
        </div>
        <div class="facts__wide">
          <dt>Parent</dt>
          <dd>{unit.parent === null ? 'None (the hub)' : (parent?.name ?? unit.parent)}</dd>
        </div>
        <div>
          <dt>Depth</dt>
          <dd>{unit.depth}</dd>
        </div>
        <div>
          <dt>Spokes below</dt>
          <dd>{childCount}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <Time iso={unit.created_at} />
          </dd>
        </div>
        <div class="facts__wide">
          <dt>Your roles here</dt>
          <dd>
            {mine.length === 0
              ? 'None'
              : mine.map((m, i) => (
                  <span key={m.id}>
                    {i > 0 ? ', ' : ''}
                    <span class={`role role--${m.role}`}>{m.role}</span>
                    {m.unit !== unit.slug ? (
                      <span class="muted"> (from {bySlug.get(m.unit)?.name ?? m.unit})</span>
                    ) : null}
                  </span>
                ))}
          </dd>
        </div>
      </dl>
    </section>
  );
}
