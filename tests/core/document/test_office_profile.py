"""The throw-away LibreOffice profile says which version last ran in it, so a start does not run
LibreOffice's graphics self-test (GraphicsRenderTests: ~1 GB of bitmaps, half a start's CPU)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import docx

from assistant.core.document import office
from tests.conftest import needs_libreoffice

MAIN_XCD = """<oor:data xmlns:oor="http://openoffice.org/2001/registry">
<prop oor:name="ooSetupVersion">
        <value>24.8</value>
      </prop>
      <prop oor:name="ooSetupVersionAboutBox">
        <value>24.8.1.2</value>
      </prop>
</oor:data>
"""


def _installation(root: Path, *, registry: str | None) -> str:
    program = root / "program"
    program.mkdir(parents=True)
    soffice = program / "soffice"
    soffice.write_text("#!/bin/sh\n", encoding="utf-8")
    if registry is not None:
        (root / "share" / "registry").mkdir(parents=True)
        (root / "share" / "registry" / "main.xcd").write_text(registry, encoding="utf-8")
    return str(soffice)


def test_a_new_profile_is_told_the_installations_version(tmp_path):
    soffice = _installation(tmp_path / "lo", registry=MAIN_XCD)
    argument = office.profile_argument(tmp_path / "profile", soffice)
    assert argument == f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    registry = ET.parse(tmp_path / "profile" / "user" / "registrymodifications.xcu").getroot()
    (item,) = registry
    assert item.get("{http://openoffice.org/2001/registry}path") == "/org.openoffice.Setup/Product"
    assert [(p.get("{http://openoffice.org/2001/registry}name"), p.findtext("value")) for p in item] == [
        ("ooSetupLastVersion", "24.8")
    ]


def test_without_a_version_to_read_the_profile_is_left_to_libreoffice(tmp_path):
    soffice = _installation(tmp_path / "lo", registry=None)
    office.profile_argument(tmp_path / "profile", soffice)
    assert not (tmp_path / "profile").exists()


def test_a_profile_libreoffice_already_wrote_is_not_touched(tmp_path):
    soffice = _installation(tmp_path / "lo", registry=MAIN_XCD)
    registry = tmp_path / "profile" / "user" / "registrymodifications.xcu"
    registry.parent.mkdir(parents=True)
    registry.write_text("its own", encoding="utf-8")
    office.profile_argument(tmp_path / "profile", soffice)
    assert registry.read_text(encoding="utf-8") == "its own"


@needs_libreoffice
def test_a_conversion_skips_libreoffices_graphics_self_test(tmp_path):
    document = docx.Document()
    document.add_paragraph("Hej")
    document.save(str(tmp_path / "a.docx"))
    work = tmp_path / "work"
    work.mkdir()
    (pdf,) = office.convert_many([tmp_path / "a.docx"], tmp_path, work=work)
    assert office.pdf_page_count(pdf) == 1
    assert (work / "profile" / "user").is_dir()
    assert not (work / "profile" / "user" / "GraphicsRenderTests.log").exists()
