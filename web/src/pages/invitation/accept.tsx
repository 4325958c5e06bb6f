// Accepting the invitation as the logged-in user whose e-mail it is: the role is theirs, the session
// is read again (its memberships changed) and the overview shows their roles.
import { ApiError, errorMessage } from '../../api/client';
import type { SessionInfo, User } from '../../api/types';
import { useAction } from '../../components/form';
import { announce } from '../../components/toast';
import { onLinkClick } from '../../router';
import { href } from '../../routes';
import { invitationApi, type Preview } from './api';
import { isGone } from './model';

export function AcceptPanel({
  token,
  preview,
  user,
  onGone,
  onEnter,
}: {
  token: string;
  preview: Preview;
  user: User;
  onGone: () => void;
  onEnter: (info: SessionInfo, to: string) => void;
}) {
  const action = useAction();

  const accept = () =>
    action.run(
      async () => {
        await invitationApi.accept(token);
        const info = await invitationApi.me();
        announce(`You are now ${preview.role} at ${preview.unit_name}.`);
        onEnter(info, href.home());
      },
      (e) => {
        if (!isGone(e)) return false;
        onGone();
        return true;
      },
    );

  const refused = action.error instanceof ApiError && action.error.status === 403;

  return (
    <div class="inv__step">
      <p>
        You are logged in as <strong>{user.name}</strong> (<span class="mono">{user.email}</span>).
      </p>
      {action.error ? (
        <div class="alert alert--error" role="alert">
          {refused ? `This invitation is not for your account: ${errorMessage(action.error)}` : errorMessage(action.error)}
        </div>
      ) : null}
      <div class="inv__actions">
        <button type="button" class="btn btn--primary" disabled={action.busy} onClick={accept}>
          {action.busy ? 'Accepting…' : 'Accept'}
        </button>
        <a class="btn" href={href.home()} onClick={onLinkClick}>
          Not now
        </a>
      </div>
    </div>
  );
}
