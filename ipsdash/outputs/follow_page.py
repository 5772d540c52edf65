"""The published copy's follow page: a static page that follows the presenter with no Python session.

follow.html holds every slide of the talk (title, takeaway, figure, complete source line, text
alternative) and polls one small file, `follow/NAME.json` beside it, once a second: the follow state the
presenter's app writes (ipsdash.outputs.follow). nginx serves that file from the presenter's data folder
(deploy/nginx.conf.template), or the app also writes it into the published folder (IPSDASH_FOLLOW_COPY)
for any static server. A thousand phones cost a thousand small file requests a second and nothing else.
The page only reads: its Previous and Next move this phone alone, and "Back to the presenter" returns
it to the presenter's slide.
"""

from __future__ import annotations

import html
import json

import plotly.io as pio

from ipsdash import i18n
from ipsdash.i18n import _
from ipsdash.outputs.talk_html import CONFIG, geometry_of, page_html, source_parts, untranslated_marker
from ipsdash.outputs.talk_track import RenderedSlide

FOLLOW_PAGE = "follow.html"
POLL_MS = 1000
BODY = """<p class='counter' id='status' role='status' aria-live='polite'>{waiting}</p>
<section aria-labelledby='title' style='min-height:auto'>
<h1 id='title'></h1><p class='takeaway' id='takeaway'></p>
<figure><div id='chart' style='height:60vh;min-height:320px'></div>
<figcaption id='alt' class='alt'></figcaption></figure>
<p class='source' id='source'></p></section>
<nav class='follow'><button type='button' id='previous'>{previous}</button>
<button type='button' id='back' hidden>{back}</button>
<button type='button' id='next'>{next}</button> <a id='whole' href='talk.html'>{whole}</a></nav>
"""
STYLE = """<style>nav.follow{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:1rem 0}
nav.follow button{min-height:44px;min-width:44px;font-size:1rem;padding:.4rem .9rem;border:1px solid #8a94a3;
border-radius:6px;background:#fff;color:#101418} nav.follow button:focus-visible{outline:3px solid #0b4f8a}
#status{float:none} .alt{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}</style>"""
# WORDS (the page's messages, in its language) fill {slide} and {count} with say(); a slide's text shown in
# English for want of a translation gets lang='en' and the untranslated tag, as in the offline talk.
SCRIPT = """
const slides = JSON.parse(document.getElementById('slides').textContent);
const STATE = 'follow/' + encodeURIComponent(TALK) + '.json';
const $ = id => document.getElementById(id);
const words = (key, values = {}) =>
  WORDS[key].replace(/\\{(\\w+)\\}/g, (all, name) => name in values ? values[name] : all);
let shown = 0, presenter = 0, following = true, seq = null, live = false;
function put(id, text, english) {
  const element = $(id);
  element.textContent = text;
  if (!english) { element.removeAttribute('lang'); return; }
  const mark = document.createElement('small');
  mark.className = 'untranslated'; mark.lang = document.documentElement.lang; mark.textContent = WORDS.untranslated;
  element.lang = 'en'; element.append(' ', mark);
}
function show(n) {
  n = Math.max(1, Math.min(slides.length, n));
  const s = slides[n - 1];
  put('title', s.title, s.english.includes('title')); put('takeaway', s.takeaway, s.english.includes('takeaway'));
  $('source').textContent = s.sources ? s.sources[0] : s.source;
  if (s.sources) {  // the source titles: data, in English
    const titles = document.createElement('span');
    titles.lang = 'en'; titles.textContent = s.sources[1]; $('source').append(titles);
  }
  $('alt').textContent = s.alt;
  $('whole').href = 'talk.html#slide-' + n;
  $('chart').hidden = !s.figure;
  if (s.figure) {
    const figure = JSON.parse(s.figure);
    Plotly.react($('chart'), {data: figure.data, layout: {...figure.layout, height: undefined, autosize: true},
                              frames: figure.frames || [], config: CONFIG});
  }
  shown = n; document.body.dataset.slide = n;
  $('back').hidden = following || !live;
}
function say(text) { $('status').textContent = text; }
function valid(s) {
  return s && s.talk === TALK && Number.isInteger(s.seq) && Number.isInteger(s.slide) && s.slide >= 1
    && s.slide <= slides.length && typeof s.following === 'boolean';
}
async function poll() {
  try {
    const response = await fetch(STATE, {cache: 'no-store'});
    if (!response.ok) { say(words('waiting')); return; }
    const state = await response.json();
    if (!valid(state) || state.seq === seq) return;
    if (state.following && !live) following = true;  // a session began (again): follow it
    seq = state.seq; presenter = state.slide; live = state.following;
    if (!live) { following = false; say(words('ended')); }
    else say(following ? words('following', {slide: presenter, count: slides.length})
                       : words('exploring', {slide: presenter}));
    if (following || !shown) show(following ? presenter : shown || presenter); else $('back').hidden = !live;
  } catch (err) { say(words('unreachable')); }
}
function explore(step) {
  following = false; show((shown || 1) + step);
  if (live) say(words('exploring', {slide: presenter}));
}
$('previous').onclick = () => explore(-1);
$('next').onclick = () => explore(1);
$('back').onclick = () => {
  following = true; show(presenter); say(words('following', {slide: presenter, count: slides.length}));
};
show(1); poll(); setInterval(poll, POLL_MS);
"""


