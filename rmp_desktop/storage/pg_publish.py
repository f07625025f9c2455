"""The organisation's side of publishing: what a manager's login may call, and what it does.

A laptop hands the store one batch at a time (people, framework packs, fixed records with
their signatures) to `rmp_access.publish(batch jsonb)`, which runs as the store's owner and so
keeps the rules itself rather than leaving them to row-level security:
  - it works for a login mapped to a manager (rmp_access.manager_logins) and for that
    manager's team only: the manager's own row (made from the batch the first time, if the
    administrators mapped the login before anyone published it), people already in their team,
    and people the store does not know yet, who join it. Someone in another team, or in none,
    is refused with their records; the administrators move people between teams.
  - a person is found by their uid, any of their aliases, or their assignment number (the ESR
    match); uids the laptop knows them by are kept as aliases.
  - a record is found by its uid. The same fingerprint is the same record: missing signatures
    are added and its status may move on (awaiting sign-off, signed, superseded), never back.
    A different fingerprint under an existing uid is refused, and the refusal is kept in the
    audit log (event "publish_refused") for the administrators and `check`.
  - a new record goes in as a draft with its sections and signatures and is fixed in one
    UPDATE, where the store recomputes its fingerprint (storage/pg_record_rules.py); a record
    that does not match is refused, alone, and the rest of the batch goes on.
  - each record taken is written to the audit chain (event "published"), with the same links
    storage/audit.py makes, under its advisory lock, which also makes publishers take turns.
  - equality monitoring answers travel in a part of the batch of their own, keyed by uid
    (never beside a name or a record): each replaces the row kept for that person of the
    team, or removes it when the person withdrew them. The row stays the publishing login's
    entry (the store's trigger writes `entered_by`); a row another login entered is left as
    it is, as row-level security would. Answers must be ones the application asks; the audit
    chain gets counts only (events "equality_recorded", "equality_removed").
The answer says, per person and per record (and per equality uid), what happened, with the store's uid and time; no
integer id leaves the store. `rmp_access.whoami()` tells a laptop who its login is.
"""

from __future__ import annotations

import json

from rmp_desktop.domain.equality import QUESTIONS
from rmp_desktop.storage.dialect import AUDIT_CHAIN_LOCK

PUBLISHED_EVENT = "published"
REFUSED_EVENT = "publish_refused"

# Reasons a person or record is refused, as the answer names them (storage.publish words them).
OTHER_TEAM = "other_team"
PERSON_REFUSED = "person_refused"
DIFFERENT = "different"
FINGERPRINT = "fingerprint"
EARLIER_MISSING = "earlier_missing"
PACK_MISSING = "pack_missing"
SIGNATURE_DIFFERS = "signature_differs"
INVALID = "invalid"
HELD_ELSEWHERE = "held_elsewhere"  # equality answers another login entered
NOT_KNOWN = "not_known"  # a uid the store does not hold

# Equality answers: what the store keeps, per person of the team, as the application asks them.
_ALLOWED = json.dumps({q.id: [a.id for a in q.answers] for q in QUESTIONS})
_ANSWER_COLUMNS = tuple(q.id for q in QUESTIONS)

AUDIT_APPEND = rf"""
CREATE OR REPLACE FUNCTION rmp_access.audit_append(event text, record_uid text, staff integer,
                                                   detail jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  at timestamp := date_trunc('second', now() AT TIME ZONE 'utc');
  body text := rmp_canonical(detail, false);
  prev text;
  link text;
BEGIN
  PERFORM pg_advisory_xact_lock({AUDIT_CHAIN_LOCK});
  SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  -- storage.record_rows.audit_link_hash: [prev, at, event, uid, staff, detail] as compact JSON.
  link := encode(sha256(convert_to(rmp_canonical(jsonb_build_array(
            prev, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS'), event, record_uid, staff, body),
            false), 'UTF8')), 'hex');
  INSERT INTO audit_log(at, event, conversation_uid, staff_id, detail, prev_hash, hash)
       VALUES (at, event, record_uid, staff, body, prev, link);
  INSERT INTO app_meta(key, value) VALUES ('audit_head', link)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value;
END $$
"""

