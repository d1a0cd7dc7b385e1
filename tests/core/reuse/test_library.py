"""The library: redaction, the built-in entries, importing real files, listing/removing, the index."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import docx
import pytest

from assistant.core.errors import UserError
from assistant.core.reuse.index import Index
from assistant.core.reuse.library import (
    PRIVATE_KEYS,
    entry_from_document,
    import_files,
    load_entry,
    load_library,
    parse_entry,
    passages,
    rebuild_builtin,
    redact,
    remove_entry,
    to_text,
    typeset,
)
from assistant.core.storage import paths
from assistant.core.storage.atomic import atomic_write_text
from tests.conftest import SOURCES, has_soffice, run_cli, source_files

# The acceptance grep: anything like an e-mail address or a phone number.
CONTACT_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|0[0-9]{1,3}[- ]?[0-9 ]{5,}")
BUILTIN_IDS = {
    "finsam-malmo-2017-case-management",
    "finsam-malmo-2020-make-it-work",
    "burlov-staffanstorp-2020-pas",
    "finsam-malmo-2021-fram",
}
needs_sources = pytest.mark.skipif(not source_files(), reason="shared/library-sources is not beside the repo")


# ---------------------------------------------------------------------------------------------
# Redaction


def test_redact_replaces_emails_and_phones_but_not_amounts_or_dates():
    text = (
        "Ring 046-287 17 03 eller 0702-12 34 56, mejla anna.andersson@staffanstorp.se. "
        "Budget 1 300 000 kr per år, start 2020-06-01, 2014-2017."
    )
    out = redact(text)
    assert "[telefon]" in out and out.count("[telefon]") == 2
    assert "[e-post]" in out and "@" not in out
    assert "1 300 000 kr" in out and "2020-06-01" in out and "2014-2017" in out


def test_typeset_uses_no_break_spaces_and_en_dashes():
    assert typeset("1 300 000 kr under 2014-2017") == "1\u00a0300\u00a0000 kr under 2014–2017"


# ---------------------------------------------------------------------------------------------
# The built-in library


def test_builtin_library_has_the_four_applications_with_metadata():
    entries = {e.id: e for e in load_library([(paths.builtin_library_dir(), True)])}
    assert set(entries) == BUILTIN_IDS
    fram = entries["finsam-malmo-2021-fram"]
    assert (fram.title, fram.organisation, fram.municipality, fram.year) == ("FRAM", "Malmö stad", "Malmö", 2021)
    assert str(fram.start) == "2021-01-01" and str(fram.end) == "2023-12-31"
    pas = entries["burlov-staffanstorp-2020-pas"]
    assert pas.form == "burlov-staffanstorp" and pas.organisation == "Staffanstorps kommun"
    for entry in entries.values():
        assert entry.status == "beviljad" and entry.funder and entry.source.endswith(".txt")
        keys = {s.key for s in entry.sections}
        assert {"bakgrund", "malgrupp", "mal", "budget", "uppfoljning"} <= keys
        assert not keys & PRIVATE_KEYS
        assert len(passages(entry)) >= 20


def test_builtin_library_files_hold_no_contact_data():
    for path in paths.builtin_library_dir().glob("*"):
        text = path.read_text(encoding="utf-8")
        assert not CONTACT_RE.search(text), f"{path.name}: {CONTACT_RE.search(text).group(0)!r}"


@needs_sources
def test_rebuilding_the_builtin_library_reproduces_the_committed_files(tmp_path):
    rebuild_builtin(SOURCES, tmp_path)
    for committed in paths.builtin_library_dir().glob("*.md"):
        fresh = (tmp_path / committed.name).read_text(encoding="utf-8")
        strip = lambda t: re.sub(r"(?m)^imported = .*$", "", t)  # noqa: E731 - the date of the run
        assert strip(fresh) == strip(committed.read_text(encoding="utf-8")), committed.name


def test_entry_round_trips_through_its_text():
    entry = load_entry(paths.builtin_library_dir() / "finsam-malmo-2021-fram.md")
    again = parse_entry(to_text(entry))
    assert (again.id, again.title, again.start, again.projects) == (entry.id, entry.title, entry.start, entry.projects)
    assert [(s.key, s.text) for s in again.sections] == [(s.key, s.text) for s in entry.sections]


def test_a_bullet_list_is_one_passage_and_subheadings_are_none():
    entry = parse_entry(
        '+++\nid = "x"\n+++\n\n## Mål {#mal}\n\n### Delmål\n\nVi vill nå följande mål under året:\n'
        "- fler i arbete\n- färre i bidrag\n- bättre samverkan\n\nEtt eget stycke om uppföljningen här.\n"
    )
    texts = [p.text for p in passages(entry)]
    assert texts == [
        "Vi vill nå följande mål under året:\n- fler i arbete\n- färre i bidrag\n- bättre samverkan",
        "Ett eget stycke om uppföljningen här.",
    ]


def test_a_text_line_starting_with_two_hashes_survives_import_save_and_load(tmp_path):
    """The library file once lost a section boundary here: the line became a heading on load."""
    from assistant.core.model.drafts import new_draft, save_draft
    from assistant.core.model.forms import load_form

    draft = new_draft(load_form("finsam-malmo"), title="Rubrikrader")
    bakgrund = (
        "Behovet av samordnat stöd har vuxit i kommunen under flera år.\n\n"
        "## Det här är text och ingen rubrik\n\n"
        "Därför vill vi pröva ett nytt arbetssätt tillsammans med myndigheterna."
    )
    draft.set_text("bakgrund", bakgrund)
    draft.set_text("malgrupp", "Unga vuxna som står långt från arbetsmarknaden i kommunen.")
    result = import_files([save_draft(draft, tmp_path / "egen.md")], tmp_path / "lib")
    assert not result.failed, result.failed
    (imported,) = result.imported
    saved = imported.path.read_text(encoding="utf-8")
    assert "\n\\## Det här är text och ingen rubrik\n" in saved
    loaded = load_entry(imported.path)
    assert [(s.key, s.text) for s in loaded.sections] == [(s.key, s.text) for s in imported.sections]
    assert next(s.text for s in loaded.sections if s.key == "bakgrund") == bakgrund
    assert [p.id for p in passages(loaded)] == [p.id for p in passages(imported)]
    assert parse_entry(to_text(loaded)).sections == loaded.sections


# ---------------------------------------------------------------------------------------------
# Importing


def _keys(entry) -> set[str]:
    return {s.key for s in entry.sections}


@needs_sources
def test_import_txt_source_through_the_cli(tmp_path):
    lib = tmp_path / "lib"
    src = SOURCES / "002_03ecb636fa5e8369.txt"
    result = run_cli("--library", str(lib), "library", "import", str(src))
    assert result.returncode == 0, result.stderr
    files = list(lib.glob("*.md"))
    assert len(files) == 1
    text = files[0].read_text(encoding="utf-8")
    assert not CONTACT_RE.search(text)
    entry = load_entry(files[0])
    assert {"bakgrund", "presentation", "mal", "malgrupp", "aktiviteter", "organisering", "uppfoljning"} <= _keys(entry)
    assert "kontaktuppgifter" not in _keys(entry)
    assert entry.form == "burlov-staffanstorp" and entry.start and entry.start.isoformat() == "2020-06-01"
    assert "unga med aktivitetsersättning" in next(s.text for s in entry.sections if s.key == "bakgrund")
    listed = json.loads(run_cli("--library", str(lib), "library", "list", "--json").stdout)
    assert {e["id"] for e in listed} >= BUILTIN_IDS | {entry.id}
    assert next(e for e in listed if e["id"] == entry.id)["library"] == "user"


def _write_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Ansökan: Jobbspåret Lund", level=0)
    document.add_heading("1. Kontaktuppgifter", level=1)
    document.add_paragraph("Lunds kommun, Eva Ek, eva.ek@lund.se, 046-35 50 00")
    document.add_heading("2. Bakgrund", level=1)
    document.add_paragraph(
        "Många unga vuxna i Lund saknar sysselsättning och står långt från arbetsmarknaden. "
        "Samverkan mellan kommunen, Arbetsförmedlingen och Försäkringskassan behöver stärkas."
    )
    document.add_heading("3.2. Målgrupp", level=2)
    document.add_paragraph("Målgruppen är unga vuxna 18–29 år med aktivitetsersättning som behöver stöd mot arbete.")
    document.add_heading("3.6. Implementering", level=2)
    document.add_paragraph(
        "Arbetssättet förs in i ordinarie verksamhet inom arbetsmarknadsförvaltningen efter projektet."
    )
    document.add_heading("4. Metoder för uppföljning och utvärdering", level=1)
    document.add_paragraph("Alla deltagare registreras i SUS och resultaten redovisas för kvinnor och män.")
    document.save(str(path))
    return path


def test_import_docx_with_word_heading_styles(tmp_path):
    src = _write_docx(tmp_path / "lund.docx")
    result = import_files([src], tmp_path / "lib", form_id="finsam-malmo")
    assert not result.failed, result.failed
    entry = result.imported[0]
    assert {"bakgrund", "malgrupp", "implementering", "uppfoljning"} <= _keys(entry)
    assert "kontaktuppgifter" not in _keys(entry)
    assert "Målgruppen är unga vuxna" in next(s.text for s in entry.sections if s.key == "malgrupp")
    assert not CONTACT_RE.search(entry.path.read_text(encoding="utf-8"))


def test_keep_contacts_keeps_the_section_but_never_the_addresses(tmp_path):
    src = _write_docx(tmp_path / "lund.docx")
    entry = import_files([src], tmp_path / "lib", form_id="finsam-malmo", keep_contacts=True).imported[0]
    text = entry.path.read_text(encoding="utf-8")
    assert "{#kontaktuppgifter}" not in text or "[e-post]" in text
    assert "eva.ek@lund.se" not in text and "35 50 00" not in text


@pytest.mark.libreoffice
@pytest.mark.skipif(not has_soffice(), reason="LibreOffice (soffice) is not installed")
def test_import_pdf_made_by_libreoffice(tmp_path):
    from assistant.core.document.office import convert_to_pdf

    pdf = convert_to_pdf(_write_docx(tmp_path / "lund.docx"), tmp_path / "pdf")
    result = import_files([pdf], tmp_path / "lib")
    assert not result.failed, result.failed
    entry = result.imported[0]
    assert entry.form == "finsam-malmo"
    assert {"bakgrund", "malgrupp", "implementering", "uppfoljning"} <= _keys(entry)
    assert "aktivitetsersättning" in next(s.text for s in entry.sections if s.key == "malgrupp")


def test_failed_files_are_reported_and_the_others_still_import(tmp_path):
    good = _write_docx(tmp_path / "good.docx")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip file" * 10)
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:  # sparse: 21 MB on paper, nothing on disk
        handle.truncate(21_000_000)
    lib = tmp_path / "lib"
    result = run_cli("--library", str(lib), "library", "import", str(broken), str(image), str(good), str(huge))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("ansokan:")]
    assert len(errors) == 3
    assert any("broken.docx" in e for e in errors) and any("photo.png" in e for e in errors)
    assert any("huge.txt" in e and "20 MB" in e for e in errors)
    assert "Traceback" not in result.stderr
    assert len(list(lib.glob("*.md"))) == 1
    assert not list(lib.glob(".*.tmp"))  # no half-written entry left behind


def test_a_file_without_sections_is_refused(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Inköpslista: mjölk, bröd och ost.\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        entry_from_document(note)
    assert "note.txt" in info.value.message()


def test_remove_refuses_builtin_and_removes_own(tmp_path):
    lib = tmp_path / "lib"
    entry = import_files([_write_docx(tmp_path / "lund.docx")], lib, form_id="finsam-malmo").imported[0]
    with pytest.raises(UserError) as info:
        remove_entry("finsam-malmo-2021-fram", lib)
    assert "inbyggda" in info.value.message()
    removed = run_cli("--library", str(lib), "library", "remove", entry.id)
    assert removed.returncode == 0 and not entry.path.exists()
    refused = run_cli("--library", str(lib), "library", "remove", "finsam-malmo-2021-fram")
    assert refused.returncode == 2 and "inbyggda" in refused.stderr and "Traceback" not in refused.stderr


def test_show_prints_the_sections(tmp_path):
    shown = run_cli("library", "show", "burlov-staffanstorp-2020-pas")
    assert shown.returncode == 0
    assert "Projekt för aktivitet och självständighet" in shown.stdout and "[malgrupp]" in shown.stdout
    missing = run_cli("library", "show", "finns-inte")
    assert missing.returncode == 2 and "finns-inte" in missing.stderr


# ---------------------------------------------------------------------------------------------
# The index stays in step with the files


def _count(index: Index, entry_id: str) -> int:
    return index.db.execute("SELECT count(*) FROM passages WHERE entry_id=?", (entry_id,)).fetchone()[0]


def test_index_follows_added_changed_and_removed_files(tmp_path):
    lib = tmp_path / "lib"
    entry = import_files([_write_docx(tmp_path / "lund.docx")], lib, form_id="finsam-malmo").imported[0]
    index = Index([(paths.builtin_library_dir(), True), (lib, False)], tmp_path / "index.sqlite")
    first = index.refresh()
    assert first.added == 5 and _count(index, entry.id) == len(passages(entry))
    assert index.refresh().added == 0  # nothing changed, nothing re-read

    os.utime(entry.path, ns=(time.time_ns(), time.time_ns() + 10_000_000))  # touched, same content
    touched = index.refresh()
    assert touched.changed == 0 and touched.unchanged == 5

    text = entry.path.read_text(encoding="utf-8")
    entry.path.write_text(
        text + "\n## Annat {#annat}\n\nEtt helt nytt stycke om cykelverkstäder för deltagarna.\n", encoding="utf-8"
    )
    assert index.refresh().changed == 1
    assert index.db.execute("SELECT count(*) FROM passages WHERE text LIKE '%cykelverkstäder%'").fetchone()[0] == 1

    entry.path.unlink()
    assert index.refresh().removed == 1 and _count(index, entry.id) == 0
    index.close()


def test_a_corrupt_index_file_is_rebuilt(tmp_path):
    db = tmp_path / "index.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    index = Index([(paths.builtin_library_dir(), True)], db)
    index.refresh()
    assert index.documents > 100
    index.close()


def test_the_index_lives_in_the_cache_dir_and_import_creates_nothing(tmp_path, isolated_dirs):
    from assistant.core.reuse.suggest import suggest

    cache = Path(os.environ["ANSOKAN_CACHE"])
    assert not cache.exists()
    assert suggest("styrgrupp med representanter från myndigheterna", form_id="finsam-malmo", section="organisering")
    assert any(cache.glob("library-index-*.sqlite"))
    shutil.rmtree(cache)


def test_incremental_vocabulary_matches_the_index(tmp_path):
    """The in-memory term counts (IDF, typo lookups) are updated by difference, not re-read:
    they must stay exactly what FTS5 itself counts after adds and removals."""
    lib = tmp_path / "lib"
    lib.mkdir()
    index = Index([(lib, False)], tmp_path / "index.sqlite")
    index.refresh()
    for path in sorted(paths.builtin_library_dir().glob("*.md")):
        shutil.copy(path, lib / path.name)
        index.refresh()
    (lib / "finsam-malmo-2021-fram.md").unlink()
    index.refresh()
    assert index.vocabulary == dict(index.db.execute("SELECT term, doc FROM vocab"))
    assert index.documents == index.db.execute("SELECT count(*) FROM passages").fetchone()[0] > 0
    index.close()


def _many_entries(directory: Path, copies: int) -> int:
    """Copies of the built-in entries under new ids; returns the number of passages written."""
    directory.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(copies):
        for path in sorted(paths.builtin_library_dir().glob("*.md")):
            entry = load_entry(path)
            entry.id = f"{entry.id}-kopia-{n}"
            atomic_write_text(directory / f"{entry.id}.md", to_text(entry), backup=False)
            total += len(passages(entry))
    return total


_BUILD = """
import sys
from pathlib import Path
from assistant.core.reuse.index import Index
Index([(Path(sys.argv[1]), False)], Path(sys.argv[2])).refresh()
print("done")
"""


def test_a_build_killed_half_way_leaves_a_consistent_index(tmp_path):
    import signal
    import subprocess
    import sys

    lib, db = tmp_path / "lib", tmp_path / "index.sqlite"
    total = _many_entries(lib, 20)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    proc = subprocess.Popen(
        [sys.executable, "-c", _BUILD, str(lib), str(db)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wal = Path(str(db) + "-wal")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (wal.exists() and wal.stat().st_size > 100_000):
        time.sleep(0.01)  # until the build has written part of its transaction
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    assert "done" not in out  # killed in the middle, not after
    assert Index([(lib, False)], db).db.execute("SELECT count(*) FROM passages").fetchone()[0] == 0
    index = Index([(lib, False)], db)  # opens whatever the killed process left
    index.refresh()
    assert index.documents == total
    assert index.vocabulary == dict(index.db.execute("SELECT term, doc FROM vocab"))
    files = index.db.execute("SELECT count(*) FROM files").fetchone()[0]
    assert files == len(list(lib.glob("*.md")))
    index.close()


def test_two_processes_refreshing_at_once_index_each_passage_once(tmp_path):
    import subprocess
    import sys

    lib, db = tmp_path / "lib", tmp_path / "index.sqlite"
    total = _many_entries(lib, 4)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _BUILD, str(lib), str(db)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    index = Index([(lib, False)], db)
    index.refresh()
    assert index.documents == total
    assert index.db.execute("SELECT count(*) FROM passages").fetchone()[0] == total
    index.close()


def test_an_ansokan_draft_imports_with_its_own_keys_and_no_contact_data(tmp_path):
    demo = paths.demo_draft().parent / "demo-steget-vidare.md"
    if not demo.exists():
        pytest.skip("the demo draft is not shipped in this checkout")
    from assistant.core.model.drafts import load_draft

    draft = load_draft(demo)
    entry = import_files([demo], tmp_path / "lib").imported[0]
    assert (entry.form, entry.title, entry.start) == (draft.form_id, draft.title, draft.start)
    assert "kontaktuppgifter" not in _keys(entry)
    filled = {k for k, v in draft.sections.items() if v.strip()} - PRIVATE_KEYS
    assert filled <= _keys(entry)
    text = entry.path.read_text(encoding="utf-8")
    assert not CONTACT_RE.search(text)
    assert all(c.name not in text for c in draft.contacts if c.name)


def test_an_unwritable_cache_falls_back_to_an_index_in_memory(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    index = Index([(paths.builtin_library_dir(), True)], blocker / "index.sqlite")  # its parent is a file
    index.refresh()
    assert index.in_memory and index.documents > 100
    index.close()
