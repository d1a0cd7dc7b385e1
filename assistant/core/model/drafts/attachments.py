"""The attachments a draft has gathered for sending (`[[attachments]]` in its front matter): a file
under the kind the form names ("avsiktsforklaring"), and for a per-partner kind the partner."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Attachment:
    kind: str = ""  # the form's [[attachments]] kind
    path: str = ""  # as the writer gave it; relative paths are relative to the draft's folder
    partner: str = ""  # the organisation it comes from, for a per-partner kind
    added: str = ""  # the day it was recorded (ISO)
