"""An organisation's PostgreSQL store proves every record for itself as it is fixed.

Whoever writes to the store (a laptop publishing, a manager signing on a desktop, any client
speaking SQL), the database recomputes a record's fingerprint from what it holds at the moment
the record is fixed (its status leaves "draft", or it arrives already fixed) and refuses it if
the fingerprint it carries differs. The canonical form is the application's own
(domain/record.py): JSON with keys sorted by code point, no insignificant white space, strings in
Unicode NFC, built from the stored columns, every stored section and the person as they were at
signing. Signatures must be given for the fingerprint the record carries, a record marked signed
must be signed by both, and a framework pack's text must give its fingerprint. Migration 0006
installs these (PostgreSQL only: a laptop's file is its owner's to keep).

Numbers: whole numbers are written as Python writes them; a number with a fraction is written as
stored, which is Python's own spelling except for exponents (1e-05), which no record holds.
The checks run as the owner (SECURITY DEFINER), so a manager's row-level security cannot hide
a section from them. Refusals raise SQLSTATE 23514 (check_violation) naming one of the
constraints below, so a client can tell which rule refused.
"""

from __future__ import annotations

FINGERPRINT_RULE = "rmp_record_fingerprint"
SIGNATURE_RULE = "rmp_signature_fingerprint"
SIGNED_BY_BOTH_RULE = "rmp_signed_by_both"
PACK_RULE = "rmp_pack_fingerprint"

# The canonical JSON of a value, as domain.record.canonical_json(_nfc(value)) writes it (nfc)
# or as content packs hash themselves (no NFC). PostgreSQL's own string escaping is Python's
# json with ensure_ascii=False: \" \\ \b \f \n \r \t, other controls as \u00xx, the rest raw.
CANONICAL_FUNCTION = r"""
CREATE OR REPLACE FUNCTION rmp_canonical(j jsonb, nfc boolean DEFAULT true) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF jsonb_typeof(j) = 'object' THEN
    RETURN '{' || coalesce((
      SELECT string_agg(to_json(k)::text || ':' || CASE jsonb_typeof(value)
          WHEN 'string' THEN to_json(CASE WHEN nfc THEN normalize(value #>> '{}', NFC)
                                          ELSE value #>> '{}' END)::text
          WHEN 'object' THEN public.rmp_canonical(value, nfc)
          WHEN 'array' THEN public.rmp_canonical(value, nfc)
          ELSE value::text END, ',' ORDER BY k COLLATE "C")
        FROM (SELECT CASE WHEN nfc THEN normalize(key, NFC) ELSE key END AS k, value
                FROM jsonb_each(j)) AS e), '') || '}';
  ELSIF jsonb_typeof(j) = 'array' THEN
    RETURN '[' || coalesce((
      SELECT string_agg(CASE jsonb_typeof(value)
          WHEN 'string' THEN to_json(CASE WHEN nfc THEN normalize(value #>> '{}', NFC)
                                          ELSE value #>> '{}' END)::text
          WHEN 'object' THEN public.rmp_canonical(value, nfc)
          WHEN 'array' THEN public.rmp_canonical(value, nfc)
          ELSE value::text END, ',' ORDER BY n)
        FROM jsonb_array_elements(j) WITH ORDINALITY AS a(value, n)), '') || ']';
  ELSIF jsonb_typeof(j) = 'string' THEN
    RETURN to_json(CASE WHEN nfc THEN normalize(j #>> '{}', NFC) ELSE j #>> '{}' END)::text;
  END IF;
  RETURN j::text;
END $$
"""

