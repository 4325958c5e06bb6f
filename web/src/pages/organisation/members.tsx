// The card listing who holds a role directly at the selected unit, with a Remove button per role
// for those who may change roles there.
import { ApiError, type Member, type Unit } from '../../api';
import { Empty, ErrorState, Loading, type Async } from '../../components/ui';

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
        <table class="table" aria-labelledby="members-heading">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              {canRemove ? (
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.user.name}
                  {m.user.id === currentUserId ? <span class="muted"> (you)</span> : null}
                </td>
                <td class="mono">{m.user.email}</td>
                <td>
                  <span class={`role role--${m.role}`}>{m.role}</span>
                </td>
                {canRemove ? (
                  <td class="table__actions">
                    <button
                      type="button"
                      class="btn btn--small btn--danger-ghost"
                      aria-label={`Remove the ${m.role} role of ${m.user.name}`}
                      onClick={() => onRemove(m)}
                    >
                      Remove
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unit.parent !== null && members.length > 0 ? (
        <p class="muted small">People with a role at a unit above this one also act here.</p>
      ) : null}
    </section>
  );
}
