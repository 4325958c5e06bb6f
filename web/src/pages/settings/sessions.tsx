// The "Sessions" card: log out everywhere (every browser, this one included), after a confirmation;
// the session's logoutEverywhere (app.tsx) then takes the app to the login page, as a logout does.
import { useState } from 'preact/hooks';
import { errorMessage } from '../../api/client';
import { ConfirmDialog } from '../../components/dialog';
import { useAction } from '../../components/form';
import { useSession } from '../../session';

export function SessionsCard() {
  const { logoutEverywhere } = useSession();
  const [asking, setAsking] = useState(false);
  const end = useAction();

  return (
    <section class="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" class="card__title">
        Sessions
      </h2>
      <p class="muted">Ends your sessions in every browser, this one included. API tokens keep working: revoke them above.</p>
      <button
        type="button"
        class="btn btn--danger-ghost"
        onClick={() => {
          end.setError(null);
          setAsking(true);
        }}
      >
        Log out everywhere
      </button>

      <ConfirmDialog
        open={asking}
        title="Log out everywhere?"
        confirmLabel="Log out everywhere"
        danger
        busy={end.busy}
        error={end.error === null ? null : errorMessage(end.error)}
        onConfirm={() => void end.run(logoutEverywhere)}
        onCancel={() => setAsking(false)}
      >
        <p>
          Every browser where you are logged in, this one included, goes back to the login page. API tokens keep
          working.
        </p>
      </ConfirmDialog>
    </section>
  );
}
