"""Which font file fontconfig picks for a family and style, the file LibreOffice lays it out with.

Asked in-process through libfontconfig (ctypes): the same query `fc-match` makes (parse the
pattern, apply the configuration's substitutions and defaults, match), about 4 ms for all four
styles of a family, where four `fc-match` processes take 20 ms or more. Without the library
(another platform, a stripped system) the `fc-match` program is asked instead; without either,
there is no file and the caller falls back to average widths.
"""

from __future__ import annotations

import contextlib
import ctypes
import shutil
import subprocess
import threading
from functools import lru_cache

Style = tuple[bool, bool]  # (bold, italic)
STYLES: tuple[Style, ...] = ((False, False), (False, True), (True, False), (True, True))
LIBRARY_NAMES = ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig.so")
FC_MATCH_TIMEOUT_S = 5
_RESULT_MATCH = 0  # FcResultMatch
_MATCH_PATTERN = 0  # FcMatchPattern
_lock = threading.Lock()  # one query at a time: the estimate may run in a worker thread


def family_files(family: str) -> dict[Style, str]:
    """The font file of each of the family's four styles that fontconfig has an answer for."""
    library = _library()
    if library is not None:
        with _lock:
            found = {style: _match(library, _pattern(family, style)) for style in STYLES}
        return {style: path for style, path in found.items() if path}
    return _fc_match_files(family)


def _pattern(family: str, style: Style) -> str:
    bold, italic = style
    return family + (":bold" if bold else "") + (":italic" if italic else "")


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    """libfontconfig with the prototypes used here, initialised; None when it cannot be loaded."""
    for name in LIBRARY_NAMES:
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        pointer = ctypes.c_void_p
        library.FcInit.restype = ctypes.c_int
        library.FcNameParse.restype = pointer
        library.FcNameParse.argtypes = [ctypes.c_char_p]
        library.FcConfigSubstitute.argtypes = [pointer, pointer, ctypes.c_int]
        library.FcDefaultSubstitute.argtypes = [pointer]
        library.FcFontMatch.restype = pointer
        library.FcFontMatch.argtypes = [pointer, pointer, ctypes.POINTER(ctypes.c_int)]
        library.FcPatternGetString.restype = ctypes.c_int
        library.FcPatternGetString.argtypes = [pointer, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
        library.FcPatternDestroy.argtypes = [pointer]
        if library.FcInit():
            return library
    return None


def _match(library: ctypes.CDLL, pattern_text: str) -> str | None:
    """What `fc-match -f %{file} PATTERN` prints, or None."""
    pattern = library.FcNameParse(pattern_text.encode("utf-8", "replace"))
    if not pattern:
        return None
    try:
        library.FcConfigSubstitute(None, pattern, _MATCH_PATTERN)
        library.FcDefaultSubstitute(pattern)
        result = ctypes.c_int()
        match = library.FcFontMatch(None, pattern, ctypes.byref(result))
        if not match:
            return None
        try:
            file = ctypes.c_char_p()
            if library.FcPatternGetString(match, b"file", 0, ctypes.byref(file)) != _RESULT_MATCH:
                return None
            return file.value.decode("utf-8", "surrogateescape") if file.value else None
        finally:
            library.FcPatternDestroy(match)
    finally:
        library.FcPatternDestroy(pattern)


def _fc_match_files(family: str) -> dict[Style, str]:
    """The same answers from the `fc-match` program, its four runs in parallel."""
    if not shutil.which("fc-match"):
        return {}
    running: dict[Style, subprocess.Popen[str]] = {}
    for style in STYLES:
        with contextlib.suppress(OSError):
            running[style] = subprocess.Popen(
                ["fc-match", "-f", "%{file}", _pattern(family, style)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
    files: dict[Style, str] = {}
    for style, process in running.items():
        try:
            out, _ = process.communicate(timeout=FC_MATCH_TIMEOUT_S)
        except subprocess.SubprocessError:
            process.kill()
            process.communicate()
            continue
        if out.strip():
            files[style] = out.strip()
    return files
