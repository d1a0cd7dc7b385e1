"""Breaking a paragraph into lines the way LibreOffice Writer does (measured on LibreOffice 7.4).

Writer asks ICU where a line may break and fills each line greedily. What that gives, as the
estimate models it (docs/design/page-layout.md):

- a break at a space, and after a hyphen or an en dash between letters or digits
  ("arbets-|marknad", "2026-|03-|01", "2027–|2028"), and after a "/" before a letter;
- but Writer takes a break after "/" only in a long path: when the slash is at most 65
  characters after the last space, the line breaks at that space instead and the whole path
  moves down ("och/eller" never breaks; a long URL may break after a "/"). A path that starts
  its line already is broken between characters instead; one that starts the paragraph (no
  space to go back to) does break after its "/";
- a word wider than the line is broken between characters, as many as fit on each line.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from assistant.core.document.fonts import Face, face
from assistant.core.document.model import ParaStyle
from assistant.core.model.markup import Run

EPSILON = 0.01  # points; rounding slack when a line just fits
SLASH = "/"
NEAR_SLASH = 65  # Writer glues a path to its space when the "/" is at most this many characters on
_BREAK_CHARS = re.compile("[-/\u2013]")


# An unbreakable piece of a line, at 1 pt: (its width, the space after it (0 when the piece goes
# on without a space), the first piece after a space (or of the paragraph), it ends in a "/"
# Writer will not break after (see above)). Plain tuples: a paragraph has hundreds and the
# estimate runs on every pause in typing. The text of each piece, as (text, face) parts, is kept
# only when a word wider than the line has to be broken between characters (`Parts`).
Token = tuple[float, float, bool, bool]
Parts = list[tuple[str, Face]]


@lru_cache(maxsize=8192)
def count_lines(runs: tuple[Run, ...], style: ParaStyle, size: float, width: float) -> int:
    """How many lines the runs take in a column `width` points wide (greedy, like Writer).

    Cached: on a keystroke only the paragraph being typed in is laid out again.
    """
    if len(runs) == 1 and not _breaks_inside(runs[0].text):
        return _count_plain(runs[0], style, size, width)
    limit = _line_limit(width, size)
    if any(SLASH in run.text for run in runs):
        lines = _count_fast(tokens(runs, style.font, style.bold, style.italic), limit)
    else:
        lines = _count_runs(runs, style, limit)
    if lines < 0:  # a word wider than the line: again, with the text to break it by characters
        texts: list[Parts] = []
        lines = _count_tokens(tokens(runs, style.font, style.bold, style.italic, texts), limit, texts)
    return lines


def _breaks_inside(text: str) -> bool:
    return "-" in text or "\u2013" in text or SLASH in text


def tokens(
    runs: tuple[Run, ...], font: str, base_bold: bool, base_italic: bool, texts: list[Parts] | None = None
) -> list[Token]:
    """The unbreakable pieces of the runs, in order; their texts appended to `texts` if given.

    The loop over the words is the hot path of the estimate: what only a word with a hyphen,
    dash or slash needs (its characters since the last space, whether there was a space before
    it) is worked out for those words alone."""
    if texts is not None:
        return _tokens_with_texts(runs, font, base_bold, base_italic, texts)
    out: list[Token] = []
    append = out.append
    width = 0.0  # of the piece being read
    reading = False
    mid_word = False  # the last piece ended inside a word, after its hyphen, dash or slash
    carried = 0  # characters of the word going on from the runs before (no space between)
    spaced = False  # a space came before this run
    for run in runs:
        f = face(font, run.bold or base_bold, run.italic or base_italic)
        get, measure, space = f.cache.get, f.width, f.space  # Face.width's cache, read here
        text = run.text
        words = text.split(" ")
        simple = not _breaks_inside(text)
        for i, word in enumerate(words):
            if i:  # a space before this word
                if reading:
                    append((width, space, not mid_word, False))
                    reading = False
                elif out and out[-1][1]:  # a second space in a row widens the gap
                    last = out[-1]
                    out[-1] = (last[0], last[1] + space, last[2], last[3])
                mid_word = False
            if not word:
                continue
            if simple or not ("-" in word or SLASH in word or "\u2013" in word):
                w = get(word)
                if w is None:
                    w = measure(word)
                if reading:
                    width += w
                else:
                    width, reading = w, True
                continue
            chars = carried if i == 0 else 0
            after_space = spaced or i > 0
            for piece, breaks in _pieces(word):
                if reading:
                    width += measure(piece)
                else:
                    width, reading = measure(piece), True
                chars += len(piece)
                if breaks:
                    near = piece.endswith(SLASH) and after_space and chars <= NEAR_SLASH
                    append((width, 0.0, not mid_word, near))
                    reading, mid_word = False, True
        carried = (carried if len(words) == 1 else 0) + len(words[-1])
        spaced = spaced or len(words) > 1
    if reading:
        append((width, 0.0, not mid_word, False))
    return out


def _tokens_with_texts(
    runs: tuple[Run, ...], font: str, base_bold: bool, base_italic: bool, texts: list[Parts] | None = None
) -> list[Token]:
    """`tokens`, with each token's text appended to `texts` (for breaking long words)."""
    out: list[Token] = []
    append = out.append
    width = 0.0  # of the piece being read
    reading = False
    parts: Parts = []
    first = False
    word_chars = 0  # characters since the last space, for the slash rule
    after_space = False  # Writer looks back for a space: none before the paragraph's first word
    for run in runs:
        f = face(font, run.bold or base_bold, run.italic or base_italic)
        cache, measure, space = f.cache, f.width, f.space
        simple = not _breaks_inside(run.text)
        for i, word in enumerate(run.text.split(" ")):
            if i:  # a space before this word
                if reading:
                    append((width, space, first, False))
                    if texts is not None:
                        texts.append(parts)
                elif out and out[-1][1]:  # a second space in a row widens the gap
                    last = out[-1]
                    out[-1] = (last[0], last[1] + space, last[2], last[3])
                reading, word_chars, after_space = False, 0, True
            if not word:
                continue
            if simple or len(word) < 3 or not ("-" in word or SLASH in word or "\u2013" in word):
                if not reading:  # no hyphen, dash or slash: the word (or its part in this run) is one piece
                    width, reading, first, parts = 0.0, True, word_chars == 0, []
                w = cache.get(word)  # Face.width's own cache, looked up here: this loop is hot
                width += w if w is not None else measure(word)
                if texts is not None:
                    parts.append((word, f))
                word_chars += len(word)
                continue
            for piece, breaks in _pieces(word):
                if not reading:
                    width, reading, first, parts = 0.0, True, word_chars == 0, []
                width += measure(piece)
                if texts is not None:
                    parts.append((piece, f))
                word_chars += len(piece)
                if breaks:
                    append((width, 0.0, first, piece.endswith(SLASH) and after_space and word_chars <= NEAR_SLASH))
                    if texts is not None:
                        texts.append(parts)
                    reading = False
    if reading:
        append((width, 0.0, first, False))
        if texts is not None:
            texts.append(parts)
    return out


