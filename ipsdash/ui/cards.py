"""The home page's headline cards, each number with its source."""

from __future__ import annotations

import streamlit as st

from ipsdash.i18n import _
from ipsdash.ui import captions, url_state
from ipsdash.ui.text import escape_markdown


def figure_cards(view) -> None:
    """Key figures as cards, three to a row: label, value with qualifier, caption and a link to the source."""
    columns = st.columns(3)
    for index, card in enumerate(view.data.itertuples()):
        with columns[index % 3], st.container(border=True):
            with st.container(key=f"card_figure_{index}"):  # its height held before the metric's script arrives
                st.metric(card.label, card.text, help=escape_markdown(f"{card.citation} — {card.locator}. {card.note}"))
            st.caption(escape_markdown(card.caption))
            st.page_link(
                "app_pages/sources.py",
                label=escape_markdown(
                    _("Source: {source}, {locator}").format(source=card.source_short, locator=card.locator)
                ),
                query_params=url_state.with_lang({"source": card.source_id}),
            )
    captions.notes(view)  # the same words a figures slide says
