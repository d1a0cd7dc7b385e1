"""Reading budgets out of the four approved applications in tests/fixtures/library-sources, and out of
the layouts they use: tab rows, one cell per line, prose items, unit rows, NBSP, HTML debris.

The expected figures were added up by hand from the sources; the sums are in the comments.
"""

import re
from decimal import Decimal

import pytest

from assistant.core.model.forms import load_form
from assistant.core.sources.budget_import import DETAILED_GRAND, budget_report, match_category, parse_budget_text
from tests.conftest import SOURCES

FINSAM = load_form("finsam-malmo")
BURLOV = load_form("burlov-staffanstorp")

needs_sources = pytest.mark.skipif(not SOURCES.is_dir(), reason="the source fixtures are missing")


def budget_section(prefix: str) -> str:
    """The raw budget section of a source, cut out by its heading (as the importer receives it)."""
    lines = next(SOURCES.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if re.search(r"Budget i kronor|<p>Kostnad;", line))
    end = next(i for i in range(start + 1, len(lines)) if re.search(r"^\t?4\. Metoder|^Tidsplan;", lines[i]))
    return "\n".join(lines[start + 1 : end])


def D(text: str) -> Decimal:
    return Decimal(text.replace(" ", ""))


@needs_sources
def test_000_one_cell_per_line_table_and_prose_items():
    b = parse_budget_text(budget_section("000"), FINSAM)
    assert b.years == [2017, 2018, 2019]  # "År ……2017…" headers, each cell on its own tab line
    # Personal 1 073 334 + 1 300 000 + 226 666 = 2 600 000 (the printed Totalt agrees)
    assert [b.value("Personal", y) for y in b.years] == [D("1 073 334"), D("1 300 000"), D("226 666")]
    assert b.row_total("Personal") == D("2 600 000")
    assert b.stated.rows["Personal"] == "2 600 000"
    # Externa tjänster and Övriga kostnader: 150 000 + 150 000 = 300 000 each; Lokaler empty
    assert b.row_total("Externa tjänster") == b.row_total("Övriga kostnader") == D("300 000")
    assert b.row_total("Lokaler") == 0
    # Year totals 1 373 334 / 1 600 000 / 226 666, grand 3 200 000 – all printed correctly
    assert {y: b.year_total(y) for y in b.years} == {y: D(v) for y, v in b.stated.years.items()}
    assert b.grand_total() == D("3 200 000")
    assert D(b.stated.grand.replace("kr", "")) == D("3 200 000")
    # Detailed personnel: 1 360.380 (PDF dot) + 1 194 480 = 2 554 860, i.e. 45 140 less than compiled
    assert b.detailed_total("Personal") == D("2 554 860")
    assert b.detailed_total() == D("3 154 860")  # 2 554 860 + 300 000 + 0 + 300 000
    assert [i.category for i in b.items] == ["Personal", "Personal", "Externa tjänster", "Lokaler", "Övriga kostnader"]
    # Printed totals never become cells
    assert all("Totalt" not in c for c in b.compiled)
    assert b.unread == []


@needs_sources
def test_001_prose_items_and_tab_table_agree():
    b = parse_budget_text(budget_section("001"), FINSAM)
    assert b.years == [2020, 2021, 2022]
    # Personal: 1 053 804 + 1 437 703 + 367 830 = 2 859 337 = 1 209 124 + 1 015 455 + 634 758
    assert b.row_total("Personal") == b.detailed_total("Personal") == D("2 859 337")
    assert b.row_total("Externa tjänster") == b.detailed_total("Externa tjänster") == D("120 000")
    # Övriga: 115 000 + 40 000 = 155 000 = 30 000 + 75 000 + 20 000 + 30 000
    assert b.row_total("Övriga kostnader") == b.detailed_total("Övriga kostnader") == D("155 000")
    # Year totals 1 228 804 / 1 537 703 / 367 830; grand 3 134 337
    assert {y: b.year_total(y) for y in b.years} == {2020: D("1 228 804"), 2021: D("1 537 703"), 2022: D("367 830")}
    assert b.grand_total() == D(b.stated.grand) == D("3 134 337")
    assert len(b.items) == 8 and b.unread == []


@needs_sources
def test_002_burlov_table_with_unit_row_and_wrong_sum():
    b = parse_budget_text(budget_section("002"), BURLOV)
    assert b.years == [2020, 2021, 2022]
    assert b.value("Personalkostnader", 2020) == D("550 000")
    assert b.value("Tjänster, tex tele, IT", 2022) == D("15 000")
    assert b.value("Övriga kostnader, tex marknadsföring, kontorsmaterial, inventarier mm", 2020) == D("20 000")
    # 2020: 550 000 + 50 000 + 15 000 + 20 000 = 635 000, but "Summa kostnader" says 735 000
    assert b.year_total(2020) == D("635 000")
    assert b.stated.years[2020] == "735 000"
    # 2021 and 2022: 800 000 + 15 000 + 5 000 = 820 000, as printed
    assert b.year_total(2021) == b.year_total(2022) == D("820 000")
    assert b.stated.years[2021] == b.stated.years[2022] == "820 000"
    assert not b.items and not b.stated.grand and b.unread == []