# The record's canonical text from the stored rows (domain.record.Record.canonical_content,
# as storage.record_rows.build_record builds a fixed record), or NULL when the stored content
# cannot make one (no person as they were at signing).
RECORD_CANONICAL_FUNCTION = r"""
CREATE OR REPLACE FUNCTION rmp_record_canonical(c conversations) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  document jsonb;
  person jsonb;
  earlier text;
BEGIN
  SELECT jsonb_object_agg(section, body::jsonb) INTO document
    FROM conversation_sections WHERE conversation_id = c.id;
  person := document #> '{setup,person}';
  IF person IS NULL OR jsonb_typeof(person) <> 'object' THEN
    RETURN NULL;
  END IF;
  IF c.supersedes_id IS NOT NULL THEN
    SELECT uid INTO earlier FROM conversations WHERE id = c.supersedes_id;
  END IF;
  RETURN rmp_canonical(jsonb_build_object(
    'amendment_reason', c.amendment_reason,
    'canonical_version', 1,
    'document', document,
    'held_on', to_char(c.held_on, 'YYYY-MM-DD'),
    'kind', c.kind,
    'manager_name', c.manager_name,
    'pack_refs', coalesce(nullif(c.pack_refs, ''), '[]')::jsonb,
    'person', jsonb_build_object(
      'band', coalesce(person -> 'band', '""'),
      'full_name', coalesce(person -> 'full_name', '""'),
      'functional_area', coalesce(person -> 'functional_area', '""'),
      'job_title', coalesce(person -> 'job_title', '""'),
      'preferred_name', coalesce(person -> 'preferred_name', '""')),
    'supersedes_uid', earlier,
    'uid', c.uid,
    'version', c.version));
END $$
"""

FIXED_CHECK_FUNCTION = rf"""
CREATE OR REPLACE FUNCTION rmp_record_fixed_check() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  canonical text;
  why text;
BEGIN
  IF NEW.fingerprint IS NULL OR NEW.fingerprint !~ '^[0-9a-f]{{64}}$' THEN
    why := 'it carries no fingerprint';
  ELSIF NEW.supersedes_id IS NOT NULL AND coalesce((SELECT status FROM conversations
          WHERE id = NEW.supersedes_id), 'draft') = 'draft' THEN
    why := 'the version it amends is not a signed record in this store';
  ELSE
    BEGIN
      canonical := rmp_record_canonical(NEW);
    EXCEPTION WHEN data_exception THEN  -- a section that is not JSON this store can read
      canonical := NULL;
    END;
    IF canonical IS NULL THEN
      why := 'its content cannot be read as a record (a section is not readable, or the '
             'person as they were at signing is missing)';
    ELSIF encode(sha256(convert_to(canonical, 'UTF8')), 'hex') <> NEW.fingerprint THEN
      why := 'its content does not give the fingerprint it carries';
    END IF;
  END IF;
  IF why IS NOT NULL THEN
    RAISE EXCEPTION 'record % refused: %', left(NEW.uid, 8), why
      USING ERRCODE = 'check_violation', CONSTRAINT = '{FINGERPRINT_RULE}',
            DETAIL = NEW.uid;
  END IF;
  RETURN NEW;
END $$
"""

SIGNATURE_CHECK_FUNCTION = rf"""
CREATE OR REPLACE FUNCTION rmp_signature_check() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c record;
BEGIN
  SELECT uid, status, fingerprint INTO c FROM conversations WHERE id = NEW.conversation_id;
  IF c.status = 'draft' OR c.fingerprint IS DISTINCT FROM NEW.fingerprint THEN
    RAISE EXCEPTION 'record % refused: a signature was given for other content than the '
                    'record carries', left(c.uid, 8)
      USING ERRCODE = 'check_violation', CONSTRAINT = '{SIGNATURE_RULE}', DETAIL = c.uid;
  END IF;
  RETURN NULL;
END $$
"""

SIGNED_BY_BOTH_FUNCTION = rf"""
CREATE OR REPLACE FUNCTION rmp_signed_by_both() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c record;
BEGIN
  SELECT uid, status, fingerprint INTO c FROM conversations WHERE id = NEW.id;
  IF c.status IN ('signed', 'superseded') AND (SELECT count(DISTINCT role) FROM signatures
        WHERE conversation_id = NEW.id AND role IN ('employee', 'manager')
          AND fingerprint = c.fingerprint) <> 2 THEN
    RAISE EXCEPTION 'record % refused: it is marked signed without the signatures of both the '
                    'staff member and the manager', left(c.uid, 8)
      USING ERRCODE = 'check_violation', CONSTRAINT = '{SIGNED_BY_BOTH_RULE}', DETAIL = c.uid;
  END IF;
  RETURN NULL;
END $$
"""

