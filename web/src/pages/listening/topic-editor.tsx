// The form that creates a topic (unit, name, query) or changes one (name, query), with the query
// checked as it is typed and a preview of the recent mentions it matches.
import { useId, useRef, useState } from 'preact/hooks';
import type { Membership, Unit } from '../../api/types';
import { Field, FormError, describedBy } from '../../components/field';
import { invalid, useSubmit } from '../../components/form';
import { wellFormed } from '../../lib/text';
import { listeningApi, type Topic } from './api';
import { canManageTopics } from './model';
import { QueryDiagnostics, QueryPreview, useQueryCheck } from './query-check';

const FIELDS = ['unit', 'name', 'query'] as const;

export interface TopicEditorProps {
  /** The topic to change, or null to create one. */
  topic: Topic | null;
  units: readonly Unit[];
  memberships: readonly Membership[];
  /** The unit chosen first when creating (e.g. the one of the topic on screen). */
  defaultUnit: string | null;
  onSaved: (t: Topic, created: boolean) => void;
  onCancel: () => void;
}

export function TopicEditor({ topic, units, memberships, defaultUnit, onSaved, onCancel }: TopicEditorProps) {
  const editable = units.filter((u) => canManageTopics(u.slug, units, memberships));
  const firstUnit =
    topic?.unit ?? (defaultUnit && editable.some((u) => u.slug === defaultUnit) ? defaultUnit : (editable[0]?.slug ?? ''));
  const [unit, setUnit] = useState(firstUnit);
  const [name, setName] = useState(topic?.name ?? '');
  const [query, setQuery] = useState(topic?.query ?? '');
  const [refused, setRefused] = useState<string | null>(null);
  // The inputs of the last submit: its errors are shown until one of them changes.
  const [submitted, setSubmitted] = useState<string | null>(null);
  const inputs = JSON.stringify([unit, name, query]);
  const check = useQueryCheck(query);
  const queryRef = useRef<HTMLTextAreaElement>(null);
  const queryId = useId();
  const diagId = useId();
  const headingId = useId();
  const unitName = (slug: string) => units.find((u) => u.slug === slug)?.name ?? slug;

  const allowedHere = topic ? canManageTopics(topic.unit, units, memberships) : editable.length > 0;
  const denied =
    refused ??
    (allowedHere
      ? null
      : topic
        ? `Only an admin, manager or analyst of ${unitName(topic.unit)} (or of a unit above it) can change this topic.`
        : 'Creating topics needs the admin, manager or analyst role at a unit. You hold none of these anywhere.');

  const form = useSubmit({
    fields: FIELDS,
    blocked: Boolean(denied),
    validate: () => {
      setSubmitted(inputs);
      if (!topic && unit === '') return invalid('Choose the unit that owns the topic.', 'unit');
      if (name.trim() === '') return invalid('Give the topic a name.', 'name');
      if (name.trim().length > 120) return invalid('A name has at most 120 characters.', 'name');
      if (query.trim() === '') return invalid('Write the query that selects the mentions.', 'query');
      const v = check.validation;
      if (v && !v.valid && check.checked === wellFormed(query)) {
        return invalid('Fix the query first: the problems are listed under it.', 'query');
      }
      return null;
    },
    send: async () => {
      const q = wellFormed(query);
      const saved = topic
        ? await listeningApi.updateTopic(topic.id, name.trim(), q)
        : await listeningApi.createTopic(unit, name.trim(), q);
      onSaved(saved, !topic);
    },
    onDenied: (message) =>
      setRefused(
        `The server refused: ${message} ${
          topic ? 'Changing' : 'Creating'
        } topics at ${unitName(topic?.unit ?? unit)} needs the admin, manager or analyst role there or above.`,
      ),
  });

  const goTo = (index: number, length: number) => {
    const ta = queryRef.current;
    if (!ta) return;
    ta.focus();
    ta.setSelectionRange(index, index + length);
  };

  const current = submitted === inputs;
  const fieldError = (f: string) => (current ? form.fieldError(f) : null);
  const queryError = fieldError('query');
  // Known before anything is sent: no form to fill in, only the reason.
  const deniedUpFront = Boolean(denied) && refused === null;
  const invalidQuery = (check.validation !== null && !check.validation.valid) || queryError !== null;

  return (
    <>
      <section class="card lst-editor" aria-labelledby={headingId}>
        <div class="card__header">
          <h2 id={headingId} class="card__title card__title--large">
            {topic ? `Edit “${topic.name}”` : 'New topic'}
          </h2>
        </div>
        <p class="form-card__lead">
          {topic ? (
            <>
              Saving searches the stored mentions again with the new query, so its counts and charts are rebuilt. On a
              large store that goes on in the background: the topic shows how far it got.
            </>
          ) : (
            <>
              A topic is a saved query. Stored mentions are searched when it is saved (in the background on a large
              store: the topic shows how far it got); new ones are matched as they arrive.
            </>
          )}
        </p>
        {denied ? (
          <div class="alert alert--warning lst-denied" role="alert" data-testid="topic-denied">
            <p>
              <strong>You cannot {topic ? 'change this topic' : 'create topics'}.</strong> {denied}
            </p>
            <button type="button" class="btn btn--small" onClick={onCancel}>
              Back
            </button>
          </div>
        ) : null}
        {deniedUpFront ? null : (
          <form ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-labelledby={headingId}>
            <fieldset class="lst-editor__fields" aria-busy={form.busy ? 'true' : undefined} disabled={Boolean(denied)}>
              <FormError error={current ? form.error : null} fields={form.fields} />
              <div class="lst-editor__row">
                {topic ? (
                  <div class="field">
                    <span class="field__label">Unit</span>
                    <span class="lst-editor__unit">{unitName(topic.unit)}</span>
                  </div>
                ) : (
                  <Field label="Unit" name="unit" error={fieldError('unit')}>
                    {(p) => (
                      <select {...p} value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
                        {editable.map((u) => (
                          <option key={u.slug} value={u.slug}>
                            {'\u2002'.repeat(u.depth)}
                            {u.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                )}
                <Field label="Name" name="name" error={fieldError('name')}>
                  {(p) => (
                    <input
                      {...p}
                      type="text"
                      maxLength={120}
                      autoComplete="off"
                      value={name}
                      placeholder="e.g. Acme phones"
                      onInput={(e) => setName(e.currentTarget.value)}
                    />
                  )}
                </Field>
              </div>
              <div class={invalidQuery ? 'field field--invalid lst-query' : 'field lst-query'}>
                <div class="lst-query__label">
                <label for={queryId}>Query</label>
                {check.pending && query.trim() !== '' ? (
                  <span class="qcheck__busy" aria-hidden="true">
                    <span class="spinner spinner--small" />
                    Checking…
                  </span>
                ) : null}
              </div>
                <textarea
                  id={queryId}
                  ref={queryRef}
                  name="query"
                  class="mono lst-query__input"
                  rows={4}
                  spellcheck={false}
                  autoCapitalize="off"
                  autoComplete="off"
                  value={query}
                  aria-invalid={invalidQuery ? 'true' : undefined}
                  aria-describedby={describedBy(queryError ? `${diagId}-err` : undefined, diagId)}
                  placeholder='acme AND (phone OR "customer service") AND NOT #ad'
                  onInput={(e) => setQuery(e.currentTarget.value)}
                />
                {queryError ? (
                  <p class="field__error" id={`${diagId}-err`}>
                    {queryError}
                  </p>
                ) : null}
                <QueryDiagnostics id={diagId} query={query} check={check} onGo={goTo} />
              </div>
              <QuerySyntax />
              <div class="lst-editor__actions">
                <button type="submit" class="btn btn--primary">
                  {form.busy ? 'Saving…' : topic ? 'Save changes' : 'Create topic'}
                </button>
                <button type="button" class="btn" onClick={onCancel}>
                  Cancel
                </button>
              </div>
            </fieldset>
          </form>
        )}
      </section>
      {deniedUpFront ? null : <QueryPreview query={query} check={check} />}
    </>
  );
}

/** The query language in brief (DESIGN.md, "The listening query language"). */
function QuerySyntax() {
  return (
    <details class="qhelp">
      <summary>Query syntax</summary>
      <table class="table table--compact qhelp__table">
        <tbody>
          <tr>
            <td>
              <code>word</code>, <code>"two words"</code>
            </td>
            <td>a word; words side by side, in order. Case and accents are ignored.</td>
          </tr>
          <tr>
            <td>
              <code>"apple juice"~5</code>
            </td>
            <td>the words at most 5 words apart, in any order</td>
          </tr>
          <tr>
            <td>
              <code>run*</code>, <code>customi?e</code>
            </td>
            <td>any ending; exactly one character (not at the start of a word)</td>
          </tr>
          <tr>
            <td>
              <code>{'{Apple}'}</code>
            </td>
            <td>case-sensitive</td>
          </tr>
          <tr>
            <td>
              <code>a AND b</code>, <code>a OR b</code>, <code>a AND NOT b</code>, <code>( … )</code>
            </td>
            <td>operators in capitals; AND and OR at one level need parentheses</td>
          </tr>
          <tr>
            <td>
              <code>a NEAR/3 b</code>, <code>a NEAR/3f b</code>
            </td>
            <td>at most 3 words apart, in either order; <code>f</code>: b after a</td>
          </tr>
          <tr>
            <td>
              <code>#tag</code>, <code>@handle</code>, <code>$cashtag</code>
            </td>
            <td>hashtags, mentions and cashtags</td>
          </tr>
          <tr>
            <td>
              <code>language:en</code>, <code>network:mastodon</code>, <code>author:name</code>, <code>site:example.com</code>
            </td>
            <td>
              field filters; also <code>authorFollowers:[1000 TO 50000]</code>, <code>sentiment:negative</code>,{' '}
              <code>intent:support</code>
            </td>
          </tr>
        </tbody>
      </table>
    </details>
  );
}
