"""The Markdown + TOML codec of drafts and library entries: text never turns into a heading."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.core.storage.frontmatter import FrontMatterError, escape, parse, split_heading, unescape, write

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00")
LINE_STARTS = st.sampled_from(["", "## ", "##", "\\## ", "\\\\## ", "### ", "+++", "{#x} ", "## Mål {#mal}", " "])
HEADING_CHARS = st.characters(whitelist_categories=("L", "N"), whitelist_characters=" .,-–()")


@st.composite
def bodies(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.tuples(LINE_STARTS, st.text(CHARS, max_size=30)), max_size=8))
    return "\n".join(start + rest.replace("\n", " ") for start, rest in lines)


def without_blank_ends(text: str) -> str:
    lines = text.split("\n")
    while lines and lines[0].strip() == "":
        del lines[0]
    while lines and lines[-1].strip() == "":
        del lines[-1]
    return "\n".join(lines)


@SETTINGS
@given(
    prelude=bodies(),
    sections=st.lists(
        st.tuples(st.text(HEADING_CHARS, min_size=1, max_size=20).map(str.strip).filter(bool), bodies()), max_size=5
    ),
    title=st.text(CHARS, max_size=20),
)
def test_any_section_body_survives_write_then_parse(prelude, sections, title):
    keyed = [(heading, f"k{n}", body) for n, (heading, body) in enumerate(sections)]
    parsed = parse(write({"title": title, "n": 1}, keyed, prelude=prelude))
    assert parsed.front == {"title": title, "n": 1}
    assert parsed.prelude.text == without_blank_ends(prelude)
    assert [(s.title, s.key, s.text) for s in parsed.sections] == [
        (heading, key, without_blank_ends(body)) for heading, key, body in keyed
    ]


def test_a_line_starting_with_two_hashes_is_escaped_and_read_back():
    text = write({"id": "x"}, [("Mål", "mal", "Inledning\n## inte en rubrik\n\\## inte heller\n###  tre")])
    assert "\n\\## inte en rubrik\n\\\\## inte heller\n\\###  tre\n" in text
    (section,) = parse(text).sections
    assert section.text == "Inledning\n## inte en rubrik\n\\## inte heller\n###  tre"
    assert escape("\\## a") == "\\\\## a" and unescape("\\\\## a") == "\\## a" and unescape("\\x") == "\\x"


def test_sections_keep_their_heading_line_key_and_body():
    text = '+++\ntitle = "T"\nstart = 2026-01-01\n+++\nFöre.\n\n## 2. Bakgrund {#bakgrund}\n\nText.\n## Egen rubrik\nMer.\n'
    parsed = parse(text)
    assert parsed.front == {"title": "T", "start": dt.date(2026, 1, 1)}
    assert parsed.prelude.text == "Före." and parsed.prelude.line == 5
    assert [(s.title, s.key, s.line, s.text) for s in parsed.sections] == [
        ("2. Bakgrund", "bakgrund", 7, "Text."),
        ("Egen rubrik", None, 10, "Mer."),
    ]
    assert parsed.line_of("start") == 3 and parsed.line_of("title") == 2 and parsed.line_of("saknas") is None


def test_a_fence_after_the_front_matter_is_text_and_crlf_and_bom_are_read():
    parsed = parse('\ufeff\r\n+++\r\nid = "x"\r\n+++\r\n## A {#a}\r\n+++\r\nschema = 99\r\n')
    assert parsed.front == {"id": "x"} and parsed.front_start == 2
    assert parsed.sections[0].text == "+++\nschema = 99"


@pytest.mark.parametrize(
    "text,problem,line",
    [
        ("", "empty", 1),
        ("\n  \n", "empty", 1),
        ("\n## Bakgrund\n", "unopened", 2),
        ('+++\nid = "x"\n## A\n', "unclosed", 1),
        ('\n+++\nid = "x\ny = 1\n+++\n', "toml", 3),
        ("+++\nx = " + "[" * 5000 + "]" * 5000 + "\n+++\n", "nested", 1),
    ],
)
def test_what_is_not_front_matter_names_the_problem_and_the_line(text, problem, line):
    with pytest.raises(FrontMatterError) as info:
        parse(text)
    assert (info.value.problem, info.value.line) == (problem, line)
    assert problem != "toml" or ("character" in info.value.detail and "(at line" not in info.value.detail)


# The heading pattern as it was first written: the parser's loop must read every line as it did.
_OLD_HEADING_RE = re.compile(r"^##(?!#)[ \t]*(?P<title>.*?)[ \t]*(?:\{#(?P<key>[A-Za-z][\w-]*)\})?[ \t]*$")


def _old(line: str) -> tuple[str, str | None] | None:
    m = _OLD_HEADING_RE.match(line)
    return (m.group("title").strip(), m.group("key")) if m else None


@settings(max_examples=1500)
@given(st.text(alphabet=st.sampled_from(list("## \t{}#aZ1_-}\u00a0\x0c.")), max_size=30).map(lambda s: "##" + s))
def test_a_heading_line_is_read_as_the_first_pattern_read_it(line):
    assert split_heading(line) == _old(line)


@pytest.mark.parametrize(
    "line", ["## A {#k} {#j}", "## A {#k}}", "## {#k}", "##{#k}", "###  x", "## a {#x {#k} \t", "## x {#1}", "##"]
)
def test_heading_lines_at_the_edges(line):
    assert split_heading(line) == _old(line)


def test_a_heading_of_a_hundred_thousand_spaces_is_read_in_one_pass():
    # the first pattern tried every split of the spaces: minutes for this one line
    line = "## Bakgrund" + " " * 100_000 + "slut {#bakgrund}"
    parsed = parse(f"+++\nschema = 1\n+++\n{line}\n\nText.\n")
    (section,) = parsed.sections
    assert section.title == "Bakgrund" + " " * 100_000 + "slut" and section.key == "bakgrund"
