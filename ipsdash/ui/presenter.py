"""Presenter mode: the slide at projector size, clicker keys, and the talk as offline HTML and PDF."""

from __future__ import annotations

from urllib.parse import urlencode

import plotly.graph_objects as go
import streamlit as st

from ipsdash.domain import provenance
from ipsdash.figures import evidence_charts as evidence
from ipsdash.i18n import _
from ipsdash.outputs import audience
from ipsdash.outputs import images as image_export
from ipsdash.outputs import talk_html as talk_export
from ipsdash.outputs import talk_track as talk
from ipsdash.store import database as store
from ipsdash.ui import boot, captions, problems, url_state
from ipsdash.ui.text import escape_markdown
from ipsdash.views import REGISTRY

PRESENTER_CSS = """<style>
@media (min-width: 641px) {
  header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  .st-key-language_picker_box {display:none}
  [data-testid="stMainBlockContainer"] {padding-top:0.8rem; padding-bottom:0.5rem; max-width:100%}
}
.st-key-present_hidden_keys {display:none}
.st-key-audience_qr {position:fixed; right:1rem; bottom:1rem; z-index:20; background:#fff; padding:4px;
  border:1px solid #c8ced6; border-radius:6px}
h1 {font-size:2.3rem !important; line-height:1.1 !important; padding:0 !important}
.st-key-slide_takeaway p {font-size:1.45rem !important; line-height:1.25; margin-bottom:0}
.st-key-slide_source p, .st-key-slide_source a {font-size:1.05rem !important}
.st-key-slide_source_long p, .st-key-slide_source_long a {font-size:0.8rem !important; line-height:1.3}
[data-testid="stMetricValue"] {font-size:4.5rem !important}
[data-testid="stMetricLabel"] p {font-size:1.4rem !important}
.st-key-slide_chart {overflow:visible}
@media (max-width: 640px) {
  [data-testid="stHorizontalBlock"]:has(.st-key-first) > [data-testid="stColumn"] {min-width:0; flex:1 1 0}
  [data-testid="stHorizontalBlock"]:has(.st-key-first) > :nth-child(3) {order:-1; flex-basis:100%}
  [data-testid="stHorizontalBlock"]:has(.st-key-first) {gap:0.4rem}
  [data-testid="stHorizontalBlock"]:has(.st-key-first) button {width:100%; padding:0.3rem 0.2rem}
  [data-testid="stHorizontalBlock"]:has(.st-key-first) kbd {display:none}
  div:has(> .st-key-slide_chart) {height:560px !important; flex-basis:560px !important}
  h1 {font-size:1.8rem !important}
  .st-key-slide_takeaway p {font-size:1.15rem !important}
}
</style>"""
SLIDE_HEIGHT = 370  # with the controls, title, takeaway and source line, a slide fits 1280x720


def presenter_css() -> None:
    """Navigation and toolbar out of the way on a projector (a phone keeps its menu); type large enough
    for the back of a room."""
    st.html(PRESENTER_CSS)


def options_for(view: str):
    """What a slide's settings are checked against, from the cached store."""
    spec = REGISTRY[view]
    return boot.query(spec.options) if spec.options else None


def load(name: str) -> tuple[str, list[talk.Slide]] | None:
    """The talk, or None after listing every problem with it (by slide and field, as text)."""
    try:
        return talk.load_talk(name, options_for)
    except talk.TalkError as err:
        st.title(_("This talk cannot be shown"))
        problems.show_error(err)
        return None


