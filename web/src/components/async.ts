import { useEffect, useState } from 'preact/hooks';

export type Async<T> =
  | { status: 'loading'; data?: T | undefined }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: unknown; data?: T | undefined };

/** Loads data when deps change; keeps the previous data while reloading. Returns the state and a reload. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): [Async<T>, () => void] {
  const [state, setState] = useState<Async<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ status: 'loading', data: s.data }));
    load().then(
      (data) => live && setState({ status: 'ok', data }),
      (error: unknown) => live && setState((s) => ({ status: 'error', error, data: s.data })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return [state, () => setTick((t) => t + 1)];
}