WHOAMI = r"""
CREATE OR REPLACE FUNCTION rmp_access.whoami() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT jsonb_build_object(
           'staff_uid', l.staff_uid,
           'known', rmp_access.my_staff_id() IS NOT NULL,
           'store_uid', (SELECT value FROM app_meta WHERE key = 'store_uid'))
    FROM rmp_access.manager_logins l WHERE l.login = session_user
$$
"""

# One person of the batch: found, added to the team, or refused. Returns the answer's entry
# with the person's id inside the store (kept inside the function).
PUBLISH_PERSON = r"""
CREATE OR REPLACE FUNCTION rmp_access.publish_person(p jsonb, me integer, at timestamp)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  uids text[] := ARRAY[p ->> 'uid'] || ARRAY(SELECT jsonb_array_elements_text(p -> 'aliases'));
  number text := nullif(btrim(coalesce(p ->> 'assignment_number', '')), '');
  pid integer;
  manager integer;
BEGIN
  SELECT id INTO pid FROM staff WHERE uid = ANY(uids) ORDER BY id LIMIT 1;
  IF pid IS NULL THEN
    SELECT staff_id INTO pid FROM staff_aliases WHERE uid = ANY(uids) ORDER BY staff_id LIMIT 1;
  END IF;
  IF pid IS NULL AND number IS NOT NULL THEN
    SELECT id INTO pid FROM staff WHERE lower(assignment_number) = lower(number);
  END IF;
  IF pid IS NOT NULL AND me IS NULL THEN  -- only the manager's own first row is made so
    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'other_team',
                              'uid', (SELECT uid FROM staff WHERE id = pid));
  END IF;
  IF pid IS NULL THEN
    INSERT INTO staff(uid, full_name, preferred_name, job_title, band, functional_area,
                      directorate, line_manager_id, start_date, email, assignment_number,
                      archived, search_text, created_at, updated_at)
         VALUES (p ->> 'uid', p ->> 'full_name', p ->> 'preferred_name', p ->> 'job_title',
                 p ->> 'band', p ->> 'functional_area', coalesce(p ->> 'directorate', ''), me,
                 (p ->> 'start_date')::date,
                 p ->> 'email', number, (p ->> 'archived')::boolean, p ->> 'search_text',
                 at, at)
      RETURNING id INTO pid;
  ELSE
    SELECT line_manager_id INTO manager FROM staff WHERE id = pid;
    IF pid <> me AND manager IS DISTINCT FROM me THEN
      RETURN jsonb_build_object('outcome', 'refused', 'reason', 'other_team',
                                'uid', (SELECT uid FROM staff WHERE id = pid));
    END IF;
    IF (p ->> 'changed')::boolean THEN
      BEGIN
        UPDATE staff SET full_name = p ->> 'full_name', preferred_name = p ->> 'preferred_name',
               job_title = p ->> 'job_title', band = p ->> 'band',
               functional_area = p ->> 'functional_area', start_date = (p ->> 'start_date')::date,
               directorate = coalesce(p ->> 'directorate', directorate),
               email = p ->> 'email', assignment_number = coalesce(number, assignment_number),
               archived = (p ->> 'archived')::boolean, search_text = p ->> 'search_text',
               updated_at = at
         WHERE id = pid;
      EXCEPTION WHEN unique_violation THEN  -- their number belongs to someone else here
        UPDATE staff SET full_name = p ->> 'full_name', preferred_name = p ->> 'preferred_name',
               job_title = p ->> 'job_title', band = p ->> 'band',
               functional_area = p ->> 'functional_area', start_date = (p ->> 'start_date')::date,
               directorate = coalesce(p ->> 'directorate', directorate),
               email = p ->> 'email', archived = (p ->> 'archived')::boolean,
               search_text = p ->> 'search_text', updated_at = at
         WHERE id = pid;
      END;
    END IF;
  END IF;
  INSERT INTO staff_aliases(uid, staff_id, source, added_at)
       SELECT DISTINCT u, pid, 'published', at FROM unnest(uids) AS u
        WHERE u ~ '^[0-9a-f]{32}$' AND NOT EXISTS (SELECT 1 FROM staff WHERE uid = u)
  ON CONFLICT (uid) DO NOTHING;
  RETURN jsonb_build_object('outcome', 'published', 'id', pid,
                            'uid', (SELECT uid FROM staff WHERE id = pid));
END $$
"""

