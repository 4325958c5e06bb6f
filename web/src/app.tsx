// The application: session bootstrap, and the shell (header, navigation, main pane) around the page
// that the route table (routes.ts) gives for the address. Outside the shell: the login page (for
// anonymous visitors) and the invitation page (public: for visitors and logged-in users alike).
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from './api/client';
import { sessionApi as sessionCalls } from './api/shared';
import type { SessionInfo } from './api/types';
import { AREAS, type Area } from './areas';
import { ErrorState, Loading } from './components/states';
import { Announcer, announce, clearAnnouncement } from './components/toast';
import { Logo } from './components/logo';
import { NotBuiltPage, NotFoundPage } from './pages/notbuilt';
import { navigate, onLinkClick, safeNext, useLocation, type Location } from './router';
import { InvitationPage, LoginPage, href, invitationToken, resolveRoute } from './routes';
import { SessionContext, useSession, type Session, type SessionApi } from './session';

type Auth =
  | { state: 'checking' }
  | { state: 'failed'; error: unknown }
  | { state: 'anonymous'; expired: boolean }
  | { state: 'in'; session: Session };

function fromInfo(info: SessionInfo): Session {
  setCsrfToken(info.csrf_token ?? null);
  return { user: info.user, memberships: info.memberships ?? [] };
}

/**
 * Ends the session on the server: this one (logout), or every one of the user's (`end` =
 * logoutEverywhere). A 401 means it was gone already: that is a logout too. Throws when it failed.
 */
async function endSession(end: () => Promise<unknown> = sessionCalls.logout): Promise<void> {
  try {
    await end();
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
  }
  setCsrfToken(null);
  clearAnnouncement();
}

