"""Every problem a user can act on (ipsdash.errors.UserError) shown one way: its summary as an error, and its
problems as a table of file, row, column and what is wrong. As text, never Markdown; never a stack trace."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ipsdash.errors import UserError
from ipsdash.i18n import _, ngettext
from ipsdash.i18n.formats import number
from ipsdash.ui.text import escape_markdown


def show_error(err: UserError, lead: str = "") -> None:
    """The error's summary (after `lead`, ours, when it has no list of problems), then where each problem is."""
    # TRANSLATORS: {lead} is what did not happen ("Nothing can be imported"), {outcome} why.
    led = _("{lead}: {outcome}").format(lead=lead, outcome=err.outcome) if lead else ""
    text = escape_markdown(err.summary if err.total or not lead else led, limit=1000)
    st.error(text)
    if not err.problems:
        return
    if err.total > len(err.problems):
        listed = ngettext(
            "The first {shown} of {total} problems are listed.",
            "The first {shown} of {total} problems are listed.",
            err.total,
        )
        st.caption(listed.format(shown=number(len(err.problems)), total=number(err.total)))
    rows = pd.DataFrame(err.located(), columns=["File", "Row", "Column", "Problem"])
    known = [c for c in rows.columns if c == "Problem" or rows[c].replace("", None).notna().any()]
    headers = {"File": _("File"), "Row": _("Row"), "Column": _("Column"), "Problem": _("Problem")}
    st.dataframe(rows[known], hide_index=True, width="stretch", column_config=headers)
