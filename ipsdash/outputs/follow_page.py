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

import json

import plotly.io as pio

from ipsdash.outputs.images import self_contained
from ipsdash.outputs.talk_html import CONFIG, has_map, page_html
from ipsdash.outputs.talk_track import RenderedSlide

FOLLOW_PAGE = "follow.html"
POLL_MS = 1000
BODY = """<p class='counter' id='status' role='status' aria-live='polite'>Waiting for the presenter…</p>
<section aria-labelledby='title' style='min-height:auto'>
<h1 id='title'></h1><p class='takeaway' id='takeaway'></p>
<figure><div id='chart' style='height:60vh;min-height:320px'></div>
<figcaption id='alt' class='alt'></figcaption></figure>
<p class='source' id='source'></p></section>
<nav class='follow'><button type='button' id='previous'>‹ Previous</button>
<button type='button' id='back' hidden>Back to the presenter</button>
<button type='button' id='next'>Next ›</button> <a id='whole' href='talk.html'>The whole talk</a></nav>
"""
STYLE = """<style>nav.follow{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:1rem 0}
nav.follow button{min-height:44px;min-width:44px;font-size:1rem;padding:.4rem .9rem;border:1px solid #8a94a3;
border-radius:6px;background:#fff;color:#101418} nav.follow button:focus-visible{outline:3px solid #0b4f8a}
#status{float:none} .alt{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}</style>"""
SCRIPT = """
const slides = JSON.parse(document.getElementById('slides').textContent);
const STATE = 'follow/' + encodeURIComponent(TALK) + '.json';
const $ = id => document.getElementById(id);
let shown = 0, presenter = 0, following = true, seq = null, live = false;
function show(n) {
  n = Math.max(1, Math.min(slides.length, n));
  const s = slides[n - 1];
  $('title').textContent = s.title; $('takeaway').textContent = s.takeaway; $('source').textContent = s.source;
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
    if (!response.ok) { say('Waiting for the presenter…'); return; }
    const state = await response.json();
    if (!valid(state) || state.seq === seq) return;
    if (state.following && !live) following = true;  // a session began (again): follow it
    seq = state.seq; presenter = state.slide; live = state.following;
    if (!live) { following = false; say('The presenter has ended the talk. You stay on this slide.'); }
    else say(following ? `Following the presenter · slide ${presenter} / ${slides.length}`
                       : `Exploring on your own · the presenter is on slide ${presenter}`);
    if (following || !shown) show(following ? presenter : shown || presenter); else $('back').hidden = !live;
  } catch (err) { say('Cannot reach the presenter just now; trying again…'); }
}
function explore(step) {
  following = false; show((shown || 1) + step);
  if (live) say(`Exploring on your own · the presenter is on slide ${presenter}`);
}
$('previous').onclick = () => explore(-1);
$('next').onclick = () => explore(1);
$('back').onclick = () => {
  following = true; show(presenter); say(`Following the presenter · slide ${presenter} / ${slides.length}`);
};
show(1); poll(); setInterval(poll, POLL_MS);
"""


def _slide_json(slide: RenderedSlide) -> dict:
    return {
        "title": slide.title,
        "takeaway": slide.takeaway,
        "source": slide.source_line,
        "alt": slide.view.alt,
        "figure": pio.to_json(self_contained(slide.view.figure)) if slide.view.figure is not None else None,
    }


def follow_html(name: str, title: str, slides: list[RenderedSlide], plotly_src: str | None = None) -> bytes:
    """The follow page of talk `name`: every slide, shown one at a time as the presenter's state says."""
    data = json.dumps([_slide_json(s) for s in slides]).replace("</", "<\\/")  # no early </script>
    settings = f"const TALK = {json.dumps(name)}; const CONFIG = {json.dumps(CONFIG)}; const POLL_MS = {POLL_MS};"
    body = f"{STYLE}{BODY}<script type='application/json' id='slides'>{data}</script>"
    return page_html(f"Follow: {title}", body, plotly_src, settings + SCRIPT, has_map(*(s.view.figure for s in slides)))