@needs_sources
def test_003_detailed_tables_per_year_with_omfattning_and_summa():
    b = parse_budget_text(budget_section("003"), FINSAM)
    assert b.years == [2021, 2022, 2023]
    personal = [i for i in b.items if i.category == "Personal"]
    assert [i.text for i in personal] == [
        "Sektionschef",
        "Assistent",
        "Handläggare",
        "Aktivitetsledare",
        "Fysioterapeut",
    ]
    assert [i.quantity for i in personal] == ["1", "1", "11", "3", "1"]  # Omfattning, not money
    # 2021: 773 000 + 453 000 + 6 355 800 + 1 556 000 + 550 000 = 9 687 800 (= SUMMA and compiled)
    assert sum(D(i.per_year[2021]) for i in personal) == D("9 687 800") == D(b.stated.subtotals["Personal"]["2021"])
    assert b.detailed_total("Personal") == b.row_total("Personal") == D("29 838 000")
    # Externa: 1 000 000 + 300 000 + 300 000 = 1 600 000 …; total 4 927 000
    assert b.detailed_total("Externa tjänster") == b.row_total("Externa tjänster") == D("4 927 000")
    # Lokaler has only a SUMMA row (614 000 + 626 000 + 639 000 = 1 879 000): it becomes the item
    lokaler = [i for i in b.items if i.category == "Lokaler"]
    assert len(lokaler) == 1 and lokaler[0].text.startswith("Lokaler, Torsten")
    assert b.detailed_total("Lokaler") == b.row_total("Lokaler") == D("1 879 000")
    # Övriga: OH 250 000 + drift 497 000 + utveckling 200 000 = 947 000 in 2021; 2 886 000 in all
    assert b.detailed_total("Övriga kostnader") == b.row_total("Övriga kostnader") == D("2 886 000")
    # 12 848 800 + 13 184 300 + 13 496 900 = 39 530 000
    assert b.grand_total() == D(b.stated.grand) == D("39 530 000")
    # "8 000 tkr/år" under "Annat av vikt" is another party's money, not a budget item
    assert all("tkr" not in i.total for i in b.items)
    assert b.unread == []


def test_category_mapping_is_fuzzy_but_not_loose():
    rules = FINSAM.budget
    assert match_category("Personal (1,025)", rules) == "Personal"
    assert match_category("Lokaler, Torsten + Pildammsvägen 50% (1,020)", rules) == "Lokaler"
    assert match_category("Personalkostnader", rules) == "Personal"  # alias in the form
    assert match_category("Externa tjänster, såsom handledning", rules) == "Externa tjänster"
    assert match_category("Övrigt", rules) == "Övriga kostnader"
    assert match_category("Exerna tjänster", rules) == "Externa tjänster"  # a typo
    assert match_category("OH-kostnader", rules) is None
    assert match_category("Sektionschef", rules) is None
    assert match_category("Personal", BURLOV.budget) == "Personalkostnader"
    assert match_category("Externa tjänster", BURLOV.budget) is None


def test_one_cell_per_line_with_nbsp_and_empty_cells():
    text = "\n".join(
        [
            "\t",
            "\tÅr 2026",
            "\tÅr 2027",
            "\tTotalt",
            "",
            "\tPersonal",
            "\t1\u00a0000\u00a0000",
            "\t500 000",
            "\t1 500 000",
            "",
            "\tLokaler",
            "\t",
            "\t",
            "\t",
            "",
            "\tTotalt",
            "\t1 000 000",
            "\t500 000",
            "\t1 500 000",
        ]
    )
    b = parse_budget_text(text, FINSAM)
    assert b.compiled == {"Personal": {2026: "1 000 000", 2027: "500 000"}}
    assert b.stated.rows == {"Personal": "1 500 000"}
    assert b.stated.years == {2026: "1 000 000", 2027: "500 000"} and b.stated.grand == "1 500 000"


def test_unit_row_in_tkr_scales_the_cells():
    text = "Resurser\tÅr 2026\tÅr 2027\n\ttkr\ttkr\nPersonal\t550\t800\nSumma\t550\t800"
    b = parse_budget_text(text, FINSAM)
    assert b.value("Personal", 2026) == D("550 000")
    assert b.row_total("Personal") == D("1 350 000")


