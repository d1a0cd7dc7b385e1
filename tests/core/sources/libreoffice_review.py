"""A reviewer working in LibreOffice, for the review tests: headless LibreOffice opens a .docx,
turns on record changes, makes the edits it is given (insert, delete, replace) and comments on
text, then saves it as .docx, so the file read back is what LibreOffice itself writes.

It runs a Basic macro from a throw-away profile's "My Macros" (trusted, so no security prompt):
the profile is initialised first, because LibreOffice's first start copies its presets over
anything already in user/basic, then the macro module is written and run.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from assistant.core.document.office import profile_argument, require_soffice, run_guarded


@dataclass(frozen=True)
class Insert:
    after: str  # text the insertion follows
    text: str


@dataclass(frozen=True)
class Delete:
    text: str


@dataclass(frozen=True)
class Replace:
    text: str
    by: str


@dataclass(frozen=True)
class Note:
    on: str  # the text the comment is anchored on
    author: str
    text: str


Edit = Insert | Delete | Replace | Note

_LIBRARY = """
Function Found(oDoc, sWhat As String)
  ' the first body paragraph holding sWhat, as a cursor over it (search needs a layout, and
  ' the document is loaded without one)
  Dim oParas, oPara, oCursor, nAt As Long
  oParas = oDoc.getText().createEnumeration()
  Do While oParas.hasMoreElements()
    oPara = oParas.nextElement()
    If oPara.supportsService("com.sun.star.text.Paragraph") Then
      nAt = InStr(1, oPara.getString(), sWhat, 0)
      If nAt > 0 Then
        oCursor = oDoc.getText().createTextCursorByRange(oPara.getStart())
        oCursor.goRight(nAt - 1, False)
        oCursor.goRight(Len(sWhat), True)
        Found = oCursor
        Exit Function
      End If
    End If
  Loop
  Err.Raise 1000, , "not found: " & sWhat
End Function

Sub SetAuthor(sGiven As String, sSurname As String)
  Dim oProvider, oUpdate
  Dim aArgs(0) As New com.sun.star.beans.PropertyValue
  oProvider = createUnoService("com.sun.star.configuration.ConfigurationProvider")
  aArgs(0).Name = "nodepath"
  aArgs(0).Value = "/org.openoffice.UserProfile/Data"
  oUpdate = oProvider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", aArgs())
  oUpdate.givenname = sGiven
  oUpdate.sn = sSurname
  oUpdate.commitChanges()
End Sub

Sub AddNote(oDoc, sWhat As String, sAuthor As String, sText As String)
  Dim oRange, oNote
  oRange = Found(oDoc, sWhat)
  oNote = oDoc.createInstance("com.sun.star.text.textfield.Annotation")
  oNote.Author = sAuthor
  oNote.Content = sText
  oDoc.getText().insertTextContent(oRange, oNote, True)
End Sub
"""


def _basic(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _statement(edit: Edit) -> str:
    if isinstance(edit, Insert):
        return f"  r = Found(doc, {_basic(edit.after)})\n  doc.getText().insertString(r.getEnd(), {_basic(edit.text)}, False)"
    if isinstance(edit, Delete):
        return f'  r = Found(doc, {_basic(edit.text)})\n  r.setString("")'
    if isinstance(edit, Replace):
        return f"  r = Found(doc, {_basic(edit.text)})\n  r.setString({_basic(edit.by)})"
    return f"  AddNote(doc, {_basic(edit.on)}, {_basic(edit.author)}, {_basic(edit.text)})"


def _module(source: Path, target: Path, edits: list[Edit], reviewer: tuple[str, str]) -> str:
    body = "\n".join(f"  editNo = {n}\n{_statement(e)}" for n, e in enumerate(edits, 1))
    code = f"""{_LIBRARY}
Sub Review
  Dim doc, r, editNo As Integer
  On Error GoTo Failed
  Dim loadArgs(1) As New com.sun.star.beans.PropertyValue
  Dim saveArgs(0) As New com.sun.star.beans.PropertyValue
  loadArgs(0).Name = "URL"
  loadArgs(0).Value = {_basic(source.resolve().as_uri())}
  loadArgs(1).Name = "FilterName"
  loadArgs(1).Value = "MS Word 2007 XML"
  SetAuthor({_basic(reviewer[0])}, {_basic(reviewer[1])})
  ' the model alone, no frame or view (see review_in_libreoffice)
  doc = createUnoService("com.sun.star.text.TextDocument")
  doc.load(loadArgs())
  doc.RecordChanges = True
{body}
  saveArgs(0).Name = "FilterName"
  saveArgs(0).Value = "MS Word 2007 XML"
  doc.storeToURL({_basic(target.resolve().as_uri())}, saveArgs())
  doc.close(True)
  Exit Sub
Failed:
  Dim logfile As Integer
  logfile = FreeFile
  Open {_basic(str(target) + ".error")} For Output As #logfile
  Print #logfile, "" & editNo & ": " & Error$ & " (line " & Erl & ")"
  Close #logfile
  If Not IsNull(doc) And Not IsEmpty(doc) Then doc.close(True)
End Sub
"""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n'
        '<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" '
        f'script:language="StarBasic">{escape(code)}</script:module>\n'
    )


def review_in_libreoffice(
    source: Path, target: Path, edits: list[Edit], *, work: Path, reviewer: tuple[str, str] = ("Eva", "Holm")
) -> Path:
    """`source` reviewed in LibreOffice with `edits` as tracked changes and comments, saved as `target`.

    The document is loaded as a model without a frame or view: with a (hidden) view headless
    LibreOffice 7.4 aborts building the comment margin's windows (NoSuchElementException) at
    the second comment."""
    soffice = require_soffice()
    work, source, target = work.resolve(), source.resolve(), target.resolve()
    profile = work / "profile"
    env = {**os.environ, "TMPDIR": str(work), "TMP": str(work), "TEMP": str(work)}
    base = [soffice, profile_argument(profile, soffice), "--headless", "--norestore", "--nolockcheck"]
    run_guarded([*base, "--terminate_after_init"], env=env, timeout=120, where=source)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.parent.is_dir():
        raise AssertionError(f"LibreOffice made no macro library in its profile: {sorted(profile.rglob('*'))[:10]}")
    module.write_text(_module(source, target, edits, reviewer), encoding="utf-8")
    for _attempt in range(3):  # LibreOffice 7.4 now and then aborts at start (NoSuchElementException)
        code, output = run_guarded([*base, "macro:///Standard.Module1.Review"], env=env, timeout=60, where=source)
        if target.is_file() or "NoSuchElementException" not in output:
            break
    error = target.with_name(target.name + ".error")
    if error.is_file():
        raise AssertionError(f"the LibreOffice macro failed at edit {error.read_text(encoding='utf-8').strip()}")
    if not target.is_file():
        raise AssertionError(f"LibreOffice wrote no {target.name} (exit {code}): {output[-500:]}")
    return target


def resaved_by_libreoffice(docx: Path, outdir: Path) -> Path:
    """`docx` opened and saved again as .docx by headless LibreOffice (what a reviewer working in
    LibreOffice sends back), in `outdir` under the same name."""
    subprocess.run(
        [
            require_soffice(),
            profile_argument(outdir / "profile", require_soffice()),
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outdir),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return outdir / docx.name