def _pieces(word: str) -> list[tuple[str, bool]]:
    """(text, a break may follow) pieces of one space-free word."""
    pieces: list[tuple[str, bool]] = []
    start = 0
    last = len(word) - 1
    for found in _BREAK_CHARS.finditer(word, 1, last):  # only where a break character stands
        i = found.start()
        ch, before, after = word[i], word[i - 1], word[i + 1]
        # ICU: after a hyphen or en dash between letters or digits; after a slash before a
        # letter ("https://|www", "2027/|bilagor"; not "01/2027", which is a number).
        if (ch == SLASH and after.isalpha()) or (ch != SLASH and before.isalnum() and after.isalnum()):
            pieces.append((word[start : i + 1], True))
            start = i + 1
    pieces.append((word[start:], False))
    return pieces


def _count_tokens(toks: list[Token], limit: float, texts: list[Parts] | None = None) -> int:
    """Lines of the tokens, greedily; -1 when a word must be broken between characters and
    `texts` (the tokens' texts) is not given."""
    if not toks:
        return 1
    lines = 1
    used = -1.0  # nothing on the line yet
    pending = 0.0  # the space owed before the next token
    word: list[int] = []  # the current word's tokens on this line, by index
    word_opens_line = True
    near_slash = False  # the previous token ends in a "/" Writer will not break after
    for index, (w, space, starts_word, near) in enumerate(toks):
        if starts_word:
            word, word_opens_line = [], used < 0
        if used < 0:
            used = w
        elif used + pending + w <= limit:
            used += pending + w
        elif near_slash:
            # Writer breaks at the space before the path instead: the word moves down, or, when
            # it already starts the line, is broken between characters like any long word.
            if not word_opens_line:
                lines += 1
                used = sum(toks[i][0] for i in word) + w
                word_opens_line = True
            else:
                used += w
        else:
            lines += 1
            used = w
            word, word_opens_line = [], True
        word.append(index)
        if used > limit:  # a word wider than the line is broken between characters
            if texts is None:
                return -1
            before = used - sum(toks[i][0] for i in word)
            lines, used = _break_long(lines, before, [part for i in word for part in texts[i]], limit)
            word, word_opens_line = [], True
        pending = space
        near_slash = near
    return lines


