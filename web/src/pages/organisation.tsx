// Organisation: the unit tree, the selected unit's details and members, and the
// forms to create a spoke, add a user and give a role.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  allUsers,
  api,
  ApiError,
  errorMessage,
  type Member,
  type Role,
  type RoleInfo,
  type Unit,
  type User,
} from '../api';
import {
  ConfirmDialog,
  Empty,
  ErrorState,
  Field,
  FormError,
  Loading,
  PageTitle,
  Time,
  announce,
  errorField,
  useFocusInvalid,
  useAsync,
} from '../components/ui';
import { UnitTree } from '../components/tree';
import { abilitiesAt, ancestry, buildTree, effectiveRoles, slugify, slugProblem } from '../org';
import { setQuery, useLocation } from '../router';
import { useSession } from '../session';

export function OrganisationPage() {
  const { session, refresh: refreshSession } = useSession();
  const loc = useLocation();
  const [unitsState, reloadUnits] = useAsync(() => api.units().then((p) => p.items), []);
  const [rolesState] = useAsync(() => api.roles().then((p) => p.items), []);
  const [usersState, reloadUsers] = useAsync(() => allUsers(), []);
  const units = unitsState.data ?? [];
  const roots = useMemo(() => buildTree(units), [units]);
  const bySlug = useMemo(() => new Map(units.map((u) => [u.slug, u])), [units]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const wanted = loc.search.get('unit');
  const [selectedSlug, setSelectedSlug] = useState<string | null>(wanted);

  // When nothing (or an unknown unit) is asked for: the first unit where the user holds a role,
  // else the first unit (the hub).
  const fallback = useMemo(
    () => units.find((u) => effectiveRoles(u.slug, units, session.memberships).size > 0) ?? units[0],
    [units, session.memberships],
  );
  const selected: Unit | undefined = (selectedSlug ? bySlug.get(selectedSlug) : undefined) ?? fallback;

  useEffect(() => {
    if (wanted && wanted !== selectedSlug) setSelectedSlug(wanted);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted]);

  const select = (slug: string) => {
    setSelectedSlug(slug);
    setQuery({ unit: slug });
  };

  const toggle = (slug: string, expand: boolean) =>
    setCollapsed((c) => {
      const n = new Set(c);
      if (expand) n.delete(slug);
      else n.add(slug);
      return n;
    });

  const roles: RoleInfo[] = rolesState.data ?? [];

  return (
    <section class="page page--wide" aria-labelledby="page-title">
      <PageTitle title="Organisation">Organisation</PageTitle>
      <p class="lead">
        The hub and its spokes. A role at a unit applies to the whole subtree below it. Select a unit to see its members
        and manage it.
      </p>

      {unitsState.status === 'error' && !unitsState.data ? (
        <ErrorState error={unitsState.error} onRetry={reloadUnits} />
      ) : unitsState.status === 'loading' && !unitsState.data ? (
        <Loading label="Loading units…" />
      ) : units.length === 0 ? (
        <div class="card">
          <Empty>You hold no role in any unit, so there is no unit to show. Ask an administrator to give you one.</Empty>
        </div>
      ) : (
        <div class="org">
          <section class="card org__tree" aria-labelledby="units-heading">
            <div class="card__header">
              <h2 id="units-heading" class="card__title">
                Units
              </h2>
              <span class="muted small">{units.length === 1 ? '1 unit' : `${units.length} units`}</span>
            </div>
            {unitsState.status === 'error' ? (
              <p class="alert alert--error" role="alert">
                Could not refresh the units: {errorMessage(unitsState.error)}
              </p>
            ) : null}
            <UnitTree
              roots={roots}
              selected={selected?.slug ?? null}
              collapsed={collapsed}
              label="Units"
              onSelect={select}
              onToggle={toggle}
            />
            <p class="muted small tree__help">
              Arrow keys move, Enter selects, Left and Right fold and unfold.
            </p>
          </section>

          {selected ? (
            <UnitPanel
              key={selected.slug}
              unit={selected}
              units={units}
              roles={roles}
              users={usersState.status === 'ok' ? usersState.data : (usersState.data ?? null)}
              usersError={usersState.status === 'error' ? usersState.error : null}
              memberships={session.memberships}
              currentUserId={session.user.id}
              onUnitCreated={(u) => {
                setCollapsed((c) => {
                  const n = new Set(c);
                  n.delete(selected.slug);
                  return n;
                });
                reloadUnits();
                announce(`Spoke “${u.name}” (${u.slug}) created under ${selected.name}.`);
              }}
              onUsersChanged={reloadUsers}
              onOwnRolesChanged={() => {
                refreshSession().catch(() => undefined);
              }}
            />
          ) : null}
        </div>
      )}
    </section>
  );
}

interface PanelProps {
  unit: Unit;
  units: Unit[];
  roles: RoleInfo[];
  users: User[] | null;
  usersError: unknown;
  memberships: { id: number; unit: string; role: Role; user_id: number }[];
  currentUserId: number;
  onUnitCreated: (u: Unit) => void;
  onUsersChanged: () => void;
  onOwnRolesChanged: () => void;
}

function UnitPanel(props: PanelProps) {
  const { unit, units, roles, users, usersError, memberships, currentUserId } = props;
  const [membersState, reloadMembers] = useAsync(() => api.members(unit.slug).then((p) => p.items), [unit.slug]);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [forbiddenActions, setForbiddenActions] = useState<{ administer?: string }>({});

  const can = abilitiesAt(unit.slug, units, memberships);
  const bySlug = new Map(units.map((u) => [u.slug, u]));
  const parent = unit.parent ? bySlug.get(unit.parent) : undefined;
  const path = ancestry(unit.slug, units)
    .reverse()
    .map((s) => bySlug.get(s)?.name ?? s);
  const mine = memberships.filter((m) => ancestry(unit.slug, units).includes(m.unit));
  const childCount = units.filter((u) => u.parent === unit.slug).length;
  // Why the user may not add users or change roles here (their roles, or the server's 403), or null.
  const administerDenied =
    forbiddenActions.administer ??
    (can.administer ? null : 'Adding users and giving or removing roles here needs the admin role at this unit or above.');
  const formsNote = forbiddenActions.administer
    ? `The server refused: ${forbiddenActions.administer} Adding users and changing roles is not available here.`
    : !can.createSpoke && !can.administer
      ? `Your role here lets you look, not change the organisation: creating a spoke needs the admin or manager role at ${unit.name} or above, and adding users or changing roles needs admin.`
      : administerDenied;

  const confirmRemove = async () => {
    if (!removing) return;
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      await api.removeMembership(removing.id);
      announce(`Removed the ${removing.role} role of ${removing.user.name} at ${unit.name}.`);
      if (removing.user.id === currentUserId) props.onOwnRolesChanged();
      setRemoving(null);
      reloadMembers();
      props.onUsersChanged();
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) {
        setForbiddenActions({ administer: e.message });
        setRemoving(null);
        announce(`Not allowed: ${e.message}`, 'error');
      } else if (e instanceof ApiError && e.status === 404) {
        setRemoving(null);
        reloadMembers();
        announce('That role had already been removed.', 'success');
      } else setRemoveError(errorMessage(e));
    } finally {
      setRemoveBusy(false);
    }
  };

  const members = membersState.data ?? [];

  return (
    <div class="org__detail">
      <section class="card" aria-labelledby="unit-heading">
        <div class="card__header">
          <div>
            {path.length > 1 ? (
              <p class="breadcrumb">
                <span class="visually-hidden">Path in the tree: </span>
                {path.slice(0, -1).join(' › ')} ›
              </p>
            ) : null}
            <h2 id="unit-heading" class="card__title card__title--large">
              {unit.name}
              {unit.parent === null ? <span class="badge badge--hub">hub</span> : null}
            </h2>
          </div>
        </div>
        <dl class="facts">
          <div>
            <dt>Slug</dt>
            <dd class="mono">{unit.slug}</dd>
          </div>
          <div class="facts__wide">
            <dt>Parent</dt>
            <dd>{unit.parent === null ? 'None (the hub)' : (parent?.name ?? unit.parent)}</dd>
          </div>
          <div>
            <dt>Depth</dt>
            <dd>{unit.depth}</dd>
          </div>
          <div>
            <dt>Spokes below</dt>
            <dd>{childCount}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>
              <Time iso={unit.created_at} />
            </dd>
          </div>
          <div class="facts__wide">
            <dt>Your roles here</dt>
            <dd>
              {mine.length === 0
                ? 'None'
                : mine.map((m, i) => (
                    <span key={m.id}>
                      {i > 0 ? ', ' : ''}
                      <span class={`role role--${m.role}`}>{m.role}</span>
                      {m.unit !== unit.slug ? (
                        <span class="muted"> (from {bySlug.get(m.unit)?.name ?? m.unit})</span>
                      ) : null}
                    </span>
                  ))}
            </dd>
          </div>
        </dl>
      </section>

      <section class="card" aria-labelledby="members-heading">
        <div class="card__header">
          <h2 id="members-heading" class="card__title">
            Members of {unit.name}
          </h2>
          {membersState.status === 'loading' && membersState.data ? (
            <span class="muted small" role="status">
              Refreshing…
            </span>
          ) : null}
        </div>
        {membersState.status === 'error' ? (
          membersState.error instanceof ApiError && membersState.error.status === 403 ? (
            <p class="alert alert--info">You cannot see the members of this unit: {membersState.error.message}</p>
          ) : (
            <ErrorState error={membersState.error} onRetry={reloadMembers} />
          )
        ) : membersState.status === 'loading' && !membersState.data ? (
          <Loading label="Loading members…" />
        ) : members.length === 0 ? (
          <Empty>
            Nobody holds a role directly at this unit.
            {unit.parent !== null ? ' People with a role at a unit above it also act here.' : ''}
          </Empty>
        ) : (
          <table class="table" aria-labelledby="members-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                {administerDenied ? null : (
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.user.name}
                    {m.user.id === currentUserId ? <span class="muted"> (you)</span> : null}
                  </td>
                  <td class="mono">{m.user.email}</td>
                  <td>
                    <span class={`role role--${m.role}`}>{m.role}</span>
                  </td>
                  {administerDenied ? null : (
                    <td class="table__actions">
                      <button
                        type="button"
                        class="btn btn--small btn--danger-ghost"
                        aria-label={`Remove the ${m.role} role of ${m.user.name}`}
                        onClick={() => {
                          setRemoveError(null);
                          setRemoving(m);
                        }}
                      >
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {unit.parent !== null && members.length > 0 ? (
          <p class="muted small">People with a role at a unit above this one also act here.</p>
        ) : null}
      </section>

      {mine.length === 0 ? (
        <p class="alert alert--info">
          You hold no role at {unit.name} or above it. It is shown because it lies above a unit where you do.
        </p>
      ) : (
        <>
          {formsNote ? <p class="alert alert--info">{formsNote}</p> : null}
          {can.createSpoke || !administerDenied ? (
            <div class="org__forms">
              {can.createSpoke ? (
                <CreateSpokeForm parent={unit} allowed onCreated={(u) => props.onUnitCreated(u)} />
              ) : null}
              {!administerDenied ? (
                <>
                  <AddUserForm
                    unit={unit}
                    roles={roles}
                    denied={null}
                    onDenied={(msg) => setForbiddenActions({ administer: msg })}
                    onCreated={(u, role) => {
                      announce(`${u.name} (${u.email}) was added to ${unit.name} as ${role}.`);
                      reloadMembers();
                      props.onUsersChanged();
                    }}
                  />
                  <GiveRoleForm
                    unit={unit}
                    roles={roles}
                    users={users}
                    usersError={usersError}
                    denied={null}
                    onDenied={(msg) => setForbiddenActions({ administer: msg })}
                    onGiven={(u, role) => {
                      announce(`${u.name} now has the ${role} role at ${unit.name}.`);
                      if (u.id === currentUserId) props.onOwnRolesChanged();
                      reloadMembers();
                      props.onUsersChanged();
                    }}
                  />
                </>
              ) : null}
            </div>
          ) : null}
        </>
      )}

      <ConfirmDialog
        open={removing !== null}
        title="Remove this role?"
        confirmLabel="Remove role"
        danger
        busy={removeBusy}
        error={removeError}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        {removing ? (
          <p>
            Take the <strong>{removing.role}</strong> role at <strong>{unit.name}</strong> away from{' '}
            <strong>{removing.user.name}</strong> ({removing.user.email})? They keep any role they hold elsewhere.
            {removing.user.id === currentUserId ? ' This is your own role: you may lose access to this unit.' : ''}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}

/* ---------------- forms ---------------- */

function Denied({ message }: { message: string }) {
  return <p class="form-card__denied">{message}</p>;
}

const SPOKE_FIELDS = ['name', 'slug', 'parent'] as const;

function CreateSpokeForm({ parent, allowed, onCreated }: { parent: Unit; allowed: boolean; onCreated: (u: Unit) => void }) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [serverDenied, setDenied] = useState<string | null>(null);
  const denied =
    serverDenied ?? (allowed ? null : 'Only an admin or manager of this unit, or of a unit above it, can create spokes here.');
  const formRef = useRef<HTMLFormElement>(null);
  useFocusInvalid(formRef, error, SPOKE_FIELDS, busy);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || denied) return;
    const n = name.trim();
    let err: ApiError | null = null;
    if (n === '') err = new ApiError(400, 'invalid_argument', 'Enter a name for the spoke.', 'name');
    else if (slugProblem(slug)) err = new ApiError(400, 'invalid_argument', slugProblem(slug)!, 'slug');
    if (err) {
      setError(err);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const u = await api.createUnit(parent.slug, slug, n);
      setName('');
      setSlug('');
      setSlugEdited(false);
      onCreated(u);
    } catch (x) {
      if (x instanceof ApiError && x.status === 403) setDenied(x.message);
      else {
        setError(x);
      }
    } finally {
      setBusy(false);
    }
  };

  const fe = (f: string) => (errorField(error, SPOKE_FIELDS) === f ? errorMessage(error) : null);

  return (
    <section class="card form-card" aria-labelledby="spoke-heading">
      <h2 id="spoke-heading" class="card__title">
        Create a spoke
      </h2>
      <p class="form-card__lead">
        A new unit under <strong>{parent.name}</strong>.
      </p>
      {denied ? (
        <Denied message={denied} />
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="spoke-heading">
          <fieldset class="form-card__fields" aria-busy={busy ? "true" : undefined}>
            <FormError error={error} fields={SPOKE_FIELDS} />
            <Field label="Name" name="name" error={fe('name')}>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  maxLength={120}
                  required
                  autoComplete="off"
                  value={name}
                  onInput={(e) => {
                    const v = e.currentTarget.value;
                    setName(v);
                    if (!slugEdited) setSlug(slugify(v));
                  }}
                />
              )}
            </Field>
            <Field label="Slug" name="slug" error={fe('slug')} hint="Lower-case letters, digits and hyphens; at most 32.">
              {(p) => (
                <input
                  {...p}
                  type="text"
                  class="mono"
                  maxLength={32}
                  required
                  autoComplete="off"
                  spellcheck={false}
                  value={slug}
                  onInput={(e) => {
                    setSlug(e.currentTarget.value);
                    setSlugEdited(e.currentTarget.value !== '');
                  }}
                />
              )}
            </Field>
            <button type="submit" class="btn btn--primary">
              {busy ? 'Creating…' : 'Create spoke'}
            </button>
          </fieldset>
        </form>
      )}
    </section>
  );
}

