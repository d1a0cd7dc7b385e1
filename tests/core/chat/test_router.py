"""The router: intent, heading, direction and topic of a chat line."""

from __future__ import annotations

import pytest

from assistant.core.chat import Intent, route
from assistant.core.chat.router import MIN_SCORE
from assistant.core.model.forms import load_form


@pytest.fixture(scope="module")
def form():
    return load_form("finsam-malmo")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("vad saknas?", Intent.MISSING),
        ("hur många sidor har jag kvar?", Intent.PAGES),
        ("vad vill förbundet ha under målgrupp?", Intent.GUIDANCE),
        ("stämmer budgeten?", Intent.BUDGET),
        ("visa exempel på uppföljning", Intent.EXAMPLES),
        ("gå till tidsplanen", Intent.NAVIGATE),
        ("vad betyder felet om Tidsplan?", Intent.EXPLAIN),
        ("hur kan jag korta texten?", Intent.SHORTEN),
        ("vad kan du göra?", Intent.HELP),
        ("samverkan psykiatrin IPS", Intent.SEARCH),
        ("What is missing?", Intent.MISSING),
        ("How many pages do I have left?", Intent.PAGES),
        ("What should I write under background?", Intent.GUIDANCE),
        ("Are there any errors in the budget?", Intent.BUDGET),
        ("How do I fix the error in the budget?", Intent.EXPLAIN),
    ],
)
def test_intents(form, text, intent):
    assert route(text, form).intent is intent


@pytest.mark.parametrize(
    "text",
    [
        "vad tycker du om fotboll?",
        "Hur många invånare har Trelleborg?",  # "hur många" alone is not about pages
        "Hur mycket tjänar en projektledare i kommunen?",  # nor "hur mycket" about the budget
        "När är nästa styrelsemöte?",  # "nästa" before a word of its own is not a move
        "What do you think about football?",
        "Who will win the election?",
    ],
)
def test_off_topic_is_unknown(form, text):
    routed = route(text, form)
    assert routed.intent is Intent.UNKNOWN
    answering = {k: v for k, v in routed.scores.items() if k != Intent.UNKNOWN}
    assert max(answering.values()) < MIN_SCORE or routed.scores[Intent.UNKNOWN] >= max(answering.values())


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("Riktlinjer för 3.5", "aktiviteter"),
        ("vad ska stå under rubrik 4?", "uppfoljning"),
        ("vad vill förbundet ha i bakgrunden", "bakgrund"),  # inflected
        ("vad vill forbundet ha under malgruppen", "malgrupp"),  # no diacritics
        ("Är meningarna för långa i målgruppsavsnittet?", "malgrupp"),  # in a compound
        ("vilka är deltagarna?", "malgrupp"),  # the chat room's own name for it
        ("Vad menas med effektmålen?", "mal"),
        ("Hur har andra skrivit om bemanning?", "organisering"),  # another form's name for the key
        ("Gå till underskriftssidan", "underskrift"),
    ],
)
def test_headings_are_found_by_number_name_and_inflection(form, text, section):
    assert route(text, form).section == section


def test_numbers_that_are_not_headings(form):
    assert route("är jag över 7 sidor?", form).section is None
    assert route("hur mycket går till personal 2027?", form).section is None


def test_a_named_heading_beats_a_direction(form):
    routed = route("Tillbaka till bakgrunden", form)
    assert (routed.intent, routed.section, routed.direction) == (Intent.NAVIGATE, "bakgrund", None)


@pytest.mark.parametrize(
    ("text", "direction"), [("nästa", "next"), ("förra", "prev"), ("tillbaka ett steg", "prev"), ("next", "next")]
)
def test_directions(form, text, direction):
    routed = route(text, form)
    assert (routed.intent, routed.direction) == (Intent.NAVIGATE, direction)


def test_the_topic_of_an_examples_question(form):
    assert route("Visa exempel på motiverande samtal", form).topic == "motiverande samtal"
    assert route("Kan jag få se exempel på hur man beskriver en styrgrupp?", form).topic == "styrgrupp"


def test_the_form_budget_categories_speak_of_the_budget(form):
    assert route("Hur mycket går till personal 2027?", form).intent is Intent.BUDGET
    assert route("Hur mycket går till personal 2027?").intent is Intent.UNKNOWN  # no form, no categories


def test_confidence_grows_with_the_lead(form):
    clear = route("vad saknas? vilka rubriker är tomma?", form)
    close = route("Hur lång är budgeten?", form)  # pages or budget
    assert 0 < close.confidence < clear.confidence <= 1