def show_slide(slide: talk.RenderedSlide) -> None:
    """Title, takeaway, the live chart (or big figures) and its source line, sized for a projector."""
    st.title(escape_markdown(slide.title))
    with st.container(key="slide_takeaway"):
        st.markdown(escape_markdown(slide.takeaway, limit=500))
    view = slide.view
    if view.name == "key-figures":
        for column, card in zip(st.columns(len(view.data)), view.data.itertuples(), strict=True):
            column.metric(card.label, card.text, border=True)
    elif view.figure is not None:
        figure = view.figure.update_layout(height=None)  # the box below sets it
        if len(figure.layout.yaxis.tickvals or ()) * 16 > SLIDE_HEIGHT - 120:
            # Too many rows to label legibly at projector size: the marks stay, each named on hover.
            figure.update_yaxes(showticklabels=False, title=dict(text=_("Each row a trial (hover for its name)")))
            figure.layout.annotations = [a for a in figure.layout.annotations if a.name != evidence.ROW_NAME]
        config = captions.MAP_CONFIG if view.name.startswith("map") else captions.CHART_CONFIG
        # A box of fixed height (taller on a phone, by PRESENTER_CSS) that the chart fills: the space is
        # held before the chart arrives, so nothing below it jumps while the slide loads.
        with st.container(key="slide_chart", height=SLIDE_HEIGHT, border=False):
            st.plotly_chart(
                figure,
                config={**config, "displayModeBar": False},
                key=f"slide_{slide.number}",
                alt=captions.chart_label(view),
                height="stretch",
            )
    for note in view.notes[:1]:
        st.caption(escape_markdown(note, limit=600))
    # Every source, each a link to its values, written out whole: smaller type when the list is long, so
    # the line stays on a projector's screen (an expander of the rest would push it off).
    long = len(provenance.source_ids(slide.cited)) > captions.CAPTION_SOURCES
    with st.container(key="slide_source_long" if long else "slide_source"):
        captions.source_caption(slide.cited, key=f"slide_{slide.number}", locators=False, folded=False)
    # The view's other words, the same the page says, below the source line (which must stay on screen).
    with st.container(key="slide_more_notes"):
        captions.credits(view, key=f"slide_{slide.number}")
        for note in view.notes[1:]:
            st.caption(escape_markdown(note, limit=2000))


def hidden_key_buttons() -> list[tuple[bool, dict]]:
    """More clicker keys (Page Down, Space, Page Up), as buttons hidden by the CSS: (clicked, move) pairs."""
    with st.container(key="present_hidden_keys"):
        return [
            # TRANSLATORS: a hidden button named after the key that presses it (Page Down).
            (st.button(_("page down"), shortcut="PageDown", key="next_page"), {"step": 1}),
            # TRANSLATORS: a hidden button named after the key that presses it (the space bar).
            (st.button(_("space"), shortcut="Space", key="next_space"), {"step": 1}),
            # TRANSLATORS: a hidden button named after the key that presses it (Page Up).
            (st.button(_("page up"), shortcut="PageUp", key="previous_page"), {"step": -1}),
        ]


def slide_counter(title: str, number: int, count: int) -> str:
    """'**Annual meeting** · slide **3 / 12**' (Markdown, the title escaped)."""
    # TRANSLATORS: the talk's title, then which slide of how many is shown: "**Annual meeting** · slide **3 / 12**".
    return _("**{talk}** · slide **{number} / {count}**").format(
        talk=escape_markdown(title), number=number, count=count
    )


def offline_copies(name: str, title: str, slides: list[talk.Slide]) -> None:
    """The whole talk as one HTML file and as a PDF deck, each made when its button is pressed."""

    def rendered() -> list[talk.RenderedSlide]:  # runs on click, outside the script: its own connection
        with store.connect() as con:
            return [talk.render_slide(con, slide) for slide in slides]

    st.download_button(
        _("Download the talk (HTML, opens offline in any browser)"),
        lambda: talk_export.talk_html(title, rendered()),
        f"ipsdash-talk-{name}.html",
        mime="text/html",
        key="download_talk",
        on_click="ignore",
    )
    if image_export.chromium_path():
        st.download_button(
            _("Download the talk (PDF, one page a slide)"),
            lambda: talk_export.talk_pdf(rendered()),
            f"ipsdash-talk-{name}.pdf",
            mime="application/pdf",
            key="download_pdf",
            on_click="ignore",
        )


