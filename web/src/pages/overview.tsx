import { api, type RoleInfo, type Unit } from '../api';
import { AREAS } from '../areas';
import { Empty, PageTitle, useAsync } from '../components/ui';
import { onLinkClick } from '../router';
import { useSession } from '../session';

export function OverviewPage() {
  const { session } = useSession();
  const [ctx] = useAsync(async () => {
    const [units, roles] = await Promise.allSettled([api.units(), api.roles()]);
    return {
      units: units.status === 'fulfilled' ? units.value.items : ([] as Unit[]),
      roles: roles.status === 'fulfilled' ? roles.value.items : ([] as RoleInfo[]),
    };
  }, []);
  const units = new Map((ctx.data?.units ?? []).map((u) => [u.slug, u]));
  const roles = new Map((ctx.data?.roles ?? []).map((r) => [r.role, r.description]));
  const firstName = session.user.name.split(/\s+/)[0] || session.user.name;
  const built = AREAS.filter((a) => a.built && a.path !== '/');

  return (
    <section class="page" aria-labelledby="page-title">
      <PageTitle title="Overview">Welcome, {firstName}</PageTitle>
      <p class="lead">
        Dandelion helps the hub enable every spoke of the organisation to do social media well on its own, under shared
        governance. Here is where you hold a role.
      </p>

      <section class="card" aria-labelledby="ov-memberships">
        <h2 id="ov-memberships" class="card__title">
          Your roles
        </h2>
        {session.memberships.length === 0 ? (
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
              {session.memberships.map((m) => {
                const u = units.get(m.unit);
                return (
                  <tr key={m.id}>
                    <td>
                      <a href={`/organisation?unit=${encodeURIComponent(m.unit)}`} onClick={onLinkClick}>
                        {u ? u.name : (m.unit_name ?? m.unit)}
                      </a>
                      {u && u.parent === null ? <span class="badge badge--hub">hub</span> : null}
                      <div class="muted mono">{m.unit}</div>
                    </td>
                    <td>
                      <span class={`role role--${m.role}`}>{m.role}</span>
                    </td>
                    <td class="muted">{roles.get(m.role) ?? (ctx.status === 'loading' ? '…' : '')}</td>
                  </tr>
                );
              })}
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
