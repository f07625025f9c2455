"""Fill a PDF form the way Evince and Okular do (poppler, through its GLib binding), and save.

Run with the system Python, which has Debian's python3-gi and gir1.2-poppler-0.18:
    /usr/bin/python3 poppler_fill.py IN.pdf VALUES.json OUT.pdf
VALUES maps field names to text, true/false (a check box) or, for a list of choices, the
label a person would click. Every named field must exist.
"""

import json
import sys

import gi

gi.require_version("Poppler", "0.18")
from gi.repository import Gio, Poppler  # noqa: E402


def main(source: str, values_file: str, target: str) -> int:
    with open(values_file, encoding="utf-8") as handle:
        values = json.load(handle)
    doc = Poppler.Document.new_from_file(Gio.File.new_for_path(source).get_uri(), None)
    done = set()
    for number in range(doc.get_n_pages()):
        for mapping in doc.get_page(number).get_form_field_mapping():
            field = mapping.field
            name = field.get_name()
            if name not in values:
                continue
            value = values[name]
            kind = field.get_field_type()
            if kind == Poppler.FormFieldType.TEXT:
                field.text_set_text(value)
            elif kind == Poppler.FormFieldType.BUTTON:
                field.button_set_state(bool(value))
            elif kind == Poppler.FormFieldType.CHOICE:
                labels = [field.choice_get_item(i) for i in range(field.choice_get_n_items())]
                if value not in labels:
                    print(f"{name}: no choice {value!r} in {labels}", file=sys.stderr)
                    return 3
                field.choice_select_item(labels.index(value))
            done.add(name)
    missing = set(values) - done
    if missing:
        print(f"no field named {sorted(missing)[0]}", file=sys.stderr)
        return 3
    doc.save(Gio.File.new_for_path(target).get_uri())
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
