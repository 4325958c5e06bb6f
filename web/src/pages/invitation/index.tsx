// The invitation page (/invitations/<token>, the link of an invitation e-mail), outside the shell and
// public: it shows what the link offers, then what the visitor can do with it (model.ts stepFor):
// accept it as the invitee (accept.tsx), log in first (log-in-prompt.tsx), create the account
// (signup-form.tsx), or learn that they are logged in as someone else (other-user.tsx). A link that
// is unknown, used, withdrawn or expired says so.
import { useState } from 'preact/hooks';
import type { SessionInfo } from '../../api/types';
import { useAsync } from '../../components/async';
import { Logo } from '../../components/logo';
import { PageTitle } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { Time } from '../../components/time';
import { onLinkClick } from '../../router';
import { href } from '../../routes';
import type { Session } from '../../session';
import { AcceptPanel } from './accept';
import { invitationApi } from './api';
import { LogInPrompt } from './log-in-prompt';
import { isGone, stepFor } from './model';
import { OtherUserPanel } from './other-user';
import { SignupForm } from './signup-form';
import './invitation.css';

export interface InvitationPageProps {
  token: string;
  /** The logged-in user, or null for a visitor. */
  session: Session | null;
  /** A session began or changed (signed up, or accepted): the app takes it and goes to `to`. */
  onEnter: (info: SessionInfo, to: string) => void;
  /** Ends the session and stays on this page. */
  onLogout: () => Promise<void>;
}

export default function InvitationPage({ token, session, onEnter, onLogout }: InvitationPageProps) {
  const [state, reload] = useAsync(() => invitationApi.preview(token), [token]);
  // A later answer (accept, sign-up) said the link is dead.
  const [gone, setGone] = useState(false);
  // The account was made but logging in failed: why, shown with a link to the login page.
  const [madeNotIn, setMadeNotIn] = useState<string | null>(null);
  const user = session?.user ?? null;

  let body;
  if (gone || (state.status === 'error' && isGone(state.error))) {
    body = (
      <>
        <p class="alert alert--warning" role="alert">
          This invitation link is not valid any more: it was used, withdrawn or has expired. Ask for a new one.
        </p>
        <p>
          <a href={user ? href.home() : href.login()} onClick={onLinkClick}>
            {user ? 'Go to Dandelion' : 'Log in to Dandelion'}
          </a>
        </p>
      </>
    );
  } else if (madeNotIn !== null) {
    body = (
      <>
        <p class="alert alert--success" role="status">
          Your account was created. {madeNotIn}
        </p>
        <p>
          <a class="btn btn--primary" href={href.login()} onClick={onLinkClick}>
            Log in
          </a>
        </p>
      </>
    );
  } else if (state.status === 'error') {
    body = <ErrorState error={state.error} onRetry={reload} />;
  } else if (!state.data) {
    body = <Loading label="Loading the invitation…" />;
  } else {
    const p = state.data;
    const step = stepFor(p, user);
    body = (
      <>
        <p class="inv__offer">
          {p.invited_by || 'Someone'} invited you to be <span class={`role role--${p.role}`}>{p.role}</span> at{' '}
          <strong>{p.unit_name}</strong>.
        </p>
        <p class="inv__meta">
          For <span class="mono">{p.email}</span> · the link works until <Time iso={p.expires_at} />.
        </p>
        {step === 'accept' && user ? (
          <AcceptPanel token={token} preview={p} user={user} onGone={() => setGone(true)} onEnter={onEnter} />
        ) : step === 'log-in' ? (
          <LogInPrompt token={token} preview={p} />
        ) : step === 'other-user' && user ? (
          <OtherUserPanel preview={p} user={user} onLogout={onLogout} />
        ) : (
          <SignupForm
            token={token}
            preview={p}
            onGone={() => setGone(true)}
            onAccountExists={reload}
            onEnter={onEnter}
            onMadeNotLoggedIn={setMadeNotIn}
          />
        )}
      </>
    );
  }

  return (
    <div class="inv">
      <main class="inv__card" aria-labelledby="page-title">
        <div class="inv__brand">
          <Logo size={36} />
          <span class="inv__product">Dandelion</span>
        </div>
        <PageTitle title="Invitation">Invitation</PageTitle>
        {body}
      </main>
    </div>
  );
}
