"""Fuzzing the preparation importer: whatever arrives, a malformed file is refused in words
and the store is byte-for-byte as it was.

Three kinds of damage: bytes (flips, cuts, junk), structure (a value anywhere replaced,
removed or added, with the hash resealed so the checks behind the hash are reached too),
and the PDF form (its bytes, and its sealed hidden part rewritten by someone who can
compute a SHA-256).
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rmp_desktop.content.loader import load_builtin
from rmp_desktop.domain.exchange_json import ExchangeRefused
from rmp_desktop.domain.preparation import make_preparation, parse_preparation
from rmp_desktop.domain.record import canonical_sha256
from rmp_desktop.export import prep_form
from rmp_desktop.export.prep_form import FormSubject, read_form, render_form
from rmp_desktop.storage.person_match import WrongPerson
from rmp_desktop.storage.prep_import import import_preparation
from tests.exchange_support import ME, full_content
from tests.unit.test_preparation_format import PACKS, PERSON

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
VALID = make_preparation(PERSON, PACKS, full_content(), "2026-05-01T09:30:00Z").to_file_dict()
VALID_BYTES = json.dumps(VALID, ensure_ascii=False).encode()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10**12) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30) | st.sampled_from(["=cmd()", "\x00", "\u202e", "x" * 20_000, "9a"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)


def _paths(value, here=()):
    yield here
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*here, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*here, i))


@st.composite
def damaged(draw, base: dict) -> dict:
    """`base` with one to three places replaced, removed or added to."""
    raw = copy.deepcopy(base)
    places = [p for p in _paths(base) if p]
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(places))
        parent = raw
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = draw(st.sampled_from(["replace", "remove", "add"]))
            if action == "replace":
                parent[path[-1]] = draw(json_values)
            elif action == "remove":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=8))] = draw(json_values)
            else:
                parent.append(draw(json_values))
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an earlier edit removed this place, or made it a value (None)
    return raw


@st.composite
def structural_damage(draw):
    raw = draw(damaged(VALID))
    if draw(st.booleans()):  # resealed, so the checks after the hash are reached
        body = {k: v for k, v in raw.items() if k != "content_sha256"} if isinstance(
            raw, dict) else raw
        try:
            raw["content_sha256"] = canonical_sha256(body)
        except (TypeError, ValueError):
            pass
    return json.dumps(raw, ensure_ascii=draw(st.booleans())).encode()


@st.composite
def byte_damage(draw):
    data = bytearray(VALID_BYTES)
    kind = draw(st.sampled_from(["flip", "cut", "junk", "insert"]))
    if kind == "flip":
        for _ in range(draw(st.integers(1, 5))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] = draw(st.integers(0, 255))
    elif kind == "cut":
        data = data[:draw(st.integers(0, len(data) - 1))]
    elif kind == "junk":
        data = bytearray(draw(st.binary(max_size=300)))
    else:
        i = draw(st.integers(0, len(data)))
        data[i:i] = draw(st.binary(min_size=1, max_size=20))
    return bytes(data)


@pytest.fixture
def store_kind() -> str:
    return "sqlite"  # "byte-for-byte unchanged" is read off the store's file


def _snapshot(store) -> bytes:
    store.engine.dispose()  # no cached page or open transaction can hide a change
    files = [store.path, Path(f"{store.path}-wal")]
    return b"".join(hashlib.sha256(f.read_bytes()).digest() for f in files if f.exists())


@pytest.fixture
def team(store):
    store.staff.add(ME.with_changes(full_name="Kit Other", preferred_name="",
                                    assignment_number="T-0001", email=""))
    return store


def _import_or_refuse(store, data: bytes, reader) -> None:
    before = _snapshot(store)
    try:
        prep = reader(data)
    except ExchangeRefused as exc:
        assert str(exc).strip() and "Traceback" not in str(exc)
        assert _snapshot(store) == before
        return
    try:
        import_preparation(store, prep, hashlib.sha256(data).hexdigest(), load_builtin())
    except (ExchangeRefused, WrongPerson) as exc:
        assert str(exc).strip()
        assert _snapshot(store) == before


@SETTINGS
@given(data=structural_damage())
def test_structural_damage_is_refused_in_words(team, data):
    _import_or_refuse(team, data, parse_preparation)


@SETTINGS
@given(data=byte_damage())
def test_byte_damage_is_refused_in_words(team, data):
    _import_or_refuse(team, data, parse_preparation)


FORM = render_form(FormSubject(PERSON, [{"id": "o1", "text": "Launch the service"}],
                               [{"record": "c" * 32, "action": "a1", "text": "Shadow", "due": ""}],
                               "2026-05-01T09:00:00Z"), load_builtin())
HIDDEN = json.loads(prep_form._fields(FORM)[0][prep_form.DATA_FIELD])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(cut=st.integers(0, len(FORM) - 1), flips=st.lists(
    st.tuples(st.integers(0, len(FORM) - 1), st.integers(0, 255)), max_size=8))
def test_a_damaged_form_is_refused_in_words(team, cut, flips):
    data = bytearray(FORM)
    for i, b in flips:
        data[i] = b
    if cut % 3 == 0:
        data = data[:cut]
    _import_or_refuse(team, bytes(data), read_form)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(hidden=damaged(HIDDEN))
def test_a_resealed_hidden_part_is_still_checked(team, hidden):
    """Someone rewrites the form's hidden part and its seal: the shape is still checked."""
    # As the form carries it: JSON text, whose keys are always strings (the strategy may put an
    # int key beside string ones, which JSON cannot hold and the seal cannot sort).
    hidden = json.loads(json.dumps(hidden, allow_nan=True))
    try:
        seal = canonical_sha256(hidden)
    except ValueError:  # NaN or Infinity: no honest seal exists, so forge one
        seal = "0" * 64
    values = {prep_form.DATA_FIELD: json.dumps(hidden), prep_form.SEAL_FIELD: seal}
    _import_or_refuse(team, b"", lambda _data: prep_form.from_fields(values, True))


def test_infinity_in_the_hidden_part_is_refused_in_words():
    """json.loads takes NaN and Infinity; the seal cannot be computed over them (found by the
    fuzzer above): the form is refused as damaged, never a traceback."""
    hidden = json.dumps({**HIDDEN, "actions": float("inf")})
    with pytest.raises(ExchangeRefused, match="damaged"):
        prep_form.from_fields({prep_form.DATA_FIELD: hidden, prep_form.SEAL_FIELD: "0" * 64},
                              True)