# One record of the batch. `people` maps the laptop's person uids to publish_person's answers.
PUBLISH_RECORD = r"""
CREATE OR REPLACE FUNCTION rmp_access.publish_record(r jsonb, people jsonb, me integer,
                                                     my_uid text, at timestamp) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  person jsonb := people -> (r ->> 'person_uid');
  pid integer := (person ->> 'id')::integer;
  hit record;
  cid integer;
  earlier integer;
  rank constant jsonb := '{"draft": 0, "awaiting_signoff": 1, "signed": 2, "superseded": 3}';
  wanted text := r ->> 'status';
  s jsonb;
  kept record;
  message text;
  rule text;
  reason text;
  moved boolean := false;
BEGIN
  IF person IS NULL OR person ->> 'outcome' <> 'published' THEN
    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'person_refused');
  END IF;
  IF coalesce((rank ->> wanted)::integer, 0) = 0 OR r ->> 'fingerprint' !~ '^[0-9a-f]{64}$' THEN
    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'invalid',
                              'detail', 'only a signed record can be published');
  END IF;
  IF r ->> 'kind' NOT IN ('appraisal', 'career', 'both') OR EXISTS (
       SELECT 1 FROM jsonb_array_elements(r -> 'signatures') AS sig
        WHERE sig.value ->> 'role' NOT IN ('employee', 'manager')) THEN
    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'invalid',
                              'detail', 'a kind of conversation or a signer''s role this '
                                        'application does not know');
  END IF;
  SELECT c.id, c.person_id, c.fingerprint, c.status INTO hit FROM conversations c
   WHERE c.uid = r ->> 'uid';
  IF FOUND THEN
    IF hit.fingerprint IS DISTINCT FROM r ->> 'fingerprint' THEN
      PERFORM rmp_access.audit_append('publish_refused', r ->> 'uid', hit.person_id,
        jsonb_build_object('reason', 'different', 'offered', r ->> 'fingerprint',
                           'kept', hit.fingerprint, 'by', my_uid));
      RETURN jsonb_build_object('outcome', 'refused', 'reason', 'different',
                                'kept', hit.fingerprint);
    END IF;
    IF hit.person_id <> pid THEN  -- the same record, kept under another person: leave it
      RETURN jsonb_build_object('outcome', 'published', 'moved', false);
    END IF;
    BEGIN
      FOR s IN SELECT value FROM jsonb_array_elements(r -> 'signatures') LOOP
        SELECT signer_name, signed_at INTO kept FROM signatures
         WHERE conversation_id = hit.id AND role = s ->> 'role';
        IF NOT FOUND THEN
          INSERT INTO signatures(conversation_id, role, signer_name, statement, signed_at,
                                 fingerprint, drawing)
               VALUES (hit.id, s ->> 'role', s ->> 'signer_name', s ->> 'statement',
                       (s ->> 'signed_at')::timestamp, s ->> 'fingerprint',
                       decode(s ->> 'drawing', 'base64'));
          moved := true;
        ELSIF kept.signer_name IS DISTINCT FROM s ->> 'signer_name'
              OR kept.signed_at IS DISTINCT FROM (s ->> 'signed_at')::timestamp THEN
          PERFORM rmp_access.audit_append('publish_refused', r ->> 'uid', pid,
            jsonb_build_object('reason', 'signature_differs', 'role', s ->> 'role',
                               'by', my_uid));
          RETURN jsonb_build_object('outcome', 'refused', 'reason', 'signature_differs');
        END IF;
      END LOOP;
      IF (rank ->> wanted)::integer > (rank ->> hit.status)::integer THEN
        UPDATE conversations SET status = r ->> 'status', updated_at = at WHERE id = hit.id;
        moved := true;
      END IF;
      SET CONSTRAINTS ALL IMMEDIATE;
      SET CONSTRAINTS ALL DEFERRED;
      IF moved THEN
        PERFORM rmp_access.audit_append('published', r ->> 'uid', pid,
          jsonb_build_object('fingerprint', r ->> 'fingerprint', 'status', wanted,
                             'version', (r ->> 'version')::integer, 'by', my_uid));
      END IF;
    EXCEPTION WHEN integrity_constraint_violation OR data_exception THEN
      GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, rule = CONSTRAINT_NAME;
      RETURN jsonb_build_object('outcome', 'refused', 'reason', 'invalid', 'detail', message);
    END;
    RETURN jsonb_build_object('outcome', 'published', 'moved', moved);
  END IF;
  IF r ->> 'supersedes_uid' IS NOT NULL THEN
    SELECT id INTO earlier FROM conversations WHERE uid = r ->> 'supersedes_uid';
    IF earlier IS NULL THEN
      RETURN jsonb_build_object('outcome', 'refused', 'reason', 'earlier_missing');
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(nullif(r ->> 'pack_refs', ''),
                                                           '[]')::jsonb) AS ref
              WHERE NOT EXISTS (SELECT 1 FROM pack_snapshots
                                 WHERE fingerprint = ref.value ->> 'fingerprint')) THEN
    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'pack_missing');
  END IF;
  BEGIN
    INSERT INTO conversations(uid, person_id, manager_id, manager_name, kind, held_on, status,
                              current_step, pack_refs, version, supersedes_id, amendment_reason,
                              fingerprint, created_at, updated_at)
         VALUES (r ->> 'uid', pid,
                 (people -> (r ->> 'manager_uid') ->> 'id')::integer,
                 r ->> 'manager_name', r ->> 'kind', (r ->> 'held_on')::date, 'draft',
                 'summary', r ->> 'pack_refs', (r ->> 'version')::integer, earlier,
                 r ->> 'amendment_reason', NULL, at, at)
      RETURNING id INTO cid;
    INSERT INTO conversation_sections(conversation_id, section, body, updated_at)
         SELECT cid, key, value #>> '{}', at FROM jsonb_each(r -> 'sections');
    INSERT INTO signatures(conversation_id, role, signer_name, statement, signed_at,
                           fingerprint, drawing)
         SELECT cid, value ->> 'role', value ->> 'signer_name', value ->> 'statement',
                (value ->> 'signed_at')::timestamp, value ->> 'fingerprint',
                decode(value ->> 'drawing', 'base64')
           FROM jsonb_array_elements(r -> 'signatures');
    -- Fixed in one UPDATE: the store recomputes the fingerprint here.
    UPDATE conversations SET status = r ->> 'status', fingerprint = r ->> 'fingerprint'
     WHERE id = cid;
    SET CONSTRAINTS ALL IMMEDIATE;  -- the signatures' checks now, inside this record's block
    SET CONSTRAINTS ALL DEFERRED;
    PERFORM rmp_access.audit_append('published', r ->> 'uid', pid,
      jsonb_build_object('fingerprint', r ->> 'fingerprint', 'status', wanted,
                         'version', (r ->> 'version')::integer, 'by', my_uid));
  EXCEPTION WHEN integrity_constraint_violation OR data_exception THEN
    GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, rule = CONSTRAINT_NAME;
    reason := CASE WHEN rule = 'rmp_record_fingerprint' THEN 'fingerprint' ELSE 'invalid' END;
    PERFORM rmp_access.audit_append('publish_refused', r ->> 'uid', pid,
      jsonb_build_object('reason', reason, 'offered', r ->> 'fingerprint', 'by', my_uid));
    RETURN jsonb_build_object('outcome', 'refused', 'reason', reason, 'detail', message);
  END;
  RETURN jsonb_build_object('outcome', 'published', 'moved', true);
END $$
"""

