"""Every problem a user can act on (ipsdash.errors.UserError) shown one way: its summary as an error, and its
problems as a table of file, row, column and what is wrong. As text, never Markdown; never a stack trace."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ipsdash.errors import UserError
from ipsdash.ui.text import escape_markdown


def show_error(err: UserError, lead: str = "") -> None:
    """The error's summary (after `lead`, ours, when it has no list of problems), then where each problem is."""
    text = escape_markdown(err.summary if err.total or not lead else f"{lead}: {err.outcome}", limit=1000)
    st.error(text)
    if not err.problems:
        return
    if err.total > len(err.problems):
        st.caption(f"The first {len(err.problems):,} of {err.total:,} problems are listed.")
    rows = pd.DataFrame(err.located(), columns=["File", "Row", "Column", "Problem"])
    known = [c for c in rows.columns if c == "Problem" or rows[c].replace("", None).notna().any()]
    st.dataframe(rows[known], hide_index=True, width="stretch")
