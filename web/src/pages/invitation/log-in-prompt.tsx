// A visitor opened an invitation for an account that exists: log in as it, and the login page
// brings them back here to accept.
import { onLinkClick } from '../../router';
import { href } from '../../routes';
import type { Preview } from './api';

export function LogInPrompt({ token, preview }: { token: string; preview: Preview }) {
  return (
    <div class="inv__step">
      <p>
        There is an account for <span class="mono">{preview.email}</span>. Log in with it to accept the invitation:
        you come back to this page after logging in.
      </p>
      <div class="inv__actions">
        <a class="btn btn--primary" href={href.login(href.invitation(token))} onClick={onLinkClick}>
          Log in to accept
        </a>
      </div>
    </div>
  );
}
