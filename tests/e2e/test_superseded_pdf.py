"""A record replaced by an amendment says so on paper: every page of its PDF is marked superseded
by the version that now stands, so a printout is never taken for the current record."""

from __future__ import annotations

import io

from pypdf import PdfReader

from rmp_desktop.domain.conversation import Status
from rmp_desktop.export.record_export import export_record
from rmp_desktop.export.verify import verify_pdf
from rmp_desktop.storage.signoff_repo import SignoffRepository
from tests.records_support import add_people, fill_ready, ready_conversation, sign_both


def pages_of(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(
        path.read_bytes())).pages]


def test_a_superseded_record_is_marked_on_every_page(store, tmp_path):
    person, manager = add_people(store)
    first = ready_conversation(store, person, manager)
    sign_both(store, first.id)
    before = tmp_path / "signed.pdf"
    export_record(store, first.id, before)
    assert not any("SUPERSEDED" in page for page in pages_of(before))

    repo = SignoffRepository.of(store)
    second = repo.start_amendment(first.id, "The second objective's date was mistyped")
    fill_ready(store, second.id)
    sign_both(store, second.id)
    third = repo.start_amendment(second.id, "A review date added")
    fill_ready(store, third.id)
    sign_both(store, third.id)
    assert store.conversations.get(first.id).status is Status.SUPERSEDED

    after = tmp_path / "superseded.pdf"
    export_record(store, first.id, after)
    pages = pages_of(after)
    assert len(pages) > 1
    for page in pages:  # the newest version stands in for it now
        assert "SUPERSEDED by version 3" in page
    assert "superseded by version 3, which is the current record" in pages[0]
    # Both copies are genuine: each is what the store says of version 1 at the time.
    for copy in (before, after):
        assert verify_pdf(store, copy).outcome.value == "superseded"
    current = tmp_path / "current.pdf"
    export_record(store, third.id, current)
    assert not any("SUPERSEDED" in page for page in pages_of(current))
