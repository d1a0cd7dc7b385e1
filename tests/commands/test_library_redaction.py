"""`ansokan library import` of each approved source, then `library show`: none of the hand-labelled
person names is left, organisations remain, and the show says what was redacted (issue 14)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import SOURCES, run_cli

LABELS = tomllib.loads((Path(__file__).resolve().parents[1] / "fixtures" / "names" / "labels.toml").read_text("utf-8"))


def _import(tmp_path: Path, *extra: str) -> tuple[dict[str, str], dict[str, str]]:
    env = {"ANSOKAN_LIBRARY": str(tmp_path / "lib"), "ANSOKAN_LANG": "sv"}
    files = [str(SOURCES / item["name"]) for item in LABELS["file"]]
    result = run_cli("library", "import", *extra, *files, env=env)
    assert result.returncode == 0, result.stderr
    ids = re.findall(r"^([a-z0-9-]+): ", result.stdout, re.M)
    assert len(ids) == len(files), result.stdout
    shown = {}
    for name, entry_id in zip([item["name"] for item in LABELS["file"]], ids, strict=True):
        show = run_cli("library", "show", entry_id, env=env)
        assert show.returncode == 0, show.stderr
        shown[name] = show.stdout
    return shown, env


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    return _import(tmp_path_factory.mktemp("redaction"))


@pytest.mark.parametrize("item", LABELS["file"], ids=lambda item: item["name"][:3])
def test_show_holds_no_labelled_person_and_every_organisation(imported, item):
    text = imported[0][item["name"]]
    for person in item.get("persons", []):
        assert not re.search(rf"(?<![\w\-]){re.escape(person['name'])}(?![\w\-])", text), person
    for address in [*item.get("emails", []), *item.get("phones", [])]:
        assert address not in text
    source = (SOURCES / item["name"]).read_text(encoding="utf-8")
    organisations = [n for n in item["not_names"] if re.search(r"kassan|förmedlingen|stad\b|kommun|Region", n)]
    assert organisations
    for name in organisations:
        if name in source.split("\n\n", 1)[-1]:
            assert name in text, name


def test_show_says_what_was_redacted(imported):
    texts = imported[0].values()
    assert all(re.search(r"^Maskerat vid import: ", t, re.M) for t in texts)
    with_names = [t for t in texts if "[namn]" in t]
    assert with_names  # the steering group line of 001 names people in running text
    assert all(re.search(r"^Maskerat vid import: .*\d+ namn", t, re.M) for t in with_names)


def test_show_json_counts_the_markers(imported):
    text = next(t for t in imported[0].values() if "[namn]" in t)
    entry_id = re.match(r".*?\[([a-z0-9-]+)\]", text).group(1)
    show = run_cli("library", "show", entry_id, "--json", env=imported[1])
    data = json.loads(show.stdout)
    written = " ".join(s["text"] for s in data["sections"])
    assert data["redacted"]["name"] == written.count("[namn]") > 0


def test_keep_names_keeps_the_names_but_not_contact_data(tmp_path):
    shown, _env = _import(tmp_path, "--keep-names")
    item = next(i for i in LABELS["file"] if i["name"].startswith("001"))
    text = shown[item["name"]]
    assert any(p["name"] in text for p in item["persons"]), text[:400]
    assert not any(address in text for address in item.get("emails", []))
    assert "[namn]" not in text
