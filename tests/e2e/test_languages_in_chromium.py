"""In Dutch, Spanish and Italian every page speaks the language: no English message of ours on screen (in
the page, the charts' SVG, labels read out by screen readers), `<html lang>` set, axe-core finding nothing
serious and a phone's screen still fitting the longer words, `?lang=` kept while moving around, and numbers
written the language's way on the charts."""

from __future__ import annotations

import re

import pytest

from tests import harness
from tests.e2e import checks

pytestmark = pytest.mark.browser

LANGUAGES = ("nl", "es", "it")
PAGES = {  # path: charts drawn
    "/": 0,
    "/map": 1,
    "/map?view=us&area=US-NH": 2,
    "/growth": 1,
    "/growth?tab=Learning+community+vs+outside": 1,
    "/outcomes": 2,
    "/fidelity": 1,
    "/sources": 0,
    "/present": 1,
}
# Words that are the same in the language, or names: never a sign of an untranslated page.
ALLOWED = {"IPS", "ipsdash", "CSV", "PNG", "SVG", "PDF", "GIF", "MP4", "QR", "OK"}
# The name of the Home key, which Streamlit writes beside a button that has it as its keyboard shortcut.
ALLOWED |= {"Home"}

# Every text a person can meet: visible text nodes (HTML and SVG alike), and the names and hints that
# screen readers and tooltips give (aria-label, title, placeholder, alt).
TEXTS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script,style,noscript,[aria-hidden="true"]')) continue;
    if (!(el.closest('svg') || el).checkVisibility({visibilityProperty: true})) continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = (el.getAttribute(name) || '').trim();
      if (value) out.push(value);
    }
  }
  return out;
}"""


def _english_messages(lang: str) -> list[re.Pattern]:
    """Our English messages that the catalog says differently in `lang`, as patterns for a whole text
    (a placeholder stands for any text)."""
    from babel.messages.pofile import read_po

    from ipsdash.i18n import catalogs

    with catalogs.po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    patterns = []
    for entry in catalog:
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for msgid in ids:
            if not msgid or msgid in strings or msgid in ALLOWED or not re.search(r"[A-Za-z]{2}", msgid):
                continue
            parts = re.split(r"\{[^{}]*\}", msgid)
            if len(parts) > 1 and not re.search(r"[A-Za-z]{3}", "".join(parts)):  # "{a} of {b}": too little
                continue  # English of its own to tell it from another language ("2015 of later" is Dutch)
            patterns.append(re.compile(r"\s*" + ".+?".join(re.escape(p) for p in parts) + r"\s*", re.S))
    return patterns


@pytest.fixture(scope="module")
def english():
    return {lang: _english_messages(lang) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def data_words(real_store) -> list[str]:
    """What the store says in the language it was written in: source names and citations, where in a source,
    notes, programme names (data, shown as written; not our messages)."""
    rows = real_store.execute(
        "SELECT DISTINCT w FROM (SELECT short AS w FROM sources UNION SELECT citation FROM sources "
        "UNION SELECT locator FROM observations UNION SELECT note FROM observations "
        "UNION SELECT name FROM programmes) WHERE length(w) >= 4"
    ).fetchall()
    return sorted((r[0] for r in rows), key=len, reverse=True)


def _english_on(page, patterns: list[re.Pattern], data: list[str] = ()) -> list[str]:
    """Our English messages on the page (a text that quotes the store's own words is data, not ours)."""
    texts = set(page.evaluate(TEXTS_JS))
    return sorted(
        t for t in texts if t not in ALLOWED and any(p.fullmatch(t) for p in patterns) and not any(w in t for w in data)
    )


# Tall windows, so that what lies below the fold is in view and axe can measure its colours too.
DESKTOP, PHONE = (1280, 1600), (390, 1600)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_speaks_the_language_and_still_fits(open_page, english, data_words, lang, path):
    """On a desktop and then (the same page) a phone: no English message of ours, nothing serious for
    axe-core, and on the phone the longer words fit (no sideways scrolling, no chart's words cut)."""
    joiner = "&" if "?" in path else "?"
    page, watch = open_page(f"{path}{joiner}lang={lang}", DESKTOP, PAGES[path])
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator('[data-testid="stException"]').count() == 0
    assert _english_on(page, english[lang], data_words) == []
    assert checks.axe_serious(page) == [], f"{path} in {lang} at {DESKTOP}"
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    page.wait_for_function(harness.CHARTS_FIT)
    harness.wait_until_drawn(page, charts=PAGES[path])
    assert checks.misfits(page, PAGES[path]) == [], f"{path} in {lang} at {PHONE}"
    assert checks.axe_serious(page) == [], f"{path} in {lang} at {PHONE}"
    assert watch.blocked == []


def test_the_language_stays_while_moving_around(open_page, english, data_words):
    page, _ = open_page("/map?lang=nl", (1280, 720), charts=1)
    page.get_by_role("link", name="Groei", exact=True).first.click()
    page.wait_for_function("() => location.pathname === '/growth' && location.search.includes('lang=nl')")
    harness.wait_until_drawn(page, charts=1)
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert _english_on(page, english["nl"], data_words) == []


def test_the_picker_changes_the_language_and_the_link_and_keeps_the_session(browser, served):
    from ipsdash import i18n
    from tests.e2e.conftest import PASSWORD

    base, _ = served
    page, watch = harness.open_page(browser, (1280, 720))
    try:
        page.goto(base + "/import")
        harness.wait_until_drawn(page)
        page.get_by_label("Admin password").fill(PASSWORD)
        page.get_by_role("button", name="Unlock").click()
        page.get_by_text("Unlocked with the admin password").wait_for()
        assert page.evaluate("document.documentElement.lang") == "en"
        page.evaluate("window.__samePage = true")  # gone if the picker reloaded the page
        page.get_by_role("combobox", name=re.compile("Language")).select_option("it")
        page.wait_for_function("() => location.search.includes('lang=it') && document.documentElement.lang === 'it'")
        harness.wait_until_drawn(page)
        assert page.evaluate("window.__samePage") is True
        unlocked = (
            "Unlocked with the admin password: the offline fallback for a laptop with no identity provider. "
            "You see every programme."
        )
        with i18n.using("it"):  # the admin door is still open: the session stayed, in Italian
            page.get_by_text(i18n._(unlocked)[:40], exact=False).first.wait_for()
        assert page.get_by_role("link", name="Crescita", exact=True).first.is_visible()
        assert page.get_by_role("combobox", name=re.compile("Language")).input_value() == "it"
        assert watch.blocked == []
    finally:
        page.context.close()


def test_the_browser_language_is_the_default(browser, base_url):
    context = browser.new_context(locale="es-ES", viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        harness.wait_until_drawn(page)
        page.wait_for_function("() => document.documentElement.lang === 'es'")
    finally:
        context.close()


def test_a_bad_lang_in_the_link_says_so_and_shows_english(open_page):
    page, _ = open_page("/?lang=klingon")
    assert page.get_by_text("The link's lang = 'klingon' is not one of en, nl, es, it; ignored.").is_visible()
    assert page.evaluate("document.documentElement.lang") == "en"


# The hover text of every point, as the browser holds it (Plotly's d3 formats use the layout's separators).
HOVER_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => gd.data.flatMap(trace =>
  [trace.customdata, trace.hovertext, trace.text].flat(3).filter(v => typeof v === 'string')))"""


@pytest.mark.parametrize(("lang", "separators", "rate"), [("nl", ",.", r"\d+,\d+%"), ("en", ".,", r"\d+\.\d+%")])
def test_charts_write_numbers_the_language_s_way(open_page, lang, separators, rate):
    page, _ = open_page(f"/outcomes?lang={lang}", (1280, 720), charts=2)
    found = page.evaluate("[...document.querySelectorAll('.js-plotly-plot')].map(gd => gd._fullLayout.separators)")
    assert set(found) == {separators}
    hover = page.evaluate(HOVER_JS)
    assert any(re.search(rate, text) for text in hover), hover[:5]
    other = r"\d+\.\d+%" if lang == "nl" else r"\d+,\d+%"
    assert not any(re.search(other, text) for text in hover)
    ticks = page.locator(".js-plotly-plot .ytick text").evaluate_all("els => els.map(e => e.textContent)")
    assert ticks and all(re.fullmatch(r"[\d.,%\s−-]+", t) for t in ticks)


@pytest.mark.parametrize(("lang", "half"), [("nl", "0,5"), ("it", "0,5"), ("en", "0.5")])
def test_axis_ticks_use_the_language_s_decimal_mark(open_page, lang, half):
    page, _ = open_page(f"/growth?geo=NLD&geo=USA&mode=per_million&lang={lang}", (1280, 720), charts=1)
    ticks = page.locator(".js-plotly-plot .ytick text").evaluate_all("els => els.map(e => e.textContent)")
    assert half in ticks, ticks


@pytest.mark.parametrize("lang", ["nl", "es"])
@pytest.mark.parametrize(("path", "charts"), [("/reports", 6), ("/import", 0)])
def test_the_lead_pages_speak_the_language_too(browser, served, english, data_words, lang, path, charts):
    """Import and Reports, behind the offline admin door: their words, and the file uploader's (Streamlit's
    own), in the language."""
    from ipsdash import i18n
    from tests.e2e.conftest import PASSWORD

    base, _ = served
    page, watch = harness.open_page(browser, (1280, 900))
    try:
        page.goto(f"{base}{path}?lang={lang}")
        harness.wait_until_drawn(page)
        with i18n.using(lang):
            page.get_by_label(i18n._("Admin password")).fill(PASSWORD)
            page.get_by_role("button", name=i18n._("Unlock")).click()
        harness.wait_until_drawn(page, charts=charts)
        if path == "/import":
            page.locator('[data-testid="stFileUploaderDropzoneInstructions"]').first.wait_for()
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator('[data-testid="stException"]').count() == 0
        assert _english_on(page, english[lang], data_words) == []
        assert watch.blocked == []
    finally:
        page.context.close()