def audience_qr(slide: talk.Slide, following: str | None = None) -> None:
    """In a corner, a QR code of the address where the audience can open this view on their phones
    (larger on the first slide), or, while the room follows the talk `following`, its follow page.
    Shown only when a public or published address is configured."""
    if following:
        address = audience.follow_address(following)
    else:
        address = audience.slide_address(slide.view, slide.settings, slide.number)
    if address is None:
        return
    address = url_state.with_lang_url(address)  # phones open it in the presenter's language
    with st.container(key="audience_qr"):
        st.image(audience.qr_png(address), width=200 if slide.number == 1 else 110)
        st.caption(escape_markdown(_("Open on your phone") if slide.number > 1 else address, limit=120))


def presenter_window(slides: list[talk.Slide], number: int, led):
    """The presenter's own window: the current slide beside the next slide's title and thumbnail, and
    the speaker notes (escaped, as every talk field). Returns the side column, for the clock."""
    now, upcoming = st.columns([3, 2], gap="medium")
    with now:
        show_slide(boot.query(talk.render_slide, slides[number - 1]))
    with upcoming, st.container(key="presenter_side"):
        st.subheader(_("Speaker notes"))
        notes = slides[number - 1].notes
        with st.container(key="speaker_notes"):
            st.markdown(escape_markdown(notes, limit=talk.MAX_NOTES) if notes else _("*No notes for this slide.*"))
        if number < len(slides):
            after = boot.query(talk.render_slide, slides[number])
            # TRANSLATORS: the next slide's title, in the presenter's own window.
            st.markdown(_("**Next:** {title}").format(title=escape_markdown(after.title)))
            _thumbnail(after)
        else:
            st.markdown(_("**Next:** nothing, this is the last slide."))
        if led is None:
            st.caption(_("Let the room follow to keep this window and the slide window in step."))
    return upcoming


def _thumbnail(slide: talk.RenderedSlide) -> None:
    """The next slide's chart, small and still (or its key figures as text)."""
    view = slide.view
    if view.figure is None or view.name == "key-figures":
        st.caption(
            escape_markdown(
                " · ".join(
                    # TRANSLATORS: a key figure in the next slide's preview: "Countries with IPS: 22".
                    _("{label}: {figure}").format(label=c.label, figure=c.text)
                    for c in view.data.itertuples()
                ),
                limit=300,
            )
        )
        return
    figure = go.Figure(view.figure).update_layout(height=170, margin=dict(l=0, r=0, t=0, b=0), showlegend=False)
    figure.layout.title, figure.layout.annotations = None, []  # a picture of the chart: no words to read
    figure.layout.sliders, figure.layout.updatemenus = [], []
    figure.update_xaxes(showticklabels=False, title=None).update_yaxes(showticklabels=False, title=None)
    config = captions.MAP_CONFIG if view.name.startswith("map") else captions.CHART_CONFIG
    with st.container(key="next_thumbnail"):
        st.plotly_chart(
            figure,
            config={**config, "displayModeBar": False, "staticPlot": True},
            key=f"thumbnail_{slide.number}",
            alt=_("Thumbnail of the next slide: {chart}").format(chart=captions.chart_label(view)),
        )


def presenter_view_link(name: str, key: str | None) -> None:
    """A link that opens the presenter view in a second window (with this window's key, so the two
    move together), or, from the presenter view, the slide window for the projector."""
    params = {"talk": name, **({"key": key} if key else {})}
    if st.query_params.get("view") != "presenter":
        params["view"] = "presenter"
    address = f"present?{urlencode(url_state.with_lang(params))}"
    if "view" in params:
        label = _("Presenter view: notes, next slide, clock (opens a new window)")
    else:
        label = _("The slide window, for the projector (opens a new window)")
    with st.container(key="presenter_view_link"):
        st.markdown(f"[{label}]({address})")