function RoleSelect({
  value,
  onChange,
  roles,
  error,
  label = 'Role',
}: {
  value: string;
  onChange: (v: string) => void;
  roles: RoleInfo[];
  error: string | null;
  label?: string;
}) {
  const description = roles.find((r) => r.role === value)?.description;
  return (
    <Field label={label} name="role" error={error} hint={description ?? 'What the person may do in this unit and below.'}>
      {(p) => (
        <select {...p} required value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">Choose a role…</option>
          {(roles.length ? roles.map((r) => r.role) : (['admin', 'manager', 'publisher', 'agent', 'reviewer', 'advocate', 'analyst'] as Role[])).map(
            (r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ),
          )}
        </select>
      )}
    </Field>
  );
}

const USER_FIELDS = ['name', 'email', 'password', 'role', 'unit'] as const;

function AddUserForm({
  unit,
  roles,
  denied,
  onDenied,
  onCreated,
}: {
  unit: Unit;
  roles: RoleInfo[];
  denied: string | null;
  onDenied: (message: string) => void;
  onCreated: (u: User, role: Role) => void;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusInvalid(formRef, error, USER_FIELDS, busy);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || denied) return;
    let err: ApiError | null = null;
    if (name.trim() === '') err = new ApiError(400, 'invalid_argument', 'Enter the person’s name.', 'name');
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
      err = new ApiError(400, 'invalid_argument', 'Enter a valid e-mail address.', 'email');
    else if (password.length < 10)
      err = new ApiError(400, 'invalid_argument', 'The password needs at least 10 characters.', 'password');
    else if (role === '') err = new ApiError(400, 'invalid_argument', 'Choose a role.', 'role');
    if (err) {
      setError(err);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const u = await api.createUser({
        name: name.trim(),
        email: email.trim(),
        password,
        unit: unit.slug,
        role: role as Role,
      });
      setName('');
      setEmail('');
      setPassword('');
      setRole('');
      onCreated(u, role as Role);
    } catch (x) {
      if (x instanceof ApiError && x.status === 403) onDenied(x.message);
      else {
        setError(x);
      }
    } finally {
      setBusy(false);
    }
  };

  const fe = (f: string) => (errorField(error, USER_FIELDS) === f ? errorMessage(error) : null);

  return (
    <section class="card form-card" aria-labelledby="adduser-heading">
      <h2 id="adduser-heading" class="card__title">
        Add a user
      </h2>
      <p class="form-card__lead">
        A new account with a first role at <strong>{unit.name}</strong>.
      </p>
      {denied ? (
        <Denied message={denied} />
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="adduser-heading">
          <fieldset class="form-card__fields" aria-busy={busy ? "true" : undefined}>
            <FormError error={error} fields={USER_FIELDS} />
            <Field label="Full name" name="name" error={fe('name')}>
              {(p) => (
                <input {...p} type="text" required autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />
              )}
            </Field>
            <Field label="Email" name="email" error={fe('email')}>
              {(p) => (
                <input
                  {...p}
                  type="email"
                  required
                  autoComplete="off"
                  value={email}
                  onInput={(e) => setEmail(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label="Initial password" name="password" error={fe('password')} hint="At least 10 characters. Share it safely.">
              {(p) => (
                <input
                  {...p}
                  type="password"
                  required
                  minLength={10}
                  autoComplete="new-password"
                  value={password}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                />
              )}
            </Field>
            <RoleSelect value={role} onChange={setRole} roles={roles} error={fe('role') ?? fe('unit')} />
            <button type="submit" class="btn btn--primary">
              {busy ? 'Adding…' : 'Add user'}
            </button>
          </fieldset>
        </form>
      )}
    </section>
  );
}

const GIVE_FIELDS = ['user_id', 'role'] as const;

function GiveRoleForm({
  unit,
  roles,
  users,
  usersError,
  denied,
  onDenied,
  onGiven,
}: {
  unit: Unit;
  roles: RoleInfo[];
  users: User[] | null;
  usersError: unknown;
  denied: string | null;
  onDenied: (message: string) => void;
  onGiven: (u: User, role: Role) => void;
}) {
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusInvalid(formRef, error, GIVE_FIELDS, busy);
  const usersDenied = usersError instanceof ApiError && usersError.status === 403 ? usersError.message : null;
  const sorted = useMemo(
    () => (users ? [...users].sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email)) : []),
    [users],
  );
  const why = denied ?? (usersDenied ? `You cannot list users: ${usersDenied}` : null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || why) return;
    let err: ApiError | null = null;
    if (userId === '') err = new ApiError(400, 'invalid_argument', 'Choose a user.', 'user_id');
    else if (role === '') err = new ApiError(400, 'invalid_argument', 'Choose a role.', 'role');
    if (err) {
      setError(err);
      return;
    }
    const user = sorted.find((u) => String(u.id) === userId);
    setBusy(true);
    setError(null);
    try {
      await api.addMember(unit.slug, Number(userId), role as Role);
      setUserId('');
      setRole('');
      if (user) onGiven(user, role as Role);
    } catch (x) {
      if (x instanceof ApiError && x.status === 403) onDenied(x.message);
      else {
        setError(x);
      }
    } finally {
      setBusy(false);
    }
  };

  const fe = (f: string) => (errorField(error, GIVE_FIELDS) === f ? errorMessage(error) : null);

  return (
    <section class="card form-card" aria-labelledby="give-heading">
      <h2 id="give-heading" class="card__title">
        Give a role
      </h2>
      <p class="form-card__lead">
        A role at <strong>{unit.name}</strong> for someone who already has an account.
      </p>
      {why ? (
        <Denied message={why} />
      ) : (
        <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="give-heading">
          <fieldset class="form-card__fields" aria-busy={busy ? "true" : undefined}>
            <FormError error={error} fields={GIVE_FIELDS} />
            {usersError && !usersDenied ? (
              <p class="alert alert--error" role="alert">
                Could not load the users: {errorMessage(usersError)}
              </p>
            ) : null}
            <Field
              label="User"
              name="user_id"
              error={fe('user_id')}
              hint={users === null && !usersError ? 'Loading users…' : users && users.length === 0 ? 'No users to choose from.' : undefined}
            >
              {(p) => (
                <select {...p} required value={userId} onChange={(e) => setUserId(e.currentTarget.value)}>
                  <option value="">Choose a user…</option>
                  {sorted.map((u) => (
                    <option key={u.id} value={String(u.id)}>
                      {u.name} · {u.email}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <RoleSelect value={role} onChange={setRole} roles={roles} error={fe('role')} />
            <button type="submit" class="btn btn--primary">
              {busy ? 'Giving…' : 'Give role'}
            </button>
          </fieldset>
        </form>
      )}
    </section>
  );
}
