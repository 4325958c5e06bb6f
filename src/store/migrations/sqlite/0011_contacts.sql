-- 0011: the social CRM. people: the contact an agent sees, one person behind
-- one or more network identities (contacts: one per network and handle, as
-- listening has always kept every author; person_id links them). A person is
-- seen from every unit whose queue has met them (person_units), found by the
-- words of person_keys (name words, handles, e-mail, customer id: a prefix
-- range of one index on either backend), merged and un-merged through
-- person_merges, and erased down to a tombstone in person_erasures.
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_verified INTEGER NOT NULL,
  customer_id TEXT NOT NULL,
  tier TEXT NOT NULL,
  location TEXT NOT NULL,
  language TEXT NOT NULL,
  tags TEXT NOT NULL,
  consent TEXT NOT NULL,
  consent_at INTEGER,
  merged_into INTEGER REFERENCES people(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX people_email ON people(email) WHERE email <> '';
CREATE INDEX people_customer ON people(customer_id) WHERE customer_id <> '';
CREATE INDEX people_merged ON people(merged_into) WHERE merged_into IS NOT NULL;

ALTER TABLE contacts ADD COLUMN person_id INTEGER REFERENCES people(id);
CREATE INDEX contacts_person ON contacts(person_id) WHERE person_id IS NOT NULL;

CREATE TABLE person_units (
  person_id INTEGER NOT NULL REFERENCES people(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (person_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX person_units_unit ON person_units(unit_id, person_id);

CREATE TABLE person_keys (
  key TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES people(id),
  PRIMARY KEY (key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_keys_person ON person_keys(person_id);

CREATE TABLE person_merges (
  id INTEGER PRIMARY KEY,
  target_id INTEGER NOT NULL REFERENCES people(id),
  source_id INTEGER NOT NULL REFERENCES people(id),
  identity_ids TEXT NOT NULL,
  target_before TEXT NOT NULL,
  by_user_id INTEGER NOT NULL REFERENCES users(id),
  at INTEGER NOT NULL,
  undone_at INTEGER
);
CREATE INDEX person_merges_target ON person_merges(target_id, id);
CREATE INDEX person_merges_source ON person_merges(source_id, id);

CREATE TABLE person_erasures (
  person_id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  erased_at INTEGER NOT NULL,
  by_user_id INTEGER NOT NULL REFERENCES users(id),
  mentions INTEGER NOT NULL,
  cases INTEGER NOT NULL
);

-- A person's timeline: their identities' mentions and cases.
CREATE INDEX mentions_contact ON mentions(contact_id, created_at);
CREATE INDEX cases_contact ON cases(contact_id, id);
