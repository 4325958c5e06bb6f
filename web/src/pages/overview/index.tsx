// Overview: where the user holds a role (and what it allows), and the areas to start from.
import { AREAS } from '../../areas';
import { useAsync } from '../../components/async';
import { PageTitle } from '../../components/page';
import { Empty } from '../../components/states';
import { onLinkClick } from '../../router';
import { href } from '../../routes';
import { useSession } from '../../session';
import { overviewApi } from './api';
import { firstName, roleRows } from './model';
import './overview.css';

export default function OverviewPage() {
  const { session } = useSession();
  const [ctx] = useAsync(() => overviewApi.context(), []);
  const rows = roleRows(session.memberships, ctx.data?.units ?? [], ctx.data?.roles ?? []);
  const built = AREAS.filter((a) => a.built && a.path !== '/');

  return (
    <section class="page" aria-labelledby="page-title">
      <PageTitle title="Overview">Welcome, {firstName(session.user.name)}</PageTitle>
      <p class="lead">
        Dandelion helps the hub enable every spoke of the organisation to do social media well on its own, under shared
        governance. Here is where you hold a role.
      </p>

      <section class="card" aria-labelledby="ov-memberships">
        <h2 id="ov-memberships" class="card__title">
          Your roles
        </h2>
        {rows.length === 0 ? (
          <Empty>You hold no role in any unit yet. Ask an administrator of your unit to give you one.</Empty>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Unit</th>
                <th scope="col">Role</th>
                <th scope="col">What it allows</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={href.unit(r.slug)} onClick={onLinkClick}>
                      {r.unitName}
                    </a>
                    {r.isHub ? <span class="badge badge--hub">hub</span> : null}
                    <div class="muted mono">{r.slug}</div>
                  </td>
                  <td>
                    <span class={`role role--${r.role}`}>{r.role}</span>
                  </td>
                  <td class="muted">{r.allows ?? (ctx.status === 'loading' ? '…' : '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="muted small">A role at a unit applies to the whole subtree below it.</p>
      </section>

      <section class="card" aria-labelledby="ov-start">
        <h2 id="ov-start" class="card__title">
          Where to start
        </h2>
        <ul class="tiles">
          {built.map((a) => (
            <li key={a.path} class="tile">
              <a href={a.path} onClick={onLinkClick} class="tile__link">
                {a.label}
              </a>
              <p class="tile__text">{a.available ?? a.summary}</p>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