def test_a_search_is_routed_as_a_search_with_its_words(form):
    routed = route("sök samverkan psykiatrin", form)
    assert (routed.intent, routed.topic) == (Intent.SEARCH, "samverkan psykiatrin")


def test_a_compound_of_one_of_the_assistants_words_and_a_foreign_one_is_off_topic() -> None:
    form = load_form("finsam-malmo")
    assert route("är budgetpropositionen klar?", form).intent is Intent.UNKNOWN
    assert route("budgetstatus", form).intent is Intent.BUDGET  # both parts are the assistant's
    assert route("Hur nära sidgränsen ligger jag?", form).intent is Intent.PAGES  # an ending, not a word


@pytest.mark.parametrize(
    ("text", "intent", "section"),
    [
        # A compound none of the lists knows whole is read through its parts.
        ("Ge mig sidantalet och sidräkningen", Intent.PAGES, None),
        ("Överskrider vi maxbeloppet för lokalerna?", Intent.BUDGET, None),
        ("några exempel på målformuleringar?", Intent.EXAMPLES, "mal"),
        # A first part before a topic word names no heading: a benefit, not the activities.
        ("visa exempel om aktivitetsersättningen", Intent.EXAMPLES, None),
    ],
)
def test_compounds(form, text, intent, section):
    routed = route(text, form)
    assert (routed.intent, routed.section) == (intent, section)


def test_a_heading_found_through_its_guidance(form):
    # "referensgrupp" is in Organisering's guidance and no other heading's.
    routed = route("Har någon beskrivit en referensgrupp bra? Visa exempel", form)
    assert (routed.intent, routed.section) == (Intent.EXAMPLES, "organisering")
    routed = route("Vad ska jag skriva om referensgruppen?", form)
    assert (routed.intent, routed.section) == (Intent.GUIDANCE, "organisering")
    # A word two headings' guidance use points at neither.
    assert route("visa exempel på samverkan", form).section is None


@pytest.mark.parametrize(
    "text",
    [
        "Kommer vi att få ja från styrelsen?",
        "Tycker styrelsen om vår tidsplan?",  # a heading named, but a judgement no data holds
        "Will the committee like our budget?",
        "Gillar du min bakgrund?",
    ],
)
def test_what_no_data_answers_is_unknown(form, text):
    assert route(text, form).intent is Intent.UNKNOWN


def test_explaining_a_heading_word_is_its_guidance_and_an_error_is_explained(form):
    assert route("Förklara vad de menar med effektmål", form).intent is Intent.GUIDANCE
    assert route("Förklara felet under effektmål", form).intent is Intent.EXPLAIN
    assert route("Vad betyder utropstecknet vid Tidsplan?", form).intent is Intent.EXPLAIN


def test_a_heading_named_keeps_a_weak_question_about_the_application(form):
    # "peka ut" is no word of the forms, but the line names a heading: about the application.
    assert route("Kan du peka ut tunga stycken i målgruppen?", form).intent is Intent.SHORTEN


def test_spoken_forms_and_work_on_a_heading(form):
    assert route("har jag missat nåt", form).intent is Intent.MISSING
    routed = route("nu vill jag jobba med tidsplanen", form)
    assert (routed.intent, routed.section) == (Intent.NAVIGATE, "tidsplan")
    assert route("Hur gör jag en pdf av ansökan?", form).intent is Intent.HELP


def test_a_word_with_its_marks_is_no_stopword_without_them(form):
    # "år" is not "är": "nästa år" is a year, not a move to the next heading.
    assert route("Får förbundet mindre pengar nästa år?", form).intent is not Intent.NAVIGATE
    assert route("Har någon skrivit bra om arbetsträning?", form).intent is Intent.EXAMPLES


def test_spoken_forms_are_read_as_written_and_help_beside_a_request_is_that_request(form):
    assert route("hur mkt kostar lokalerna?", form).intent is Intent.BUDGET  # "hur mycket"
    assert route("Tidsplanen är krånglig, hjälp mig", form).intent is Intent.SHORTEN
    assert route("hjälp", form).intent is Intent.HELP
    assert route("vad kan jag göra här?", form).intent is Intent.HELP


