import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** Page heading that takes the focus when the page opens (for keyboard and screen-reader users). */
export function PageTitle({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Dandelion`;
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={ref} id="page-title" tabIndex={-1} class="page-title">
      {children}
    </h1>
  );
}
