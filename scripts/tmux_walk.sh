#!/usr/bin/env bash
# Walk through a whole application in a real terminal (tmux), as a new user would, asserting on
# what the screen shows: start screen → new draft → sections → a suggestion taken and adapted →
# budget with a bad cell marked and fixed → check → export → quit, then the files on disk.
# Exits non-zero (printing the screen) on the first thing that does not appear.
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

keys() { tmux send-keys -t "$SESSION" "$@"; }
# A screen is drawn a moment before its first field takes the focus; a person never types faster.
settle() { sleep 0.5; }
# Tab sent in the same burst as typed text can be lost by the terminal parser; people pause there.
next_field() { sleep 0.3; keys Tab; sleep 0.3; }
type_text() { tmux send-keys -t "$SESSION" -l -- "$1"; }

command -v tmux >/dev/null || { echo "tmux_walk: tmux saknas" >&2; exit 2; }

tmux new-session -d -s "$SESSION" -x 120 -y 40 \
    "cd '$ROOT' && ANSOKAN_STATE='$ANSOKAN_STATE' ANSOKAN_CONFIG='$ANSOKAN_CONFIG' ANSOKAN_CACHE='$ANSOKAN_CACHE' ANSOKAN_DRAFTS='$ANSOKAN_DRAFTS' '$PY' -m assistant; echo ANSOKAN-EXIT=\$?; sleep 30"

# 1. Start screen → "Ny ansökan".
wait_for "Senaste utkast"
wait_for "Inga ännu"
keys Enter
wait_for "Projektets titel"
settle
type_text "Tmux-prov i Lund"
keys Enter
wait_for "Förslag ur biblioteket"
wait_for "Ett bra svar"   # the assistant has introduced the first heading: the editor has the focus
sleep 0.5
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

# 3. Go to a heading by command, take a suggestion, then open it adapted to the draft.
keys C-l
type_text "/förslag deltagare arbete studier arbetskonsulent"
keys Enter
wait_for "Förslag ur tidigare beviljade ansökningar"
keys Escape
keys F2
wait_for "Förslaget togs in"
keys F6
wait_for "Anpassat förslag"
settle
keys Escape
wait_for "Förslag ur biblioteket"

# 4. Budget: the period gives the years; a bad cell is marked and named, then fixed.
keys F7
wait_for "Sammanställd budget"
settle
type_text "2026-01-01"
next_field
type_text "2027-12-31"
keys Enter
wait_for "Totalt"
settle
type_text "500 000"
next_field
type_text "abc"
wait_for "är inget belopp"
sleep 0.3; keys C-u; sleep 0.3
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
settle
if [ "${ANSOKAN_WALK_PDF:-0}" = 1 ] || ! command -v soffice >/dev/null; then
    keys Enter                  # the path field: Enter exports (the PDF box is ticked only with LibreOffice)
else
    next_field; keys Space      # PDF off: LibreOffice has its own test; keep the walk quick
    next_field; keys Enter      # the Exportera button
fi
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
