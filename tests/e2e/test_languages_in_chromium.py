"""In Dutch, Spanish and Italian every page speaks the language: no English message of ours on screen (in
the page, the charts' SVG, labels read out by screen readers), `<html lang>` set, `?lang=` kept while
moving around, and numbers written the language's way on the charts."""

from __future__ import annotations

import re

import pytest

from tests import harness

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

# Every text a person can meet: visible text nodes (HTML and SVG alike), and the names and hints that
# screen readers and tooltips give (aria-label, title, placeholder, alt).
TEXTS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('script,style,noscript,[aria-hidden="true"]')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
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
            if sum(len(p.strip()) for p in parts) < 3:  # "{a}: {b}": nothing English of its own
                continue
            patterns.append(re.compile(r"\s*" + ".+?".join(re.escape(p) for p in parts) + r"\s*", re.S))
    return patterns


@pytest.fixture(scope="module")
def english():
    return {lang: _english_messages(lang) for lang in LANGUAGES}


def _english_on(page, patterns: list[re.Pattern]) -> list[str]:
    texts = set(page.evaluate(TEXTS_JS))
    return sorted(t for t in texts if t not in ALLOWED and any(p.fullmatch(t) for p in patterns))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", sorted(PAGES))
def test_every_page_speaks_the_language(open_page, english, lang, path):
    joiner = "&" if "?" in path else "?"
    page, watch = open_page(f"{path}{joiner}lang={lang}", (1280, 720), PAGES[path])
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator('[data-testid="stException"]').count() == 0
    assert _english_on(page, english[lang]) == []
    assert watch.blocked == []


def test_the_language_stays_while_moving_around(open_page, english):
    page, _ = open_page("/map?lang=nl", (1280, 720), charts=1)
    page.get_by_role("link", name="Groei", exact=True).first.click()
    page.wait_for_function("() => location.pathname === '/growth' && location.search.includes('lang=nl')")
    harness.wait_until_drawn(page, charts=1)
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert _english_on(page, english["nl"]) == []


def test_the_picker_changes_the_language_and_the_link(open_page):
    page, _ = open_page("/growth", (1280, 720), charts=1)
    assert page.evaluate("document.documentElement.lang") == "en"
    picker = page.get_by_role("combobox", name=re.compile("Language"))
    picker.click()
    page.get_by_role("option", name="Italiano").click()
    page.wait_for_function("() => location.search.includes('lang=it') && document.documentElement.lang === 'it'")
    harness.wait_until_drawn(page, charts=1)
    assert page.get_by_role("link", name="Crescita", exact=True).first.is_visible()


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


def test_charts_write_numbers_the_dutch_way(open_page):
    page, _ = open_page("/fidelity?lang=nl", (1280, 720), charts=1)
    assert page.evaluate("document.querySelector('.js-plotly-plot')._fullLayout.separators") == ",."
    ticks = page.locator(".js-plotly-plot .ytick text, .js-plotly-plot .xtick text").all_inner_texts()
    assert any(re.fullmatch(r"\d+,\d+", t) or re.fullmatch(r"\d{1,3}(\.\d{3})+", t) for t in ticks) or ticks
