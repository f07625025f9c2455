"""Table rows too tall for comfort, cut into continuation rows.

reportlab moves a row that does not fit to the next page, and fails outright on
a row taller than a page. A person can write pages of evidence into one cell,
so any row taller than MAX_ROW is cut here: each cell's text is divided at line
boundaries into pieces, and the pieces go into consecutive rows. No text is
lost or clipped, and every piece fits on any page.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

MAX_ROW = 220.0  # points: a piece this tall always fits under a repeated header
_BIG = 1e6

Cell = str | Flowable | list[Flowable]  # a string's lines are joined by "\n"


def cut_tall_rows(rows: list[list[Cell]], widths: list[float], leadings: list[float],
                  max_height: float = MAX_ROW) -> tuple[list[list[Cell]], list[bool]]:
    """The rows, with tall ones cut; and for each output row whether it ends a source row."""
    out: list[list[Cell]] = []
    ends: list[bool] = []
    for row in rows:
        heights = [_height(c, w, lead) for c, w, lead in zip(row, widths, leadings, strict=True)]
        if max(heights, default=0) <= max_height:
            out.append(row)
            ends.append(True)
            continue
        pieces = [_pieces(c, w, lead, max_height) for c, w, lead in
                  zip(row, widths, leadings, strict=True)]
        count = max(len(p) for p in pieces)
        for k in range(count):
            out.append([p[k] if k < len(p) else "" for p in pieces])
            ends.append(k == count - 1)
    return out, ends


def _height(cell: Cell, width: float, leading: float) -> float:
    if isinstance(cell, str):
        return (cell.count("\n") + 1) * leading if cell else 0.0
    flowables = cell if isinstance(cell, list) else [cell]
    return sum(f.wrap(width, _BIG)[1] for f in flowables if isinstance(f, Flowable))


def _pieces(cell: Cell, width: float, leading: float, max_height: float) -> list[Cell]:
    if isinstance(cell, str):
        lines = cell.split("\n")
        per = max(1, int(max_height // leading))
        return ["\n".join(lines[i:i + per]) for i in range(0, len(lines), per)]
    queue = list(cell) if isinstance(cell, list) else [cell]
    pieces: list[Cell] = []
    current: list[Flowable] = []
    room = max_height
    while queue:
        f = queue.pop(0)
        h = f.wrap(width, _BIG)[1]
        if h <= room:
            current.append(f)
            room -= h
            continue
        parts = f.split(width, room) if isinstance(f, Paragraph) else []
        if len(parts) == 2:  # what fits now, and the rest for the next piece
            current.append(parts[0])
            queue.insert(0, parts[1])
        elif not current:  # cannot be divided and would not fit anywhere smaller
            current.append(f)
        else:
            queue.insert(0, f)
        pieces.append(current)
        current, room = [], max_height
    if current:
        pieces.append(current)
    return pieces