# One person's equality answers (or their withdrawal: "answers" null). `me` the manager's id.
PUBLISH_EQUALITY = r"""
CREATE OR REPLACE FUNCTION rmp_access.publish_equality(e jsonb, me integer, at timestamp)
RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  allowed constant jsonb := '""" + _ALLOWED + r"""';
  a jsonb := e -> 'answers';
  pid integer;
  key text;
  uids text[];
  gone integer;
BEGIN
  IF coalesce(e ->> 'uid', '') !~ '^[0-9a-f]{32}$' OR (a IS NOT NULL AND jsonb_typeof(a)
       NOT IN ('object', 'null')) OR (jsonb_typeof(a) = 'object' AND EXISTS (
         SELECT 1 FROM jsonb_each(a) AS given
          WHERE NOT coalesce(allowed -> given.key ? (given.value #>> '{}'), false))) THEN
    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'invalid');
  END IF;
  SELECT id INTO pid FROM staff WHERE uid = e ->> 'uid';
  IF pid IS NULL THEN
    SELECT staff_id INTO pid FROM staff_aliases WHERE uid = e ->> 'uid';
  END IF;
  IF pid IS NULL THEN
    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'not_known');
  END IF;
  IF pid <> me AND (SELECT line_manager_id FROM staff WHERE id = pid) IS DISTINCT FROM me THEN
    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'other_team');
  END IF;
  SELECT uid INTO key FROM staff WHERE id = pid;  -- kept under the store's own uid for them
  uids := ARRAY[key] || ARRAY(SELECT uid FROM staff_aliases WHERE staff_id = pid);
  IF EXISTS (SELECT 1 FROM equality_monitoring
              WHERE staff_uid = key AND entered_by <> session_user) THEN
    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'held_elsewhere');
  END IF;
  BEGIN
    IF jsonb_typeof(a) = 'object' AND EXISTS (  -- kept as they are (a batch sent again)
         SELECT 1 FROM equality_monitoring m
          WHERE m.staff_uid = key AND m.source = e ->> 'source'
            AND m.consent_on IS NOT DISTINCT FROM (e ->> 'consent_on')::date
            AND """ + " AND ".join(f"m.{c} IS NOT DISTINCT FROM a ->> '{c}'"
                                  for c in _ANSWER_COLUMNS) + r"""
            AND NOT EXISTS (SELECT 1 FROM equality_monitoring o
                             WHERE o.staff_uid = ANY(uids) AND o.staff_uid <> key
                               AND o.entered_by = session_user)) THEN
      RETURN jsonb_build_object('outcome', 'published', 'moved', false);
    END IF;
    -- This login's rows for them (under any of their uids) give way to the one row.
    DELETE FROM equality_monitoring WHERE staff_uid = ANY(uids) AND entered_by = session_user;
    IF a IS NULL OR jsonb_typeof(a) = 'null' THEN
      GET DIAGNOSTICS gone = ROW_COUNT;
      RETURN jsonb_build_object('outcome', 'removed', 'moved', gone > 0);
    END IF;
    INSERT INTO equality_monitoring(staff_uid, """ + ", ".join(_ANSWER_COLUMNS) + r""",
                                    source, consent_on, share, updated_at)
         VALUES (key, """ + ", ".join(f"a ->> '{c}'" for c in _ANSWER_COLUMNS) + r""",
                 e ->> 'source', (e ->> 'consent_on')::date, false,
                 least(coalesce((e ->> 'updated_at')::timestamp, at), at));
  EXCEPTION WHEN integrity_constraint_violation OR data_exception THEN
    RETURN jsonb_build_object('outcome', 'refused', 'reason', 'invalid');
  END;
  RETURN jsonb_build_object('outcome', 'published', 'moved', true);
END $$
"""