PACK_CHECK_FUNCTION = rf"""
CREATE OR REPLACE FUNCTION rmp_pack_check() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  body jsonb;
BEGIN
  BEGIN
    body := NEW.body::jsonb;
  EXCEPTION WHEN data_exception THEN
    body := NULL;
  END;
  IF body IS NULL OR jsonb_typeof(body) <> 'object'
     OR body ->> 'id' IS DISTINCT FROM NEW.pack_id
     OR body ->> 'version' IS DISTINCT FROM NEW.version
     OR body ->> 'kind' IS DISTINCT FROM NEW.kind
     OR encode(sha256(convert_to(rmp_canonical(body, false), 'UTF8')), 'hex')
        IS DISTINCT FROM NEW.fingerprint THEN
    RAISE EXCEPTION 'framework pack % % refused: its text does not give the fingerprint it '
                    'carries', NEW.pack_id, NEW.version
      USING ERRCODE = 'check_violation', CONSTRAINT = '{PACK_RULE}';
  END IF;
  RETURN NEW;
END $$
"""

FUNCTIONS = ("rmp_canonical(jsonb, boolean)", "rmp_record_canonical(conversations)",
             "rmp_record_fixed_check()", "rmp_signature_check()", "rmp_signed_by_both()",
             "rmp_pack_check()")

TRIGGERS = (
    # Fixed now: from a draft, or arriving already fixed (then no section can be there yet,
    # and the record is refused: a record arrives as a draft and is fixed in one UPDATE).
    ("conversations_fixed_check_update", "conversations",
     "BEFORE UPDATE ON conversations FOR EACH ROW "
     "WHEN (OLD.status = 'draft' AND NEW.status <> 'draft') "
     "EXECUTE FUNCTION rmp_record_fixed_check()"),
    ("conversations_fixed_check_insert", "conversations",
     "BEFORE INSERT ON conversations FOR EACH ROW WHEN (NEW.status <> 'draft') "
     "EXECUTE FUNCTION rmp_record_fixed_check()"),
    # At commit, so the order of the statements inside a transaction does not matter.
    ("signatures_match_record", "signatures",
     "AFTER INSERT ON signatures DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
     "EXECUTE FUNCTION rmp_signature_check()"),
    ("conversations_signed_by_both", "conversations",
     "AFTER INSERT OR UPDATE OF status ON conversations DEFERRABLE INITIALLY DEFERRED "
     "FOR EACH ROW WHEN (NEW.status IN ('signed', 'superseded')) "
     "EXECUTE FUNCTION rmp_signed_by_both()"),
    ("pack_snapshots_fingerprint", "pack_snapshots",
     "BEFORE INSERT ON pack_snapshots FOR EACH ROW EXECUTE FUNCTION rmp_pack_check()"),
)
# Deferred checks are constraint triggers; the rest ordinary ones.
_CONSTRAINT_TRIGGERS = ("signatures_match_record", "conversations_signed_by_both")


def install_ddl() -> list[str]:
    """The functions and triggers, for migration 0006 on PostgreSQL."""
    statements = [CANONICAL_FUNCTION, RECORD_CANONICAL_FUNCTION, FIXED_CHECK_FUNCTION,
                  SIGNATURE_CHECK_FUNCTION, SIGNED_BY_BOTH_FUNCTION, PACK_CHECK_FUNCTION]
    for name, _table, body in TRIGGERS:
        kind = "CONSTRAINT TRIGGER" if name in _CONSTRAINT_TRIGGERS else "TRIGGER"
        statements.append(f"CREATE {kind} {name} {body}")
    return statements


def remove_ddl() -> list[str]:
    statements = [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table, _ in TRIGGERS]
    statements += [f"DROP FUNCTION IF EXISTS {f}" for f in reversed(FUNCTIONS)]
    return statements