def _words() -> dict[str, str]:
    """What the page's script says, in the language in use ({slide} and {count} filled in by the script)."""
    return {
        "waiting": _("Waiting for the presenter…"),
        "ended": _("The presenter has ended the talk. You stay on this slide."),
        "following": _("Following the presenter · slide {slide} / {count}"),
        "exploring": _("Exploring on your own · the presenter is on slide {slide}"),
        "unreachable": _("Cannot reach the presenter just now; trying again…"),
        "untranslated": untranslated_marker(),
    }


def _body() -> str:
    """The page's frame (the script fills in each slide), its words escaped."""
    words = {
        "waiting": _("Waiting for the presenter…"),
        # TRANSLATORS: a button: show this phone the previous slide.
        "previous": _("‹ Previous"),
        "back": _("Back to the presenter"),
        # TRANSLATORS: a button: show this phone the next slide.
        "next": _("Next ›"),
        "whole": _("The whole talk"),
    }
    return BODY.format(**{key: html.escape(text) for key, text in words.items()})


def _slide_json(slide: RenderedSlide) -> dict:
    words, names = source_parts(slide.source_line, slide.cited)
    return {
        "title": slide.title,
        "takeaway": slide.takeaway,
        "source": slide.source_line,
        "sources": [words, names] if names else None,  # the source titles apart, to be marked lang='en'
        "alt": slide.view.alt,
        "figure": pio.to_json(slide.view.figure) if slide.view.figure is not None else None,
        "english": [field for field in slide.in_english if i18n.current() != i18n.DEFAULT],
    }


def follow_html(name: str, title: str, slides: list[RenderedSlide], plotly_src: str | None = None) -> bytes:
    """The follow page of talk `name`: every slide, shown one at a time as the presenter's state says."""
    data = json.dumps([_slide_json(s) for s in slides]).replace("</", "<\\/")  # no early </script>
    words = json.dumps(_words()).replace("</", "<\\/")
    settings = (
        f"const TALK = {json.dumps(name)}; const CONFIG = {json.dumps(CONFIG)}; const POLL_MS = {POLL_MS};"
        f" const WORDS = {words};"
    )
    body = f"{STYLE}{_body()}<script type='application/json' id='slides'>{data}</script>"
    page_title = _("Follow: {title}").format(title=title)
    return page_html(page_title, body, plotly_src, settings + SCRIPT, geometry_of(*(s.view.figure for s in slides)))
