#!/usr/bin/env bash
# Walk through a whole application in a real terminal (tmux), as a new user would, asserting on
# what the screen shows: start screen → new draft → sections → a suggestion taken and adapted →
# budget with a bad cell marked and fixed → check → export → quit, then the files on disk.
# Exits non-zero (printing the screen) on the first thing that does not appear.
#
# No fixed pauses between keys: before typing into a field the walk waits until the terminal's
# cursor is in that field (Textual puts it there when the field takes the focus), and after each
# step it waits for what the step shows. So it passes on a loaded machine, only slower.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SESSION="ansokan-walk-$$"
WORK="$(mktemp -d)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PY" ] || PY="$(command -v python3)"
export ANSOKAN_STATE="$WORK/state" ANSOKAN_CONFIG="$WORK/config" ANSOKAN_CACHE="$WORK/cache" ANSOKAN_DRAFTS="$WORK/drafts"
mkdir -p "$ANSOKAN_STATE" "$ANSOKAN_CONFIG" "$ANSOKAN_CACHE" "$ANSOKAN_DRAFTS"

cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# The screen as text; amounts use non-breaking spaces (1 100 000 kr), made plain for grep.
screen() { tmux capture-pane -p -t "$SESSION" 2>/dev/null | sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' || true; }

fail() {
    echo "tmux_walk: FEL: $*" >&2
    echo "----- skärmen -----" >&2
    screen >&2
    exit 1
}

# wait_for TEXT [SECONDS]: poll the screen until TEXT shows (a fixed grep, not a sleep-and-hope).
wait_for() {
    local text="$1" limit="${2:-20}" waited=0
    until screen | grep -qF -- "$text"; do
        sleep 0.2
        waited=$((waited + 1))
        [ "$waited" -le $((limit * 5)) ] || fail "”$text” syntes inte inom ${limit} s"
    done
}

wait_for_re() {  # like wait_for, with an extended regular expression
    local waited=0
    until screen | grep -qE -- "$1"; do
        sleep 0.2; waited=$((waited + 1))
        [ "$waited" -le 100 ] || fail "/$1/ syntes inte inom 20 s"
    done
}

wait_gone() {  # wait_gone TEXT: until TEXT is no longer on the screen
    local waited=0
    until ! screen | grep -qF -- "$1"; do
        sleep 0.2; waited=$((waited + 1))
        [ "$waited" -le 100 ] || fail "”$1” försvann inte inom 20 s"
    done
}

# cursor_on TEXT [right]: the terminal cursor is on the row where TEXT shows, within TEXT or just after it (an empty
# field's placeholder, a field's text), or with `right` anywhere to the right of it (a cell).
cursor_on() {
    local at
    at="$(tmux display -p -t "$SESSION" '#{cursor_x} #{cursor_y}')"
    screen | "$PY" -c '
import sys
x, y = map(int, sys.argv[2].split())
lines = sys.stdin.read().split("\n")
def on(row):
    col = lines[row].find(sys.argv[1]) if 0 <= row < len(lines) else -1
    end = col + len(sys.argv[1])
    return col >= 0 and col <= x and (x <= end + 2 or sys.argv[3] == "right")
# A field redrawn while its dialog lays out may report the cursor on its lower border row for a moment.
sys.exit(0 if on(y) or on(y - 1) else 1)
' "$1" "$at" "${2:-}"
}

# wait_focus TEXT [right]: a field takes the focus a moment after its screen is drawn; wait for it.
# A field focused before its screen was laid out reports the cursor only once it moves, so End
# (harmless in a field, unbound elsewhere) is pressed while waiting.
wait_focus() {
    local waited=0
    until cursor_on "$1" "${2:-}"; do
        keys End
        sleep 0.1; waited=$((waited + 1))
        [ "$waited" -le 200 ] || fail "markören kom inte till fältet vid ”$1” inom 20 s (markören: $(tmux display -p -t "$SESSION" '#{cursor_x} #{cursor_y}'))"
    done
}

cursor_x() { tmux display -p -t "$SESSION" '#{cursor_x}'; }
wait_cursor_right_of() {  # wait_cursor_right_of X: the focus moved to a field right of column X
    local waited=0
    until [ "$(cursor_x)" -gt "$1" ]; do
        sleep 0.1; waited=$((waited + 1))
        [ "$waited" -le 200 ] || fail "markören flyttade inte till nästa fält inom 20 s"
    done
}

keys() { tmux send-keys -t "$SESSION" "$@"; }
type_text() { tmux send-keys -t "$SESSION" -l -- "$1"; }

command -v tmux >/dev/null || { echo "tmux_walk: tmux saknas" >&2; exit 2; }

tmux new-session -d -s "$SESSION" -x 120 -y 40 \
    "cd '$ROOT' && ANSOKAN_STATE='$ANSOKAN_STATE' ANSOKAN_CONFIG='$ANSOKAN_CONFIG' ANSOKAN_CACHE='$ANSOKAN_CACHE' ANSOKAN_DRAFTS='$ANSOKAN_DRAFTS' '$PY' -m assistant; echo ANSOKAN-EXIT=\$?; sleep 30"

# 1. Start screen → "Ny ansökan" (its key works whatever has the focus).
wait_for "Senaste utkast"
wait_for "Inga ännu"
keys C-n
wait_for "Projektets titel"
wait_focus "t.ex. Unga vuxna"   # the title field's placeholder
type_text "Tmux-prov i Lund"
# What was typed shows in the field (the file name that follows the title is below it, and the dialog
# may have scrolled it away at this size; the draft's file name is checked on disk after Enter).
wait_for "Tmux-prov i Lund"
# The form is chosen, never guessed: open the form menu above the title and take the first form.
mapfile -t FORM_NAMES < <("$PY" -c 'from assistant.core.model.forms import available_forms, load_form
for f in available_forms()[:2]: print(load_form(f).name)')
keys BTab Enter
wait_for "${FORM_NAMES[1]}"   # the menu is open (the second form shows only there)
keys Down Enter
waited=0
until ! screen | grep -qF -- "${FORM_NAMES[1]}"; do   # the menu has closed
    sleep 0.1; waited=$((waited + 1)); [ "$waited" -le 200 ] || fail "formulärmenyn stängdes inte"
done
keys Tab Enter   # back to the title field; Enter there creates the draft
wait_for "Förslag ur biblioteket"
wait_for "0 ord · "   # the editor's label: shown once the screen has given the editor the focus
DRAFT="$ANSOKAN_DRAFTS/tmux-prov-i-lund.md"
[ -f "$DRAFT" ] || fail "utkastet $DRAFT skapades inte"

# 2. Write three sections, moving on with Ctrl+N; leaving a section saves it (checked on disk).
wait_file() {  # wait_file FILE TEXT: the draft on disk contains TEXT
    local waited=0
    until grep -qF -- "$2" "$1" 2>/dev/null; do
        sleep 0.2; waited=$((waited + 1))
        [ "$waited" -le 100 ] || fail "”$2” sparades inte i $1"
    done
}
# The new draft uses the first form in the dialog; the outline names its headings.
CATEGORY="$("$PY" -c 'from assistant.core.model.forms import available_forms, load_form
print(load_form(available_forms()[0]).budget.categories[0][:12])')"
mapfile -t LABELS < <("$PY" -c 'from assistant.core.model.forms import available_forms, load_form
for h in load_form(available_forms()[0]).headings[:3]: print(h.label[:20])')
mapfile -t NEXT < <("$PY" -c 'from assistant.core.model.forms import available_forms, load_form
for h in load_form(available_forms()[0]).headings[1:4]: print(h.display[:20])')
i=0
for text in "Projektet drivs av Lunds kommun tillsammans med Arbetsförmedlingen." \
            "Många unga vuxna står långt från arbetsmarknaden och behöver samordnat stöd." \
            "Deltagarna får stöd av arbetskonsulenter mot arbete eller studier."; do
    type_text "$text"
    keys C-n
    wait_file "$DRAFT" "$text"
    # the outline marks the section finished (● klar, or ! when the checks found something)…
    wait_for_re "^[●!] +${LABELS[$i]}"
    # …and the editor shows the next, empty, section
    wait_for "0 ord · ${NEXT[$i]}"
    i=$((i + 1))
done

# 3. Ask for suggestions by command, take one, then open it adapted to the draft.
keys C-l
type_text "/förslag"   # the empty section's heading and guidance are the query: ideas, never gated away
keys Enter
wait_for "Förslag ur tidigare beviljade ansökningar"
keys Escape
keys F2
wait_for "Förslaget togs in"
keys F6
wait_for "Anpassat förslag"
wait_gone "Anpassar förslaget"   # adapted in a worker; the dialog shows the result
keys Escape
wait_gone "Anpassat förslag"
wait_for "Förslag ur biblioteket"

# 4. Budget: the period gives the years; a bad cell is marked and named, then fixed.
keys F7
wait_for "Sammanställd budget"
wait_focus "startdatum"
type_text "2026-01-01"
wait_for "2026-01-01"
keys Tab
wait_focus "slutdatum"
type_text "2027-12-31"
wait_for "2027-12-31"
keys Enter
wait_for "Totalt"
wait_focus "${CATEGORY}" right   # the table has a column per year; its first cell has the focus
type_text "500 000"
wait_for "500 000 kr"
first_cell="$(cursor_x)"
keys Tab
wait_cursor_right_of "$first_cell"
type_text "abc"
wait_for "är inget belopp"
keys C-u
wait_gone "är inget belopp"
type_text "600 000"
wait_for "1 100 000 kr"
keys Escape
wait_for "Förslag ur biblioteket"

# 5. Check the whole application.
keys F8
wait_for "varningar"
keys Escape
wait_for "Förslag ur biblioteket"

# 6. Export to Word (and PDF when LibreOffice is installed).
keys F9
wait_for "Exportera till Word"
wait_focus "tmux-prov-i-lund.docx"   # the path field, holding the default beside the draft
keys Enter                      # Enter in the path field exports
wait_for "Skrev" 120
DOCX="$ANSOKAN_DRAFTS/tmux-prov-i-lund.docx"
[ -f "$DOCX" ] || fail "Word-filen $DOCX skrevs inte"
keys Escape

# 7. Quit; the text typed is in the draft on disk.
keys C-q
wait_for "ANSOKAN-EXIT=0"
grep -qF "Deltagarna får stöd av arbetskonsulenter" "$DRAFT" || fail "texten finns inte i utkastet"
grep -qF "600 000" "$DRAFT" || fail "budgeten finns inte i utkastet"
"$PY" - "$DOCX" <<'PY' || fail "Word-filen saknar rubriker"
import sys, docx
headings = [p.text for p in docx.Document(sys.argv[1]).paragraphs if p.style.name.startswith("Heading")]
assert len(headings) >= 5, headings
PY
echo "tmux_walk: OK ($DRAFT)"
