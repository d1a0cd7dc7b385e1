"""Table column widths: measured from the cells' text, shared out in whole twips."""

from __future__ import annotations

from assistant.core.document.fonts import face
from assistant.core.document.model import CELL_MARGIN_PT, Cell, DocumentModel, table_font_size


def column_widths(rows: list[tuple[Cell, ...]], model: DocumentModel) -> tuple[float, ...]:
    """Widths for a table of `rows` in the model's table font, filling the text width."""
    return measured_widths(rows, model.styles["Tabelltext"].font, table_font_size(model.form), model.text_width)


def measured_widths(rows: list[tuple[Cell, ...]], font: str, size: float, total: float) -> tuple[float, ...]:
    """Widths that fit the page: every column first gets room for its longest word (so words are
    not broken), then the rest of the width goes to the columns with the most text. Text is
    measured with the fonts' real widths, as the page estimate measures it."""
    padding = 2 * CELL_MARGIN_PT + 2

    def measure(cell: Cell) -> tuple[float, float]:
        word = text = 0.0
        for run in cell.runs:
            f = face(font, run.bold, run.italic)
            words = [f.width(w) * size for w in run.text.split()]
            word = max([word, *words])
            text += sum(words) + f.space * size * max(0, len(words) - 1)
        return word, text

    columns = max(len(row) for row in rows)
    longest_word = [padding] * columns
    longest_text = [padding] * columns
    for row in rows:
        for c, cell in enumerate(row):
            word, text = measure(cell)
            longest_word[c] = max(longest_word[c], word + padding)
            longest_text[c] = max(longest_text[c], text + padding)
    minimum = [min(w, total * 0.45) for w in longest_word]
    if sum(minimum) >= total:
        # Too little room: narrow only the widest columns (to a common cap), so short columns
        # such as phone numbers keep their words whole.
        return share(total, _cap_to_fit(minimum, total))
    extra = [max(0.0, t - m) for t, m in zip(longest_text, minimum, strict=False)]
    spare = total - sum(minimum)
    if sum(extra) <= spare:  # everything fits on one line: share the slack like the text
        return share(
            total,
            [
                m + e + (spare - sum(extra)) * t / sum(longest_text)
                for m, e, t in zip(minimum, extra, longest_text, strict=False)
            ],
        )
    return share(total, [m + spare * e / sum(extra) for m, e in zip(minimum, extra, strict=False)])


def _cap_to_fit(widths: list[float], total: float) -> list[float]:
    """The widths with the largest ones lowered to one cap so that they sum to `total`."""
    ordered = sorted(widths)
    used = 0.0
    for i, width in enumerate(ordered):
        cap = (total - used) / (len(ordered) - i)
        if width > cap:
            return [min(w, cap) for w in widths]
        used += width
    return widths


def share(total: float, weights: list[float]) -> tuple[float, ...]:
    """Split `total` points in proportion to weights, in whole twips, summing exactly to total."""
    total_tw = round(total * 20)
    parts = [int(total_tw * w / sum(weights)) for w in weights]
    parts[0] += total_tw - sum(parts)
    return tuple(p / 20 for p in parts)
