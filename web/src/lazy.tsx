// Lazily loaded pages: lazy(() => import('./pages/x')) is a component that loads the module (its own
// chunk, with its stylesheet) the first time it is rendered, shows "Loading…" meanwhile, and an error
// with "Try again" when the chunk cannot be fetched (offline, or a new version was deployed).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from './components/states';

export function lazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const fetchModule = () => (pending ??= load().then((m) => (loaded = m.default)));

  function Lazy(props: P) {
    const [, setReady] = useState(false);
    const [error, setError] = useState<unknown>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (loaded) return undefined;
      let live = true;
      fetchModule().then(
        () => live && setReady(true),
        (e: unknown) => {
          pending = null;
          if (live) setError(e);
        },
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (loaded) {
      const Page = loaded;
      return <Page {...props} />;
    }
    if (error) {
      return (
        <ErrorState
          error={new Error('This part of Dandelion could not be loaded. Check your connection and try again.')}
          onRetry={() => {
            setError(null);
            setAttempt((a) => a + 1);
          }}
        />
      );
    }
    return <Loading />;
  }
  return Lazy;
}
