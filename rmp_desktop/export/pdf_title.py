"""The title page: whose record this is, of what conversation, which version, and what it holds."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from rmp_desktop import APP_TITLE
from rmp_desktop.domain.conversation import kind_label
from rmp_desktop.domain.dates import display_date
from rmp_desktop.domain.names import Names
from rmp_desktop.domain.record import Record
from rmp_desktop.domain.record_words import chain_words
from rmp_desktop.domain.staff import band_label
from rmp_desktop.export.pdf_blocks import bullets, key_values, note, subheading
from rmp_desktop.export.pdf_styles import styles
from rmp_desktop.export.pdf_text import clean, markup


def title_page(record: Record, names: Names, status: str,
               contents: Sequence[str]) -> list[Flowable]:
    st = styles()
    person = record.person
    out: list[Flowable] = [Spacer(1, 28), Paragraph(markup(f"{APP_TITLE}: development record"),
                                                    st.kicker),
                           Paragraph(markup(person.full_name), st.title)]
    known_as = person.preferred_name.strip()
    sub = [x for x in (f"Known as {known_as}" if known_as and known_as != person.full_name else "",
                       person.job_title) if clean(x)]
    out.append(Paragraph(markup(" · ".join(sub)) or "&#160;", st.subtitle))
    rows = [
        ("Conversation", kind_label(record.kind)),
        ("Held on", display_date(record.held_on)),
        ("Role", person.job_title),
        ("Band", band_label(person.band)),
        ("Functional area", names.functional_area(person.functional_area)),
        ("Manager", record.manager_name),
        ("Record", _version_words(record)),
        ("Status", status),
        ("Record identifier", record.uid),
    ]
    out += key_values(rows, key_width=140)
    if contents:
        out += [Spacer(1, 8), subheading("In this record")]
        out += bullets(contents)
    out += [Spacer(1, 10),
            note("Each page carries the first sixteen characters of the record's fingerprint; "
                 "the sign-off page gives it in full. A copy whose fingerprint matches the "
                 "store has not been changed since it was signed.")]
    return out + [PageBreak()]


def _version_words(record: Record) -> str:
    """"Version 1", or for an amendment "Version 2, amends version 1: why"."""
    amends = record.version - 1 if record.version > 1 else None
    chain = chain_words(record.version, amends, clean(record.amendment_reason))
    return chain[:1].upper() + chain[1:] if chain else f"Version {record.version}"