def test_html_debris_and_a_bad_cell_are_kept_for_the_checks():
    text = "<p>Sammanställd budget</p>\tÅr 2026\tÅr 2027\n<p>Personal</p>\t12a\t100 000"
    b = parse_budget_text(text, FINSAM)
    assert b.cell("Personal", 2026) == "12a"  # kept as typed, so the check can name the cell
    errors = b.bad_cells()
    assert len(errors) == 1 and errors[0].message("sv").startswith("budget, Personal, år 2026")


def test_what_cannot_be_placed_is_reported():
    text = "\n".join(
        [
            "Personal\t100 000\t200 000",  # a row before any header with years
            "Sammanställd budget\tÅr 2026\tÅr 2027",
            "Resor till Rom\t5 000\t5 000",  # no such category in a compiled table
            "Personal\t100 000\t100 000",
            "Personal\t1\t1",  # the same category twice
        ]
    )
    b = parse_budget_text(text, FINSAM)
    assert b.compiled == {"Personal": {2026: "100 000", 2027: "100 000"}}
    assert len(b.unread) == 3
    assert "rad 1" in b.unread[0] and "utan rubrikrad" in b.unread[0]
    assert "Resor till Rom" in b.unread[1] and "budgetkategori" in b.unread[1]
    assert "två gånger" in b.unread[2]


def test_prose_item_without_category_is_reported_and_total_goes_to_stated():
    text = "Studiebesök: 20 000 kr\n\nPersonal:\nProjektledare 1,0: 600 000 kr\nTotal kostnad 650 000 kr"
    b = parse_budget_text(text, FINSAM)
    assert [(i.category, i.text, i.total) for i in b.items] == [("Personal", "Projektledare 1,0", "600 000 kr")]
    assert b.stated.grand == "650 000 kr"
    assert len(b.unread) == 1 and "Studiebesök" in b.unread[0]


def test_two_different_printed_grand_totals_are_both_kept():
    text = (
        "Personal:\nProjektledare: 600 000 kr\nTotal kostnad 650 000 kr\n\n"
        "Sammanställd budget\tÅr 2026\tTotalt\nPersonal\t600 000\t600 000\nTotalt\t600 000\t600 000"
    )
    b = parse_budget_text(text, FINSAM)
    assert b.stated.grand == "600 000"  # the compiled table's
    assert b.stated.subtotals[DETAILED_GRAND] == {"total": "650 000 kr"}  # the prose one, for the detailed part


def test_a_long_unread_report_is_shortened_and_says_how_much():
    b = parse_budget_text("\n".join(f"Resa {i}: {i} 000 kr" for i in range(1, 61)), FINSAM)
    assert len(b.unread) == 40 and b.unread[-1] == "… och 21 rader till som inte kunde läsas"


def test_oversized_text_is_cut_and_said():
    b = parse_budget_text("x" * 250_000, FINSAM)
    assert b.unread and "längre än" in b.unread[0]
    b = parse_budget_text("Personal: 1 kr\n" * 6_000, FINSAM)
    assert "fler än 5000 rader" in b.unread[0] and len(b.items) == 5_000


@needs_sources
def test_budget_report_lines():
    lines = budget_report(parse_budget_text(budget_section("000"), FINSAM))
    assert lines[0].startswith("sammanställd budget: 3 kategorier × 3 år (2017–2019), totalt 3\u00a0200\u00a0000 kr")
    assert lines[1] == "detaljerad budget: 5 poster, totalt 3\u00a0154\u00a0860 kr"
    english = budget_report(parse_budget_text("Personal\t1\t2", FINSAM), "en")
    assert english[0] == "no budget could be read" and english[1].startswith("not read: ")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CELLS = st.sampled_from(
    [
        "Personal",
        "Lokaler:",
        "Totalt",
        "SUMMA",
        "År 2026",
        "2027",
        "1 000",
        "12a",
        "-5 000",
        "kr",
        "",
        "Total kostnad 3 kr",
        "=SUM(A1)",
        "<p>",
        "~(1,4 mkr)",
        "x" * 70,
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=6), max_size=25), st.sampled_from(["\t", "\n\t"]))
def test_any_messy_text_gives_a_budget_never_a_crash(rows, joiner):
    text = "\n".join(joiner.join(row) for row in rows)
    budget = parse_budget_text(text, FINSAM)
    assert set(budget.compiled) <= set(FINSAM.budget.categories)
    assert all(i.category in FINSAM.budget.categories for i in budget.items)
    assert all("Totalt" not in c and "SUMMA" not in c for c in budget.compiled)
    budget_report(budget)


def test_control_codes_in_cells_do_not_reach_the_report():
    b = parse_budget_text("Resor\x1b[31m till Rom: 5 000 kr", FINSAM)
    assert b.unread and all(line.isprintable() for line in b.unread)
