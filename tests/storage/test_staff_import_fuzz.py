"""Staff lists of every shape, fuzzed: encodings, delimiters, quoting, line ends, lengths, damage.

Whatever the bytes, reading never raises, and importing either changes nothing at
all or changes only what the file says: nobody existing is renamed, deleted or
given an empty detail they had, and a refused file leaves the store exactly as it was.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from rmp_desktop.domain.staff import FUNCTIONAL_AREAS
from rmp_desktop.domain.staff_import import parse_staff_bytes, parse_staff_text
from rmp_desktop.storage.errors import ImportConflicts
from rmp_desktop.storage.store import Store

COLUMNS = ["Name", "Job title", "Band", "Functional area", "Email", "Assignment number",
           "Start date"]
FIELDS = ["full_name", "job_title", "band", "functional_area", "email", "assignment_number",
          "start_date"]
EXISTING = (
    "Name,Job title,Band,Functional area,Email,Assignment number,Start date\n"
    "Adaeze Okonkwo,Head of OD,8c,Organisational development,adaeze@example.nhs.uk,E-1,2018-04-01\n"
    "Björn Løvland,Recruiter,5,Recruitment and resourcing,,E-2,\n"
    "Zainab Al-Farsi,EDI Lead,7,EDI,zainab@example.nhs.uk,,2020-01-06\n"
    "Wei Zhang,Analyst,6,Workforce intelligence,,,\n")

# Per detail: values a real list holds (most draws), and values that must be refused.
VALID = {
    "full_name": ["Adaeze Okonkwo", "adaeze okonkwo", "Bjorn Lovland", "Björn Løvland",
                  "Zainab Al-Farsi", "Wei Zhang", "O'Neill, Siobhán", 'Nguyễn Thị "Đào"',
                  "Ганна Коваленко", "Kofi Mensah", "Ama Owusu"],
    "job_title": ["", "Lead", "HR Adviser, ER", "Head of OD", "Recruiter"],
    "band": ["5", "8c", "Band 7", "vsm"],
    "functional_area": ["HR policy", "EDI", "Organisational development", "od",
                        *FUNCTIONAL_AREAS],
    "email": ["", "adaeze@example.nhs.uk", "ADAEZE@EXAMPLE.NHS.UK", "new@example.nhs.uk"],
    "assignment_number": ["", "", "E-1", "e-1", "E-2", "E-3", "E-4"],
    "start_date": ["", "2019-05-01", "01/05/2019"],
}
INVALID = {
    "full_name": ["", "Mina\x1b[31m Karimi", "Ali\u202etxt", "x" * 250],
    "job_title": ["x" * 250, "Lead\u200b"],
    "band": ["11", "Band", ""],
    "functional_area": ["Payroll", ""],
    "email": ["not-an-email"],
    "assignment_number": ["bad number!"],
    "start_date": ["31/02/2019", "2999-01-01"],
}
TRICKY = st.text(alphabet=st.sampled_from(list("aéß ,;\t\"'\n\r-=@Ωж\u00a0\x00\x1b\u202e")),
                 min_size=1, max_size=12)


@st.composite
def detail(draw, name: str) -> str:
    roll = draw(st.integers(0, 59))  # hypothesis favours the ends of a range: not those
    if roll == 29:
        return draw(TRICKY)
    if roll == 30:
        return draw(st.sampled_from(INVALID[name]))
    return draw(st.sampled_from(VALID[name]))


PERSON = st.fixed_dictionaries({name: detail(name) for name in VALID})


@st.composite
def staff_files(draw) -> bytes:
    if draw(st.integers(0, 4)) != 2:  # mostly a usable header: the required ones, some others
        columns = draw(st.permutations(COLUMNS))[:draw(st.integers(1, len(COLUMNS)))]
        columns = list(dict.fromkeys(["Name", "Band", "Functional area", *columns]))
        columns = draw(st.permutations(columns))
    else:  # anything, repeats included
        columns = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=9))
    if draw(st.integers(0, 4)) == 2:
        columns.insert(draw(st.integers(0, len(columns))), draw(st.sampled_from(
            ["Title", "Notes", "Employee number", ""])))
    people = draw(st.lists(PERSON, min_size=draw(st.sampled_from([1, 2, 1, 0])), max_size=6,
                           unique_by=None if draw(st.integers(0, 3)) == 2 else
                           (lambda p: p["full_name"].casefold())))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    line_end = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    quoting = draw(st.sampled_from(["excel", "all", "none"]))
    long_field = draw(st.sampled_from([0, 0, 0, 140_000]))

    def quote(text: str) -> str:
        if quoting == "all" or (quoting == "excel" and any(
                c in text for c in (delimiter, '"', "\n", "\r"))):
            return '"' + text.replace('"', '""') + '"'
        return text

    by_column = dict(zip(COLUMNS, FIELDS, strict=True))
    lines = [delimiter.join(quote(c) for c in columns)]
    for person in people:
        lines.append(delimiter.join(quote(person.get(by_column.get(c, ""), "")) for c in columns))
    if long_field and len(lines) > 1:
        lines[-1] += delimiter + "y" * long_field
    text = line_end.join(lines) + draw(st.sampled_from([line_end, ""]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16-bom", "utf-16-le",
                                     "utf-16-be-bom", "cp1252"]))
    try:
        raw = {"utf-8": lambda: text.encode("utf-8", "surrogatepass"),
               "utf-8-sig": lambda: b"\xef\xbb\xbf" + text.encode("utf-8"),
               "utf-16-bom": lambda: b"\xff\xfe" + text.encode("utf-16-le"),
               "utf-16-le": lambda: text.encode("utf-16-le"),
               "utf-16-be-bom": lambda: b"\xfe\xff" + text.encode("utf-16-be"),
               "cp1252": lambda: text.encode("cp1252")}[encoding]()
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    damage = draw(st.sampled_from(["none"] * 6 + ["byte", "cut"]))
    if damage == "byte" and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1:]
    elif damage == "cut" and raw:
        raw = raw[:draw(st.integers(0, len(raw)))]
    return raw


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    from rmp_desktop.storage import bootstrap

    folder = tmp_path_factory.mktemp("template")
    path = folder / "store.sqlite3"
    bootstrap.prepare(path, folder / "backups")
    store = Store(path)
    parsed = parse_staff_text(EXISTING)
    assert parsed.ok
    store.staff.import_rows(parsed.rows)
    store.staff.set_archived(store.staff.find("zhang")[0].id, True)
    store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def snapshot(path: Path) -> dict[int, dict]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return {row["id"]: dict(row) for row in conn.execute("SELECT * FROM staff")}


def audit_count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]


@settings(max_examples=400, deadline=None)
@given(staff_files())
def test_reading_any_bytes_never_raises(raw):
    parsed = parse_staff_bytes(raw)
    assert parsed.ok or parsed.errors
    for row in parsed.rows:
        assert row.full_name and row.values["band"] and row.values["functional_area"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=staff_files(), leave_out=st.booleans())
def test_importing_changes_nothing_or_only_what_the_file_says(template, raw, leave_out):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        path = folder / "store.sqlite3"
        shutil.copyfile(template, path)
        before, audit_before = snapshot(path), audit_count(path)
        parsed = parse_staff_bytes(raw)
        event("refused" if not parsed.ok else "read")
        outcome = None
        if parsed.ok:
            store = Store(path)
            try:
                outcome = store.staff.import_rows(parsed.rows, leave_out_conflicts=leave_out)
            except ImportConflicts:
                assert not leave_out
            finally:
                store.close()
        after = snapshot(path)
        if outcome is not None:
            event("imported: " + ("updated someone" if outcome.updated else "no updates"))
        if outcome is None:  # refused: the store is exactly as it was
            assert after == before and audit_count(path) == audit_before
            return
        assert set(before) <= set(after)  # nobody removed
        assert len(after) == len(before) + outcome.added
        given_values = {f: {str(r.values[f]) for r in parsed.rows if f in r.values}
                        for f in FIELDS}
        for person_id, old in before.items():
            new = after[person_id]
            assert (new["full_name"], new["uid"], new["archived"], new["created_at"]) == \
                (old["full_name"], old["uid"], old["archived"], old["created_at"])
            for name in FIELDS[1:]:
                if new[name] == old[name]:
                    continue
                assert new[name] not in ("", None), f"{name} was blanked"
                assert str(new[name]) in given_values[name], f"{name} changed to a value not in the file"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
