"""Settings in the URL: read them, say what was wrong with them (as text, never as Markdown), and keep
the URL in step with the widgets so a link reproduces the view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from ipsdash.ui.text import escape_markdown
from ipsdash.views.settings import Problem


def params(names: Sequence[str]) -> dict[str, list[str]]:
    """The URL's values for the given parameter names (only those present)."""
    return {name: st.query_params.get_all(name) for name in names if name in st.query_params}


def problem_message(problem: Problem) -> str:
    """'The link's scale = 'cubic' is not one of linear, log; showing Linear.' (plain text)."""
    if not problem.fallback:
        tail = ""
    elif problem.fallback == "ignored":
        tail = "; ignored"
    else:
        tail = f"; showing {problem.fallback}"
    return f"The link's {problem}{tail}."


def show_problems(problems: Sequence[Problem], notices=st) -> None:
    """One short message per unusable link parameter, in `notices` (a container that stays visible)."""
    for problem in problems:
        notices.info(escape_markdown(problem_message(problem), limit=300), icon=":material/link_off:")


def set_param(param: str, value: str | Sequence[str] | int | None) -> None:
    """Put a widget's value in the URL, or remove the parameter when it is empty."""
    if value in (None, "", [], ()):
        if param in st.query_params:
            del st.query_params[param]
        return
    wanted = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
    if st.query_params.get_all(param) != wanted:
        st.query_params[param] = wanted if isinstance(value, (list, tuple)) else str(value)


def _fresh_key(param: str, options: Sequence[str]) -> str:
    key = f"url_{param}"
    value = st.session_state.get(key)
    stale = value is not None and (
        any(v not in options for v in value) if isinstance(value, list) else value not in options
    )
    if stale:
        del st.session_state[key]  # the options changed (another view or area): start from the URL again
    return key


def choice(label: str, options: Mapping[str, str], param: str, value: str, default: str, widget=st.radio, **kw) -> str:
    """A single choice (radio or selectbox) starting at `value` and kept in the URL (absent at `default`)."""
    key = _fresh_key(param, list(options))
    chosen = widget(label, list(options), index=list(options).index(value), format_func=options.get, key=key, **kw)
    set_param(param, chosen if chosen != default else None)
    return chosen


def choices(
    label: str, options: Mapping[str, str], param: str, value: Sequence[str], default: Sequence[str] = (), **kw
) -> tuple[str, ...]:
    """A multiselect starting at `value` and kept in the URL (absent while it equals `default`)."""
    key = _fresh_key(param, list(options))
    chosen = st.multiselect(label, list(options), default=list(value), format_func=options.get, key=key, **kw)
    set_param(param, list(chosen) if tuple(chosen) != tuple(default) else None)
    return tuple(chosen)


def year_range(label: str, low: int, high: int, value: tuple[int | None, int | None], key: str) -> tuple[int, int]:
    """A year-range slider kept in the URL as from/to (absent at the ends)."""
    start, end = value[0] or low, value[1] or high
    chosen = st.slider(label, low, high, (start, end), key=key) if high > low else (low, high)
    set_param("from", chosen[0] if chosen[0] != low else None)
    set_param("to", chosen[1] if chosen[1] != high else None)
    return chosen


def text(label: str, param: str, placeholder: str = "", limit: int = 100) -> str:
    """A text input whose content lives in the URL (cut at `limit` characters)."""
    given = st.query_params.get(param, "")[:limit]
    typed = st.text_input(label, value=given, key=f"url_{param}", placeholder=placeholder, max_chars=limit)
    set_param(param, typed.strip())
    return typed.strip()


def year(label: str, years: list[int], param: str, value: int | None, key: str, steps: bool = False) -> int:
    """A year slider over `years` starting at `value` (default the last), kept in the URL (absent at the last);
    with `steps`, previous- and next-year buttons under it."""
    if st.session_state.get(key) not in (None, *years):
        del st.session_state[key]  # another view animates other years
    if st.session_state.get(key) is None:  # the widget's state is its only start value: buttons may set it
        st.session_state[key] = value if value in years else years[-1]
    chosen = st.select_slider(label, years, key=key)
    if steps:
        _year_steps(years, chosen, key)
    set_param(param, chosen if chosen != years[-1] else None)
    return chosen


def _year_steps(years: list[int], chosen: int, key: str) -> None:
    """A year back and a year on by one click or key press, no dragging (WCAG 2.5.7); each button names
    the year it goes to, and is disabled at its end (the slider keeps its own arrow, Home and End keys)."""
    at = years.index(chosen)
    before = years[at - 1] if at > 0 else None
    after = years[at + 1] if at + 1 < len(years) else None
    with st.container(horizontal=True, gap="small", key=f"{key}_steps"):
        for name, target, icon, side in (
            ("Previous year", before, ":material/chevron_left:", "left"),
            ("Next year", after, ":material/chevron_right:", "right"),
        ):
            st.button(
                f"{name} ({target})" if target else name,
                key=f"{key}_{name.split()[0].lower()}",
                icon=icon,
                icon_position=side,
                disabled=target is None,
                on_click=st.session_state.__setitem__,
                args=(key, target),
            )
