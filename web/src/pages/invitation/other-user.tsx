// The invitation is for another e-mail address than the logged-in user's: say so, and offer to log
// out (the page stays, to log in as the invitee or create their account).
import { errorMessage } from '../../api/client';
import type { User } from '../../api/types';
import { useAction } from '../../components/form';
import { onLinkClick } from '../../router';
import { href } from '../../routes';
import type { Preview } from './api';

export function OtherUserPanel({ preview, user, onLogout }: { preview: Preview; user: User; onLogout: () => Promise<void> }) {
  const action = useAction();
  return (
    <div class="inv__step">
      <p class="alert alert--warning">
        You are logged in as <strong>{user.name}</strong> (<span class="mono">{user.email}</span>), but this invitation
        is for <span class="mono">{preview.email}</span>.{' '}
        {preview.account_exists
          ? `Log out, then log in as ${preview.email} to accept it.`
          : `Log out to create the account for ${preview.email}.`}
      </p>
      {action.error ? (
        <div class="alert alert--error" role="alert">
          Could not log out: {errorMessage(action.error)}
        </div>
      ) : null}
      <div class="inv__actions">
        <button type="button" class="btn btn--primary" disabled={action.busy} onClick={() => action.run(onLogout)}>
          {action.busy ? 'Logging out…' : 'Log out'}
        </button>
        <a class="btn" href={href.home()} onClick={onLinkClick}>
          Go to Dandelion
        </a>
      </div>
    </div>
  );
}
