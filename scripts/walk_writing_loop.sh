#!/usr/bin/env bash
# The writing loop a project leader goes through, in a real terminal (tmux), at 120×40 and at 80×24:
# a new application through the dialog with its facts (form, title, organisation, municipality,
# period) → text in two sections → a suggestion taken with F3, undone (Ctrl+Z) and redone (Ctrl+Y)
# → a suggestion replacing a section with F4 after the confirmation → Projektuppgifter (Ctrl+R) with a
# signatory added → export → quit. Each screen it checked is printed; at the end the draft on disk
# must hold exactly the text typed and taken (section by section) and the facts given.
#
# Never a fixed pause alone: before typing into a field the walk waits until the terminal's cursor
# stands in that field, and after each step it polls the screen (or the draft on disk) for what the
# step shows, with a time limit; on a miss it prints the screen and exits 1.
#
# Usage: scripts/walk_writing_loop.sh [WIDTHxHEIGHT ...]   (default: 120x40 80x24)
# WALK_WAIT (seconds, default 30) scales every wait on a slow machine.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
[ -x "$PY" ] || PY="$(command -v python3)"
WAIT="${WALK_WAIT:-30}"
SIZES=("$@")
[ "${#SIZES[@]}" -gt 0 ] || SIZES=(120x40 80x24)
FORM_ID="finsam-malmo"
NAME="skrivprov-i-lund"
TITLE="Skrivprov i Lund"
TEXT_A="Projektet drivs av Lunds kommun tillsammans med Arbetsförmedlingen."
TEXT_B="Många unga vuxna i Lund står långt från arbetsmarknaden och behöver samordnat stöd från kommunen och Arbetsförmedlingen."
TEXT_C="Deltagarna får stöd av arbetskonsulenter mot arbete eller studier."
SIGNATORY="Anna Andersson; förvaltningschef; Lunds kommun"

command -v tmux >/dev/null || { echo "walk_writing_loop: tmux saknas" >&2; exit 2; }

