// The card of the pending invitations of the selected unit (sent, not yet used, not expired), with
// a Withdraw button each (asked for confirmation: the link stops working).
import { useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../api/client';
import type { Unit } from '../../api/types';
import type { Async } from '../../components/async';
import { DataTable, type Column } from '../../components/data-table';
import { ConfirmDialog } from '../../components/dialog';
import { useAction } from '../../components/form';
import { Empty, ErrorState, Loading } from '../../components/states';
import { Time, timeValue } from '../../components/time';
import { announce } from '../../components/toast';
import { orgApi, type Invitation } from './api';

/** Invitations per page of the table. */
const PAGE = 25;

export function InvitationsCard({
  unit,
  state,
  onRetry,
  onChanged,
  onDenied,
}: {
  unit: Unit;
  state: Async<Invitation[]>;
  onRetry: () => void;
  /** An invitation was withdrawn (or was gone already): reload the list. */
  onChanged: () => void;
  onDenied: (message: string) => void;
}) {
  const [withdrawing, setWithdrawing] = useState<Invitation | null>(null);
  const action = useAction();
  const items = state.data ?? [];

  const confirm = async () => {
    const inv = withdrawing;
    if (!inv) return;
    await action.run(
      async () => {
        await orgApi.withdrawInvitation(inv.id);
        announce(`Withdrew the invitation of ${inv.email} (${inv.role}). Its link no longer works.`);
        setWithdrawing(null);
        onChanged();
      },
      (e) => {
        if (e instanceof ApiError && e.status === 404) {
          setWithdrawing(null);
          announce('That invitation had already been used, withdrawn or had expired.');
          onChanged();
          return true;
        }
        if (e instanceof ApiError && e.status === 403) {
          setWithdrawing(null);
          onDenied(e.message);
          announce(`Not allowed: ${e.message}`, 'error');
          return true;
        }
        return false;
      },
    );
  };

  const columns: Column<Invitation>[] = [
    { key: 'email', label: 'Email', class: 'mono', sortValue: (i) => i.email, cell: (i) => i.email },
    { key: 'role', label: 'Role', sortValue: (i) => i.role, cell: (i) => <span class={`role role--${i.role}`}>{i.role}</span> },
    { key: 'by', label: 'Invited by', sortValue: (i) => i.invited_by, cell: (i) => i.invited_by || '—' },
    {
      key: 'expires',
      label: 'Expires',
      sortValue: (i) => timeValue(i.expires_at),
      cell: (i) => <Time iso={i.expires_at} />,
    },
    {
      key: 'actions',
      label: 'Actions',
      hideLabel: true,
      class: 'table__actions',
      cell: (i) => (
        <button
          type="button"
          class="btn btn--small btn--danger-ghost"
          aria-label={`Withdraw the invitation of ${i.email} (${i.role})`}
          onClick={() => {
            action.setError(null);
            setWithdrawing(i);
          }}
        >
          Withdraw
        </button>
      ),
    },
  ];

  return (
    <section class="card" aria-labelledby="invitations-heading">
      <div class="card__header">
        <h2 id="invitations-heading" class="card__title">
          Pending invitations
        </h2>
        {state.status === 'loading' && state.data ? (
          <span class="muted small" role="status">
            Refreshing…
          </span>
        ) : null}
      </div>
      {state.status === 'error' ? (
        state.error instanceof ApiError && state.error.status === 403 ? (
          <p class="alert alert--info">You cannot see the invitations of this unit: {state.error.message}</p>
        ) : (
          <ErrorState error={state.error} onRetry={onRetry} />
        )
      ) : state.status === 'loading' && !state.data ? (
        <Loading label="Loading invitations…" />
      ) : items.length === 0 ? (
        <Empty>No pending invitations.</Empty>
      ) : (
        <DataTable
          labelledBy="invitations-heading"
          rows={items}
          columns={columns}
          rowKey={(i) => i.id}
          pageSize={PAGE}
          rowsLabel="invitations"
        />
      )}

      <ConfirmDialog
        open={withdrawing !== null}
        title="Withdraw this invitation?"
        confirmLabel="Withdraw"
        danger
        busy={action.busy}
        error={action.error === null ? null : errorMessage(action.error)}
        onConfirm={confirm}
        onCancel={() => setWithdrawing(null)}
      >
        {withdrawing ? (
          <p>
            The link sent to <strong>{withdrawing.email}</strong> for the <strong>{withdrawing.role}</strong> role at{' '}
            <strong>{unit.name}</strong> stops working. You can invite them again later.
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
