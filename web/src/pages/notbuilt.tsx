import type { Area } from '../areas';
import { PageTitle } from '../components/page';
import { onLinkClick } from '../router';
import { href } from '../routes';

export function NotBuiltPage({ area }: { area: Area }) {
  return (
    <section class="page" aria-labelledby="page-title">
      <PageTitle title={area.label}>{area.label}</PageTitle>
      <div class="card card--notice">
        <p class="notbuilt__status">
          <span class="badge badge--soon">Not built yet</span>
        </p>
        <p>
          <strong>{area.label} is not built yet.</strong> This is what it will do:
        </p>
        <p class="notbuilt__summary">{area.summary}</p>
        <p class="muted">
          Meanwhile you can manage units and roles in{' '}
          <a href={href.organisation()} onClick={onLinkClick}>
            Organisation
          </a>
          .
        </p>
      </div>
    </section>
  );
}

export function NotFoundPage() {
  return (
    <section class="page" aria-labelledby="page-title">
      <PageTitle title="Page not found">Page not found</PageTitle>
      <div class="card">
        <p>There is no page at this address.</p>
        <p>
          <a href={href.home()} onClick={onLinkClick}>
            Go to the overview
          </a>
        </p>
      </div>
    </section>
  );
}