def _break_long(lines: int, used: float, parts: Parts, limit: float) -> tuple[int, float]:
    """Lines and the width used on the last one, for a word wider than the line, filled
    character by character after the `used` width (what is already on its line; 0 when the
    word starts the line)."""
    total = used + sum(f.width(text) for text, f in parts)
    if total > 200 * limit:  # a pasted megabyte without spaces: close enough, and fast
        extra = math.ceil((total - limit) / limit)
        return lines + extra, total - extra * limit
    for text, f in parts:
        widths, default = f.widths, f.default
        for ch in text:
            w = widths.get(ch, default)
            if used and used + w > limit + EPSILON / 1000:
                lines += 1
                used = 0.0
            used += w
    return lines, used


def _count_runs(runs: tuple[Run, ...], style: ParaStyle, limit: float) -> int:
    """The count for runs without a slash (no word can move down whole): the plain greedy wrap
    over the words and the pieces of those with a hyphen or dash, in one pass; -1 when a word
    is wider than the line. The usual paragraph with bold or italic runs comes here."""
    lines = 1
    used = -1.0  # nothing on the line yet
    pending = 0.0  # the space owed before the next piece
    piece = 0.0  # the width of the piece being read (a word may go on in the next run)
    reading = False
    for run in runs:
        f = face(style.font, run.bold or style.bold, run.italic or style.italic)
        get, measure, space = f.cache.get, f.width, f.space
        simple = "-" not in run.text and "\u2013" not in run.text
        first = True
        for word in run.text.split(" "):
            if first:
                first = False
            elif reading:  # a space ends the piece: place it
                if used < 0:
                    used = piece
                elif used + pending + piece <= limit:
                    used += pending + piece
                else:
                    lines += 1
                    used = piece
                if used > limit:
                    return -1
                pending, reading = space, False
            elif used >= 0:
                pending += space  # a second space in a row
            if not word:
                continue
            if simple or not ("-" in word or "\u2013" in word):
                w = get(word)
                if w is None:
                    w = measure(word)
                piece = piece + w if reading else w
                reading = True
                continue
            for text, breaks in _pieces(word):
                w = measure(text)
                piece = piece + w if reading else w
                reading = True
                if breaks:  # a break may follow: place the piece
                    if used < 0:
                        used = piece
                    elif used + pending + piece <= limit:
                        used += pending + piece
                    else:
                        lines += 1
                        used = piece
                    if used > limit:
                        return -1
                    pending, reading = 0.0, False
    if reading:
        if used < 0:
            used = piece
        elif used + pending + piece <= limit:
            used += pending + piece
        else:
            lines += 1
            used = piece
        if used > limit:
            return -1
    return lines


def _count_fast(toks: list[Token], limit: float) -> int:
    """`_count_tokens` without the texts, for the usual paragraph (it runs on every keystroke):
    -1 when a word is wider than the line and must be broken between characters."""
    lines = 1
    used = -1.0  # nothing on the line yet
    pending = 0.0  # the space owed before the next token
    word_width = 0.0  # of the current word's tokens on this line
    word_opens_line = True
    near_slash = False  # the previous token ends in a "/" Writer will not break after
    for w, space, starts_word, near in toks:
        if starts_word:
            word_width, word_opens_line = 0.0, used < 0
        if used < 0:
            used = w
        elif used + pending + w <= limit:
            used += pending + w
        elif near_slash:  # the word moves down whole, or is broken if it starts the line
            if not word_opens_line:
                lines += 1
                used, word_opens_line = word_width + w, True
            else:
                used += w
        else:
            lines += 1
            used, word_width, word_opens_line = w, 0.0, True
        if used > limit:
            return -1
        word_width += w
        pending, near_slash = space, near
    return lines


def _count_plain(run: Run, style: ParaStyle, size: float, width: float) -> int:
    """count_lines for the common case, one run without a hyphen, dash or slash: the same
    greedy wrap, faster."""
    f = face(style.font, run.bold or style.bold, run.italic or style.italic)
    cache, measure, space = f.cache, f.width, f.space
    limit = _line_limit(width, size)
    lines = 1
    used = -1.0
    gap = -space  # the spaces since the last word (Writer keeps every one of them)
    for piece in run.text.split(" "):
        gap += space
        if not piece:
            continue
        w = cache.get(piece)
        if w is None:
            w = measure(piece)
        if used < 0:
            used = w
        elif used + gap + w <= limit:
            used += gap + w
        else:
            lines += 1
            used = w
        gap = 0.0
        if used > limit:
            lines, used = _break_long(lines, 0.0, [(piece, f)], limit)
    return lines


def _line_limit(width: float, size: float) -> float:
    """The line width in ems; at least one em, so a column squeezed to nothing (a table with
    hundreds of columns) still ends instead of breaking a word into endless empty lines."""
    return max(width / size + EPSILON / size, 1.0)
