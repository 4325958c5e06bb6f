// The card listing who holds a role directly at the selected unit (sortable, paged), with a Remove
// button per role for those who may change roles there.
import { ApiError } from '../../api/client';
import type { Unit } from '../../api/types';
import type { Async } from '../../components/async';
import { DataTable, type Column } from '../../components/data-table';
import { Empty, ErrorState, Loading } from '../../components/states';
import type { Member } from './api';

/** Members per page of the table. */
const PAGE = 25;

export function MembersCard({
  unit,
  state,
  onRetry,
  currentUserId,
  canRemove,
  onRemove,
}: {
  unit: Unit;
  state: Async<Member[]>;
  onRetry: () => void;
  currentUserId: number;
  canRemove: boolean;
  onRemove: (m: Member) => void;
}) {
  const members = state.data ?? [];
  const columns: Column<Member>[] = [
    {
      key: 'name',
      label: 'Name',
      sortValue: (m) => m.user.name,
      cell: (m) => (
        <>
          {m.user.name}
          {m.user.id === currentUserId ? <span class="muted"> (you)</span> : null}
        </>
      ),
    },
    { key: 'email', label: 'Email', class: 'mono', sortValue: (m) => m.user.email, cell: (m) => m.user.email },
    { key: 'role', label: 'Role', sortValue: (m) => m.role, cell: (m) => <span class={`role role--${m.role}`}>{m.role}</span> },
  ];
  if (canRemove) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      hideLabel: true,
      class: 'table__actions',
      cell: (m) => (
        <button
          type="button"
          class="btn btn--small btn--danger-ghost"
          aria-label={`Remove the ${m.role} role of ${m.user.name}`}
          onClick={() => onRemove(m)}
        >
          Remove
        </button>
      ),
    });
  }

  return (
    <section class="card" aria-labelledby="members-heading">
      <div class="card__header">
        <h2 id="members-heading" class="card__title">
          Members of {unit.name}
        </h2>
        {state.status === 'loading' && state.data ? (
          <span class="muted small" role="status">
            Refreshing…
          </span>
        ) : null}
      </div>
      {state.status === 'error' ? (
        state.error instanceof ApiError && state.error.status === 403 ? (
          <p class="alert alert--info">You cannot see the members of this unit: {state.error.message}</p>
        ) : (
          <ErrorState error={state.error} onRetry={onRetry} />
        )
      ) : state.status === 'loading' && !state.data ? (
        <Loading label="Loading members…" />
      ) : members.length === 0 ? (
        <Empty>
          Nobody holds a role directly at this unit.
          {unit.parent !== null ? ' People with a role at a unit above it also act here.' : ''}
        </Empty>
      ) : (
        <DataTable
          labelledBy="members-heading"
          rows={members}
          columns={columns}
          rowKey={(m) => m.id}
          pageSize={PAGE}
          rowsLabel="members"
        />
      )}
      {unit.parent !== null && members.length > 0 ? (
        <p class="muted small">People with a role at a unit above this one also act here.</p>
      ) : null}
    </section>
  );
}
