// Organisation: the unit tree beside the selected unit's details, members and forms (unit-panel.tsx),
// the forms to create a spoke, add a user and give a role each in a file of their own. The address
// names the unit: /organisation/units/<slug> (/organisation alone: the first unit where the user
// holds a role), so that a unit can be bookmarked and Back returns to the one before.
import { useMemo, useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { listRoles, listUnits } from '../../api/shared';
import type { RoleInfo, Unit } from '../../api/types';
import { useAsync } from '../../components/async';
import { PageTitle } from '../../components/page';
import { Empty, ErrorState, Loading } from '../../components/states';
import { announce } from '../../components/toast';
import { UnitTree } from '../../components/tree';
import { buildTree, effectiveRoles } from '../../lib/units';
import { navigate, onLinkClick } from '../../router';
import { href, type AreaProps } from '../../routes';
import { useSession } from '../../session';
import { allUsers } from './api';
import { UnitPanel } from './unit-panel';
import './organisation.css';

export default function OrganisationPage({ view, params }: AreaProps) {
  const { session, refresh: refreshSession } = useSession();
  const [unitsState, reloadUnits] = useAsync(() => listUnits(), []);
  const [rolesState] = useAsync(() => listRoles(), []);
  const [usersState, reloadUsers] = useAsync(() => allUsers(), []);
  const units = unitsState.data ?? [];
  const roots = useMemo(() => buildTree(units), [units]);
  const bySlug = useMemo(() => new Map(units.map((u) => [u.slug, u])), [units]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const wanted = view === 'unit' ? (params['slug'] ?? null) : null;

  // When nothing (or an unknown unit) is asked for: the first unit where the user holds a role,
  // else the first unit (the hub).
  const fallback = useMemo(
    () => units.find((u) => effectiveRoles(u.slug, units, session.memberships).size > 0) ?? units[0],
    [units, session.memberships],
  );
  const selected: Unit | undefined = wanted ? bySlug.get(wanted) : fallback;

  const select = (slug: string) => navigate(href.unit(slug));

  const toggle = (slug: string, expand: boolean) =>
    setCollapsed((c) => {
      const n = new Set(c);
      if (expand) n.delete(slug);
      else n.add(slug);
      return n;
    });

  const roles: RoleInfo[] = rolesState.data ?? [];

  return (
    <section class="page page--wide" aria-labelledby="page-title">
      <PageTitle title="Organisation">Organisation</PageTitle>
      <p class="lead">
        The hub and its spokes. A role at a unit applies to the whole subtree below it. Select a unit to see its members
        and manage it.
      </p>

      {unitsState.status === 'error' && !unitsState.data ? (
        <ErrorState error={unitsState.error} onRetry={reloadUnits} />
      ) : unitsState.status === 'loading' && !unitsState.data ? (
        <Loading label="Loading units…" />
      ) : units.length === 0 ? (
        <div class="card">
          <Empty>You hold no role in any unit, so there is no unit to show. Ask an administrator to give you one.</Empty>
        </div>
      ) : (
        <div class="org">
          <section class="card org__tree" aria-labelledby="units-heading">
            <div class="card__header">
              <h2 id="units-heading" class="card__title">
                Units
              </h2>
              <span class="muted small">{units.length === 1 ? '1 unit' : `${units.length} units`}</span>
            </div>
            {unitsState.status === 'error' ? (
              <p class="alert alert--error" role="alert">
                Could not refresh the units: {errorMessage(unitsState.error)}
              </p>
            ) : null}
            <UnitTree
              roots={roots}
              selected={selected?.slug ?? null}
              collapsed={collapsed}
              label="Units"
              onSelect={select}
              onToggle={toggle}
            />
            <p class="muted small tree__help">
              Arrow keys move, Enter selects, Left and Right fold and unfold.
            </p>
          </section>

          {wanted && !selected ? (
            <div class="card org__detail">
              <Empty>
                There is no unit “{wanted}”, or it lies outside the units where you hold a role.{' '}
                <a href={href.organisation()} onClick={onLinkClick}>
                  Show the organisation
                </a>
                .
              </Empty>
            </div>
          ) : selected ? (
            <UnitPanel
              key={selected.slug}
              unit={selected}
              units={units}
              roles={roles}
              users={usersState.status === 'ok' ? usersState.data : (usersState.data ?? null)}
              usersError={usersState.status === 'error' ? usersState.error : null}
              memberships={session.memberships}
              currentUserId={session.user.id}
              onUnitCreated={(u) => {
                setCollapsed((c) => {
                  const n = new Set(c);
                  n.delete(selected.slug);
                  return n;
                });
                reloadUnits();
                announce(`Spoke “${u.name}” (${u.slug}) created under ${selected.name}.`);
              }}
              onUsersChanged={reloadUsers}
              onOwnRolesChanged={() => {
                refreshSession().catch(() => undefined);
              }}
            />
          ) : null}
        </div>
      )}
    </section>
  );
}