PUBLISH = r"""
CREATE OR REPLACE FUNCTION rmp_access.publish(batch jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  my_uid text;
  me integer;
  at timestamp := date_trunc('second', now() AT TIME ZONE 'utc');
  p jsonb;
  r jsonb;
  pack jsonb;
  people jsonb := '{}';
  records jsonb := '{}';
  packs jsonb := '{}';
  equality jsonb := '{}';
  e jsonb;
  taken integer;
  removed integer;
  answer jsonb;
BEGIN
  SELECT staff_uid INTO my_uid FROM rmp_access.manager_logins WHERE login = session_user;
  IF my_uid IS NULL THEN
    RAISE EXCEPTION 'this login is not a manager of the organisation''s store'
      USING ERRCODE = 'insufficient_privilege',
            HINT = 'The administrators map a login to a manager with store-admin add-manager.';
  END IF;
  -- One publisher at a time: the audit chain's lock (every publish writes to the chain).
  PERFORM pg_advisory_xact_lock(""" + str(AUDIT_CHAIN_LOCK) + r""");
  me := rmp_access.my_staff_id();
  IF me IS NULL THEN  -- the manager's own row, the first time: it must be the mapped uid
    p := batch -> 'me';
    IF p IS NULL OR NOT (p ->> 'uid' = my_uid OR p -> 'aliases' ? my_uid) THEN
      RAISE EXCEPTION 'the organisation''s store does not know this manager yet'
        USING ERRCODE = 'insufficient_privilege',
              DETAIL = my_uid,
              HINT = 'Publish from the laptop that holds the staff uid the login is mapped to.';
    END IF;
    answer := rmp_access.publish_person(p, NULL, at);
    IF answer ->> 'outcome' <> 'published' THEN
      RAISE EXCEPTION 'this manager is already on the organisation''s store under another identifier'
        USING ERRCODE = 'insufficient_privilege', DETAIL = answer ->> 'uid',
              HINT = 'The administrators map the login to that identifier with store-admin add-manager.';
    END IF;
    me := rmp_access.my_staff_id();
  END IF;
  FOR pack IN SELECT value FROM jsonb_array_elements(coalesce(batch -> 'packs', '[]')) LOOP
    IF EXISTS (SELECT 1 FROM pack_snapshots WHERE fingerprint = pack ->> 'fingerprint') THEN
      packs := packs || jsonb_build_object(pack ->> 'fingerprint', 'published');
      CONTINUE;  -- kept already (each batch names its packs): not proved again
    END IF;
    BEGIN
      INSERT INTO pack_snapshots(fingerprint, pack_id, version, kind, body)
           VALUES (pack ->> 'fingerprint', pack ->> 'pack_id', pack ->> 'version',
                   pack ->> 'kind', pack ->> 'body')
      ON CONFLICT (fingerprint) DO NOTHING;
      packs := packs || jsonb_build_object(pack ->> 'fingerprint', 'published');
    EXCEPTION WHEN integrity_constraint_violation OR data_exception THEN
      packs := packs || jsonb_build_object(pack ->> 'fingerprint', 'refused');
    END;
  END LOOP;
  FOR p IN SELECT value FROM jsonb_array_elements(coalesce(batch -> 'people', '[]')) LOOP
    people := people || jsonb_build_object(p ->> 'uid', rmp_access.publish_person(p, me, at));
  END LOOP;
  -- An amendment after the version it amends.
  FOR r IN SELECT value FROM jsonb_array_elements(coalesce(batch -> 'records', '[]'))
            ORDER BY (value ->> 'version')::integer LOOP
    answer := rmp_access.publish_record(r, people, me, my_uid, at);
    records := records || jsonb_build_object(r ->> 'uid', answer);
  END LOOP;
  -- Equality answers, apart: keyed by uid, after the people they belong to.
  FOR e IN SELECT value FROM jsonb_array_elements(coalesce(batch -> 'equality', '[]')) LOOP
    equality := equality || jsonb_build_object(e ->> 'uid',
                                               rmp_access.publish_equality(e, me, at));
  END LOOP;
  -- Counts only, of what changed (a batch sent again changes nothing).
  SELECT count(*) FILTER (WHERE value ->> 'outcome' = 'published'),
         count(*) FILTER (WHERE value ->> 'outcome' = 'removed')
    INTO taken, removed FROM jsonb_each(equality) WHERE (value ->> 'moved')::boolean;
  IF taken > 0 THEN
    PERFORM rmp_access.audit_append('equality_recorded', NULL, NULL, jsonb_build_object(
      'source', 'published', 'by', my_uid, 'count', taken));
  END IF;
  IF removed > 0 THEN
    PERFORM rmp_access.audit_append('equality_removed', NULL, NULL, jsonb_build_object(
      'by', my_uid, 'count', removed));
  END IF;
  RETURN jsonb_build_object(
    'store_uid', (SELECT value FROM app_meta WHERE key = 'store_uid'),
    'at', to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS'),
    'people', (SELECT coalesce(jsonb_object_agg(key, value - 'id'), '{}')
                 FROM jsonb_each(people)),
    'records', records, 'packs', packs, 'equality', equality);
END $$
"""

_INTERNAL = ("rmp_access.audit_append(text, text, integer, jsonb)",
             "rmp_access.publish_person(jsonb, integer, timestamp)",
             "rmp_access.publish_record(jsonb, jsonb, integer, text, timestamp)",
             "rmp_access.publish_equality(jsonb, integer, timestamp)")
_CALLABLE = ("rmp_access.whoami()", "rmp_access.publish(jsonb)")


def access_statements(manager_role: str) -> list[str]:
    """The functions, callable by managers' logins (publish, whoami) or by nobody but them."""
    out = [AUDIT_APPEND, WHOAMI, PUBLISH_PERSON, PUBLISH_RECORD, PUBLISH_EQUALITY, PUBLISH]
    out += [f"REVOKE ALL ON FUNCTION {f} FROM PUBLIC" for f in _INTERNAL + _CALLABLE]
    out += [f"GRANT EXECUTE ON FUNCTION {f} TO {manager_role}" for f in _CALLABLE]
    return out