@pytest.mark.parametrize(
    "text",
    [
        "Hur stor är Malmö stads budget för 2025?",  # a name of its own, the writer's "vi" nowhere
        "Vad är Region Skånes totala budget?",
        "Hur mycket har Trelleborg i budget för socialtjänsten?",
        "Vad har kommunen för budget nästa år?",
        "How much money does the government spend on defence?",
        "Hur många sidor ska en uppsats ha?",  # anyone's pages, not the draft's
        "Hur långt är ett maraton?",
        "Vilken budget hade förra årets melodifestival?",  # a bare "budget" names no heading
        "Kan du fixa skrivaren?",  # fixing, with no error or heading to fix
        "Vad är Finsams totala budget för 2026?",  # the funder's own budget is not the draft's
        "Hur många deltagare hade FRAM?",  # a heading's word about another project
    ],
)
def test_someone_elses_budget_or_pages_is_unknown(form, text):
    assert route(text, form).intent is Intent.UNKNOWN


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Hur mycket söker vi från Finsam?", Intent.BUDGET),  # the funder's name, and "vi"
        ("Hur mycket går till Lokaler 2026?", Intent.BUDGET),  # a budget category
        ("Does the budget add up?", Intent.BUDGET),
        ("Hur många sidor får ansökan vara enligt Finsam?", Intent.PAGES),
        ("blir det mer än sju sidor", Intent.PAGES),  # "än" is no article
        ("How many pages do I have left?", Intent.PAGES),
    ],
)
def test_the_writers_own_budget_and_pages_still_answer(form, text, intent):
    assert route(text, form).intent is intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("vad e kvar att göra", Intent.MISSING),  # "e" as spoken for "är"
        ("e budgeten rätt?", Intent.BUDGET),
        ("hur många sidor e det nu", Intent.PAGES),
        ("bakgrunden är för lång, hjälp", Intent.SHORTEN),  # a heading too long is shortened …
        ("The background is too long", Intent.SHORTEN),
        ("är ansökan för lång?", Intent.PAGES),  # … the whole application's length is pages
        ("Vad menas med att sammanfattningen är för lång?", Intent.EXPLAIN),
        ("Is my application too long?", Intent.PAGES),
        ("what's wrong with the goals section?", Intent.EXPLAIN),  # "wrong" is an error word
    ],
)
def test_spoken_e_and_too_long(form, text, intent):
    assert route(text, form).intent is intent


def test_e_of_e_post_stays_a_word():
    from assistant.core.chat.analysis import analyse

    assert [t.raw for t in analyse("skicka e-post till förbundet").tokens][:2] == ["skicka", "e"]


def test_writing_under_a_heading_signs_nothing_and_the_budgets_contents_are_guidance(form):
    routed = route("Vad ska jag skriva under aktivitetsplanen?", form)
    assert (routed.intent, routed.section) == (Intent.GUIDANCE, "aktiviteter")
    assert route("Vem ska skriva under?", form).section == "underskrift"
    routed = route("Vad ska budgeten innehålla?", form)
    assert (routed.intent, routed.section) == (Intent.GUIDANCE, "budget")
    assert route("stämmer budgeten?", form).intent is Intent.BUDGET


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # The funder's own money and people are its affairs …
        ("Har förbundet pengar kvar i år?", Intent.UNKNOWN),
        ("Hur stor budget har förbundet i år?", Intent.UNKNOWN),
        ("Vem är kontaktperson på förbundet?", Intent.UNKNOWN),
        ("How much funding does the association have this year?", Intent.UNKNOWN),
        ("Hur många sidor brukar andra ansökningar vara?", Intent.UNKNOWN),  # a figure, not an example
        # … its cap and rules are the form's, and the writer's own questions stay theirs.
        ("Vad har förbundet för tak?", Intent.BUDGET),
        ("Hur mycket kan vi söka hos förbundet?", Intent.BUDGET),
        ("Har förbundet något krav på sidantal?", Intent.PAGES),
        ("Vad har förbundet för krav på målgruppen?", Intent.GUIDANCE),
        ("Hur mycket får man söka från Finsam?", Intent.BUDGET),
    ],
)
def test_the_funders_own_affairs_and_its_rules(form, text, intent):
    assert route(text, form).intent is intent


def test_an_error_of_another_world_is_unknown_but_a_named_finding_is_explained(form):
    assert route("Vad är fel på min cykel?", form).intent is Intent.UNKNOWN
    assert route("Vad betyder utropstecken i schack?", form).intent is Intent.UNKNOWN
    assert route("Hur fixar jag felet om personnumret?", form).intent is Intent.EXPLAIN
    assert route("varför står det att e-postadressen saknas?", form).intent is Intent.EXPLAIN


def test_help_with_another_program_is_unknown(form):
    assert route("Hur ångrar jag ett mejl i Outlook?", form).intent is Intent.UNKNOWN
    assert route("Hur exporterar jag budgeten till Excel?", form).intent is Intent.HELP  # the budget's .xlsx
    assert route("Hur öppnar jag Inskickning?", form).intent is Intent.HELP
