// The "Create a spoke" form: a new unit under the selected one, its slug derived from the name until edited.
import { useState } from 'preact/hooks';
import type { Unit } from '../../api/types';
import { Field } from '../../components/field';
import { FormCard, invalid, useSubmit } from '../../components/form';
import { orgApi } from './api';
import { slugify, slugProblem } from './model';

const SPOKE_FIELDS = ['name', 'slug', 'parent'] as const;

export function CreateSpokeForm({
  parent,
  allowed,
  onCreated,
}: {
  parent: Unit;
  allowed: boolean;
  onCreated: (u: Unit) => void;
}) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [serverDenied, setDenied] = useState<string | null>(null);
  const denied =
    serverDenied ?? (allowed ? null : 'Only an admin or manager of this unit, or of a unit above it, can create spokes here.');

  const form = useSubmit({
    fields: SPOKE_FIELDS,
    blocked: Boolean(denied),
    validate: () => {
      if (name.trim() === '') return invalid('Enter a name for the spoke.', 'name');
      const problem = slugProblem(slug);
      return problem ? invalid(problem, 'slug') : null;
    },
    send: async () => {
      const u = await orgApi.createUnit(parent.slug, slug, name.trim());
      setName('');
      setSlug('');
      setSlugEdited(false);
      onCreated(u);
    },
    onDenied: setDenied,
  });

  return (
    <FormCard
      id="spoke-heading"
      title="Create a spoke"
      lead={
        <>
          A new unit under <strong>{parent.name}</strong>.
        </>
      }
      denied={denied}
      form={form}
      submitLabel="Create spoke"
      busyLabel="Creating…"
    >
      <Field label="Name" name="name" error={form.fieldError('name')}>
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
      <Field label="Slug" name="slug" error={form.fieldError('slug')} hint="Lower-case letters, digits and hyphens; at most 32.">
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
    </FormCard>
  );
}