WORK="$(mktemp -d)"
SESSION=""
cleanup() { [ -z "$SESSION" ] || tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# What the walk reads from the draft and the library, through the project's own code.
cat >"$WORK/probe.py" <<'PY'
import json, sys

def section(path, key):
    from assistant.usecases.drafts import open_draft
    return open_draft(path).text(key)

def passage(path, key):
    """The text of the library passage the draft records as taken into `key` ('' when none is)."""
    from assistant.usecases.drafts import open_draft
    from assistant.usecases.library import show_entry
    records = [r for r in open_draft(path).sources if r.get("section") == key and r.get("passage_id")]
    if not records:
        return ""
    pid = records[-1]["passage_id"]
    return next(p.text for p in show_entry(pid.split("#")[0]).passages if p.id == pid).strip()

def words(text):
    from assistant.core.model.drafts import word_count
    return str(word_count(text))

def form(form_id):
    """Position of the form in the dialog's menu, its first four headings' keys and displays."""
    from assistant.usecases.forms import get_form, list_forms
    f = get_form(form_id)
    lines = [str([x.id for x in list_forms()].index(form_id) + 1)]
    lines += [f"{h.key}\t{h.display}" for h in f.headings[:4]]
    return "\n".join(lines)

def facts(path):
    from assistant.usecases.drafts import open_draft
    d = open_draft(path)
    return f"{d.form_id}|{d.title}|{d.organisation}|{d.municipality}|{d.start}|{d.end}"

command, *args = sys.argv[1:]
sys.stdout.write({"section": section, "passage": passage, "words": words, "form": form, "facts": facts}[command](*args))
PY
# The last check: every section of the draft on disk is exactly what was typed or taken, the facts
# are the ones given, and the .docx holds the text and the signatory.
cat >"$WORK/final.py" <<'PY'
import datetime, os, docx
from assistant.usecases.drafts import open_draft
env = os.environ
draft = open_draft(env["DRAFT"])
expected = dict(zip(env["KEYS"].split(), (env["EXPECT_A"], env["EXPECT_B"], env["EXPECT_C"]), strict=True))
for key, text in draft.sections.items():
    assert text == expected.get(key, ""), (key, text, expected.get(key, ""))
assert (draft.form_id, draft.title) == (env["FORM_ID"], env["TITLE"]), (draft.form_id, draft.title)
assert (draft.organisation, draft.municipality) == ("Lunds kommun", "Lund"), (draft.organisation, draft.municipality)
assert (draft.start, draft.end) == (datetime.date(2027, 1, 1), datetime.date(2028, 12, 31)), (draft.start, draft.end)
signatories = [(s.name, s.title, s.organisation) for s in draft.signatories]
assert signatories == [("Anna Andersson", "förvaltningschef", "Lunds kommun")], signatories
body = "\n".join(p.text for p in docx.Document(env["DOCX"]).paragraphs)
for needle in (env["EXPECT_A"], "Anna Andersson", env["TITLE"]):
    assert needle in body, needle
PY
probe() { (cd "$ROOT" && "$PY" "$WORK/probe.py" "$@"); }

# ----------------------------------------------------------------------------------------------
# The screen and waiting on it

# The screen as text; amounts use non-breaking spaces (1 100 000 kr), made plain for grep.
screen() { tmux capture-pane -p -t "$SESSION" 2>/dev/null | sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' || true; }

STEP=""
show() {  # show TITLE: print the screen that was just checked
    STEP="$1"
    echo "===== $SIZE · $1 ====="
    screen | sed 's/[[:space:]]*$//'
    if screen | grep -q "Traceback"; then fail "en traceback på skärmen"; fi
}

fail() {
    echo "walk_writing_loop: FEL ($SIZE, efter ”$STEP”): $*" >&2
    echo "----- skärmen (markören: $(tmux display -p -t "$SESSION" "#{cursor_x} #{cursor_y}" 2>/dev/null)) -----" >&2
    screen >&2
    exit 1
}

# wait_until DESCRIPTION COMMAND...: poll COMMAND (5 times a second) until it succeeds, at most $WAIT s.
wait_until() {
    local what="$1" tries=0
    shift
    until "$@"; do
        sleep 0.2
        tries=$((tries + 1))
        [ "$tries" -le $((WAIT * 5)) ] || fail "$what: inte inom $WAIT s"
    done
}
shows() { screen | grep -qF -- "$1"; }
shows_re() { screen | grep -qE -- "$1"; }
gone() { ! screen | grep -qF -- "$1"; }
wait_for() { wait_until "”$1” syntes inte" shows "$1"; }
wait_re() { wait_until "/$1/ syntes inte" shows_re "$1"; }
wait_gone() { wait_until "”$1” försvann inte" gone "$1"; }

keys() { tmux send-keys -t "$SESSION" "$@"; }
type_text() { tmux send-keys -t "$SESSION" -l -- "$1"; }

# focus_at MODE TEXT: the focused field (the one whose left border "▊" has the focus colour; a
# dialog's other fields share the blurred colour) is
#   on    – on the row where TEXT shows (a field's text or placeholder);
#   under – one to three rows below a row where TEXT shows (the field under a label).
# Keys sent before the focus has moved land in the field that had it, so every Tab is followed by
# this wait before anything is typed. (Not the terminal's cursor: after the dialog scrolls, Textual
# reports it where the field stood before the scroll until something is typed there.)
focus_at() {
    tmux capture-pane -e -p -t "$SESSION" 2>/dev/null | "$PY" -c '
import collections, os, re, sys
mode, text, learnt_file = sys.argv[1], sys.argv[2], sys.argv[3]
SGR = re.compile(r"\x1b\[([0-9;]*)m")
plain, borders = [], []  # per row: the text, and (column, colour) of each field border "▊"
for line in sys.stdin.read().split("\n"):
    fg, out, row_borders, pos, col = None, [], [], 0, 0
    for m in SGR.finditer(line + "\x1b[m"):
        chunk = line[pos:m.start()]
        row_borders += [(col + i, fg) for i, ch in enumerate(chunk) if ch == "▊"]
        out.append(chunk)
        col += len(chunk)
        params = m.group(1).split(";") if m.group(1) else ["0"]
        i = 0
        while i < len(params):
            if params[i] in ("38", "48") and i + 2 < len(params) and params[i + 1] == "5":
                fg = params[i + 2] if params[i] == "38" else fg
                i += 3
                continue
            if params[i] in ("0", "39"):
                fg = None
            i += 1
        pos = m.end()
    plain.append("".join(out))
    borders.append(row_borders)
# The focus colour: learnt from a screen where one field stands out among more blurred ones
# (remembered in a file), since two fields on a small screen are three rows each.
learnt = open(learnt_file).read().strip() if os.path.exists(learnt_file) else ""
if not learnt:
    counts = collections.Counter(c for row in borders for _, c in row if c is not None)
    if len(counts) < 2 or counts.most_common()[-1][1] >= counts.most_common(1)[0][1]:
        sys.exit(1)
    learnt = counts.most_common()[-1][0]
    open(learnt_file, "w").write(learnt)
# The focused field: from its left border to the next border on the row (or the end of the row).
focused = []
for r, row in enumerate(borders):
    for n, (c, colour) in enumerate(row):
        if colour == learnt:
            focused.append((r, c, row[n + 1][0] if n + 1 < len(row) else len(plain[r])))
def within(row, left, right):
    col = plain[row].find(text, left) if 0 <= row < len(plain) else -1
    return 0 <= col < right
if mode == "on":
    ok = any(within(r, c, right) for r, c, right in focused)
else:
    ok = any(within(r - d, max(0, c - 2), right) for r, c, right in focused for d in (1, 2, 3))
sys.exit(0 if ok else 1)
' "$1" "$2" "$WORK/focus-colour"
}
wait_focus() { wait_until "fältet vid ”$2” fick inte fokus ($1)" focus_at "$1" "$2"; }
# next_field MODE TEXT: Tab, then wait until the field at TEXT has the focus.
next_field() { keys Tab; wait_focus "$@"; }

# A suggestion in the panel: its score, then its source ("  72 Case management på Komvux").
SCORED='▏ +[0-9]{1,3} [^ ]'
# take KEY SHOWN: press F3/F4 for the chosen suggestion and wait for what it shows. While the panel
# is between two answers nothing is chosen ("Inget förslag är valt"): then the key is pressed again.
chosen_or_not() { shows "$1" || shows "Inget förslag är valt"; }
take() {
    local tries
    for tries in 1 2 3; do
        keys "$1"
        wait_until "$1 gav inget svar" chosen_or_not "$2"
        shows "$2" && return 0
        wait_gone "Inget förslag är valt"
    done
    fail "$1 fann inget valt förslag"
}

words_shown() { shows_re "(^|[^0-9])$1 ord · "; }  # the composer's label: "17 ord · 2. Bakgrund"
wait_words() { wait_until "editorn visade inte $1 ord" words_shown "$1"; }

# wait_section KEY EXPECTED: the draft on disk holds EXPECTED under KEY (after a save).
section_is() { [ "$(probe section "$DRAFT" "$1")" == "$2" ]; }
wait_section() { wait_until "avsnittet $1 på disken blev inte det väntade" section_is "$1" "$2"; }
section_grew() { local t; t="$(probe section "$DRAFT" "$1")"; [ "$t" != "$2" ] && [ -n "$t" ]; }

# ----------------------------------------------------------------------------------------------

walk() {
    SIZE="$1"
    WIDTH="${SIZE%x*}"
    local height="${SIZE#*x}" home="$WORK/$SIZE"
    SESSION="ansokan-loop-$$-$SIZE"
    mkdir -p "$home"/{state,config,cache,drafts}
    DRAFT="$home/drafts/$NAME.md"
    local env="ANSOKAN_STATE='$home/state' ANSOKAN_CONFIG='$home/config' ANSOKAN_CACHE='$home/cache' ANSOKAN_DRAFTS='$home/drafts' ANSOKAN_LANG=sv"
    tmux new-session -d -s "$SESSION" -x "$WIDTH" -y "$height" \
        "cd '$ROOT' && $env '$PY' -m assistant; echo ANSOKAN-EXIT=\$?; sleep 60"

    local menu_pos keys_=() displays=()
    {
        read -r menu_pos
        while IFS=$'\t' read -r key display; do keys_+=("$key"); displays+=("${display:0:10}"); done
    } < <(probe form "$FORM_ID")

    # 1. The new-application dialog: nothing is created without a form; then the facts.
    wait_for "Senaste utkast"
    keys C-n
    wait_for "Projektets titel"
    wait_focus on "t.ex. Unga vuxna"   # the title field (its placeholder) has the focus
    type_text "$TITLE"
    wait_for "$TITLE"                   # (the file name follows it: checked on disk below)
    keys Enter                          # no form chosen yet: refused, and the form menu gets the focus
    wait_for "välj ett formulär"
    show "ny ansökan utan formulär"
    keys Enter                          # opens the menu
    wait_for "FINSAM Malmö – ansökan"
    for _ in $(seq "$menu_pos"); do keys Down; done
    keys Enter
    wait_gone "Välj formulär …"
    next_field on "$TITLE"
    next_field under "Organisation:"
    type_text "Lunds kommun"
    wait_for "Lunds kommun"
    next_field under "Kommun:"
    type_text "Lund"
    next_field on "2027-01-01"  # the start's placeholder
    type_text "2027-01-01"
    next_field on "2028-12-31"
    type_text "2028-12-31"
    show "ny ansökan ifylld"
    keys Enter                          # Enter in a field creates the draft
    wait_for "Förslag ur"                # the suggestion panel (its heading wraps at 80 columns)
    wait_words 0
    wait_focus under "0 ord · "         # the editor (under its label) has the focus
    [ -f "$DRAFT" ] || fail "utkastet $DRAFT skapades inte"
    local made
    made="$(probe facts "$DRAFT")"
    [ "$made" == "$FORM_ID|$TITLE|Lunds kommun|Lund|2027-01-01|2028-12-31" ] || fail "utkastet fick inte uppgifterna: $made"
    show "huvudskärmen, nytt utkast"

    # 2. Text in the first section; Ctrl+N saves it and moves on.
    type_text "$TEXT_A"
    wait_words "$(probe words "$TEXT_A")"   # (the editor wraps the text: its word count is what shows whole)
    keys C-n
    wait_section "${keys_[0]}" "$TEXT_A"
    wait_re "(^|[^0-9])0 ord · ${displays[1]}"

    # 3. The second section: F3 appends the chosen suggestion; Ctrl+Z takes it back, Ctrl+Y again.
    type_text "$TEXT_B"
    local words_b
    words_b="$(probe words "$TEXT_B")"
    wait_words "$words_b"
    wait_re "$SCORED"
    show "förslag till det skrivna"
    take F3 "Förslaget togs in"
    keys C-s
    wait_until "F3 lade inget i avsnittet på disken" section_grew "${keys_[1]}" "$TEXT_B"
    local taken expected_b
    taken="$(probe passage "$DRAFT" "${keys_[1]}")"
    [ -n "$taken" ] || fail "utkastet nämner inte förslaget som togs in"
    expected_b="$TEXT_B"$'\n\n'"$taken"
    wait_section "${keys_[1]}" "$expected_b"
    local words_taken=$((words_b + $(probe words "$taken")))
    wait_words "$words_taken"
    show "F3: förslaget sist i avsnittet"
    keys C-z
    wait_words "$words_b"
    keys C-s
    wait_section "${keys_[1]}" "$TEXT_B"
    show "Ctrl+Z: förslaget borta"
    keys C-y
    wait_words "$words_taken"
    keys C-s
    wait_section "${keys_[1]}" "$expected_b"
    [ "$(probe passage "$DRAFT" "${keys_[1]}")" == "$taken" ] || fail "efter Ctrl+Y nämner utkastet inte förslaget"
    show "Ctrl+Y: förslaget tillbaka"
    keys C-n
    wait_re "(^|[^0-9])0 ord · ${displays[2]}"

    # 4. The third section: F4 asks before it replaces the text, then replaces it.
    type_text "$TEXT_C"
    wait_words "$(probe words "$TEXT_C")"
    wait_re "$SCORED"
    take F4 "Ersätt?"
    wait_for "Förslaget ersätter hela texten"   # and quotes what would go
    show "F4: frågan före ersättningen"
    keys Enter                                # its "Ersätt" button has the focus
    wait_gone "Ersätt?"
    wait_for "Förslaget togs in"
    keys C-s
    wait_until "F4 ersatte inte avsnittet på disken" section_grew "${keys_[2]}" "$TEXT_C"
    local replaced
    replaced="$(probe passage "$DRAFT" "${keys_[2]}")"
    [ -n "$replaced" ] || fail "utkastet nämner inte förslaget som ersatte texten"
    wait_section "${keys_[2]}" "$replaced"
    wait_words "$(probe words "$replaced")"
    show "F4: avsnittet ersatt"

    # 5. Projektuppgifter: a signatory added (the list fields take one person a line).
    keys C-r
    wait_for "Projektets titel"
    wait_focus on "$TITLE"
    next_field under "Organisation"
    next_field under "Kommun"
    next_field under "Startdatum"
    next_field under "Slutdatum"
    next_field under "Kontaktpersoner"
    next_field under "Firmatecknare"
    type_text "$SIGNATORY"
    wait_for "förvaltningschef"
    show "Projektuppgifter med firmatecknaren"
    keys C-s
    wait_gone "Projektets titel"
    wait_until "firmatecknaren sparades inte" grep -qF "Anna Andersson" "$DRAFT"

    # 6. Export: the dialog lists what is still open; Enter in its path field exports all the same.
    keys F9
    wait_for "Exportera till Word"
    wait_focus on "$NAME.docx"
    show "exportdialogen"
    keys Enter
    WAIT=$((WAIT * 6)) wait_for "Skrev"
    show "exporterat"
    [ -f "$home/drafts/$NAME.docx" ] || fail "Word-filen skrevs inte"
    keys Escape
    wait_gone "Exportera till Word"

    # 7. Quit, then the whole draft on disk against what was typed and taken.
    keys C-q
    wait_for "ANSOKAN-EXIT=0"
    EXPECT_A="$TEXT_A" EXPECT_B="$expected_b" EXPECT_C="$replaced" KEYS="${keys_[*]:0:3}" \
        TITLE="$TITLE" FORM_ID="$FORM_ID" DRAFT="$DRAFT" DOCX="$home/drafts/$NAME.docx" "$PY" "$WORK/final.py" ||
        fail "utkastet på disken är inte det väntade"
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    SESSION=""
    echo "walk_writing_loop: $SIZE OK ($DRAFT)"
}

for size in "${SIZES[@]}"; do
    walk "$size"
done
echo "walk_writing_loop: OK (${SIZES[*]})"