export function App() {
  const loc = useLocation();
  const [auth, setAuth] = useState<Auth>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);
  // The token of an invitation link's address (a public page), or null.
  const invitation = invitationToken(loc.path);

  useEffect(() => {
    let live = true;
    sessionCalls.me().then(
      (info) => live && setAuth({ state: 'in', session: fromInfo(info) }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) setAuth({ state: 'anonymous', expired: false });
        else setAuth({ state: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  // A 401 in the middle of the work: the session ended (expired, or logged out elsewhere).
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      clearAnnouncement();
      setAuth({ state: 'anonymous', expired: true });
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  // Send anonymous visitors to the login page, remembering where they wanted to go.
  useEffect(() => {
    if (auth.state === 'anonymous' && loc.path !== '/login' && invitationToken(loc.path) === null) {
      const here = loc.path + (loc.search.toString() ? `?${loc.search.toString()}` : '');
      navigate(href.login(here === '/' ? null : here, auth.expired), { replace: true });
    }
    if (auth.state === 'in' && loc.path === '/login') {
      navigate(safeNext(loc.search.get('next')), { replace: true });
    }
  }, [auth, loc]);

  const onLoggedIn = useCallback((info: SessionInfo) => {
    const next = safeNext(new URLSearchParams(window.location.search).get('next'));
    clearAnnouncement();
    setAuth({ state: 'in', session: fromInfo(info) });
    navigate(next, { replace: true });
  }, []);

  // The invitation page: a session began (sign-up) or changed (accepted); its message stays shown.
  const enter = useCallback((info: SessionInfo, to: string) => {
    setAuth({ state: 'in', session: fromInfo(info) });
    navigate(safeNext(to), { replace: true });
  }, []);
  // The invitation page: log out and stay there (to log in as the invitee, or create their account).
  const logoutHere = useCallback(async () => {
    await endSession();
    setAuth({ state: 'anonymous', expired: false });
  }, []);

  const sessionApi = useMemo<SessionApi | null>(() => {
    if (auth.state !== 'in') return null;
    const loggedOut = () => {
      setAuth({ state: 'anonymous', expired: false });
      navigate(href.login(), { replace: true });
    };
    return {
      session: auth.session,
      refresh: async () => {
        const info = await sessionCalls.me();
        setAuth({ state: 'in', session: fromInfo(info) });
      },
      logout: async () => {
        try {
          await endSession();
        } catch (e) {
          announce(`Could not log out: ${e instanceof Error ? e.message : String(e)}`, 'error');
          return;
        }
        loggedOut();
      },
      logoutEverywhere: async () => {
        await endSession(sessionCalls.logoutEverywhere);
        loggedOut();
      },
    };
  }, [auth]);

  if (auth.state === 'checking') {
    return (
      <div class="fullpage">
        <Loading label="Starting Dandelion…" />
      </div>
    );
  }
  if (auth.state === 'failed') {
    return (
      <div class="fullpage">
        <div class="fullpage__box">
          <h1 class="page-title">Dandelion</h1>
          <ErrorState
            error={auth.error}
            onRetry={() => {
              setAuth({ state: 'checking' });
              setAttempt((a) => a + 1);
            }}
          />
        </div>
      </div>
    );
  }
  if (invitation !== null) {
    return (
      <InvitationPage
        token={invitation}
        session={auth.state === 'in' ? auth.session : null}
        onEnter={enter}
        onLogout={logoutHere}
      />
    );
  }
  if (auth.state === 'anonymous' || !sessionApi) {
    if (loc.path !== '/login') return null; // redirecting
    return <LoginPage onLoggedIn={onLoggedIn} expired={loc.search.get('expired') === '1'} />;
  }
  if (loc.path === '/login') return null; // redirecting to `next`

  return (
    <SessionContext.Provider value={sessionApi}>
      <Shell loc={loc} />
    </SessionContext.Provider>
  );
}

const GROUP_LABELS: Record<Area['group'], string | null> = {
  Overview: null,
  Engage: 'Engage',
  Publish: 'Publish',
  Enable: 'Enable',
  Measure: 'Measure',
  Administer: 'Administer',
};

function Shell({ loc }: { loc: Location }) {
  const { session, logout } = useSession();
  const [busy, setBusy] = useState(false);
  const resolved = resolveRoute(loc.path, loc.search);
  // The area whose navigation link is current (also for the pages inside it, e.g. /listening/topics/42).
  const current = resolved.kind === 'page' ? resolved.area?.path : resolved.kind === 'not-built' ? resolved.area.path : undefined;
  // A message about one area does not follow the user to the next; moving inside an area keeps it
  // (e.g. "Topic created" while the address changes to the new topic). The first area keeps the
  // message it opens with (e.g. "Welcome" after accepting an invitation outside the shell).
  const shownArea = useRef(current ?? loc.path);
  useEffect(() => {
    if (shownArea.current === (current ?? loc.path)) return;
    shownArea.current = current ?? loc.path;
    clearAnnouncement();
  }, [current ?? loc.path]);
  useEffect(() => {
    if (resolved.kind === 'redirect') navigate(resolved.to, { replace: true });
  }, [resolved.kind === 'redirect' ? resolved.to : null]);
  const groups = useMemo(() => {
    const out: { group: Area['group']; areas: Area[] }[] = [];
    for (const a of AREAS) {
      const last = out[out.length - 1];
      if (last && last.group === a.group) last.areas.push(a);
      else out.push({ group: a.group, areas: [a] });
    }
    return out;
  }, []);

  let page = null;
  if (resolved.kind === 'page') {
    const Page = resolved.route.page;
    page = <Page view={resolved.view} params={resolved.params} search={loc.search} />;
  } else if (resolved.kind === 'not-built') page = <NotBuiltPage area={resolved.area} />;
  else if (resolved.kind === 'not-found') page = <NotFoundPage />;

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="topbar">
        <a class="brand" href={href.home()} onClick={onLinkClick}>
          <Logo />
          <span class="brand__name">Dandelion</span>
        </a>
        <div class="topbar__user">
          <span class="topbar__name" title={session.user.email}>
            {session.user.name}
          </span>
          <button
            type="button"
            class="btn btn--ghost btn--small"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              await logout();
              setBusy(false);
            }}
          >
            {busy ? 'Logging out…' : 'Log out'}
          </button>
        </div>
      </header>
      <nav class="sidenav" aria-label="Main">
        {groups.map(({ group, areas }) => (
          <div class="sidenav__group" key={group}>
            {GROUP_LABELS[group] ? <p class="sidenav__heading">{GROUP_LABELS[group]}</p> : null}
            <ul>
              {areas.map((a) => {
                const on = current === a.path;
                return (
                  <li key={a.path}>
                    <a
                      href={a.path}
                      onClick={onLinkClick}
                      class={on ? 'sidenav__link sidenav__link--active' : 'sidenav__link'}
                      aria-current={on ? (loc.path === a.path ? 'page' : 'true') : undefined}
                    >
                      {a.label}
                      {a.built ? null : (
                        <span class="sidenav__soon" aria-hidden="true">
                          soon
                        </span>
                      )}
                    </a>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" class="main" tabIndex={-1}>
        <Announcer />
        {page}
      </main>
    </div>
  );
}
