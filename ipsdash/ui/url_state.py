"""Settings in the URL: read them, say what was wrong with them (as text, never as Markdown), and keep
the URL in step with the widgets so a link reproduces the view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import streamlit as st

from ipsdash import i18n
from ipsdash.i18n import _
from ipsdash.ui.text import escape_markdown
from ipsdash.views.settings import Problem

LANG = "lang"  # the language's parameter (ipsdash.ui.language), kept in every link ipsdash makes


def params(names: Sequence[str]) -> dict[str, list[str]]:
    """The URL's values for the given parameter names (only those present)."""
    return {name: st.query_params.get_all(name) for name in names if name in st.query_params}


def with_lang(params: Mapping[str, object] | None = None) -> dict:
    """`params` (a link's query) plus `lang`, whenever this page's URL names the language (it does whenever
    the language is not English, or was asked for): a link opened in a new tab keeps the language."""
    params = dict(params or {})
    if i18n.current() != i18n.DEFAULT or LANG in st.query_params:
        params[LANG] = i18n.current()
    return params


def with_lang_url(address: str) -> str:
    """An address (absolute or a path, with or without a query or #fragment) with `lang` added as
    `with_lang` adds it: '/sources?source=x' -> '/sources?source=x&lang=nl'."""
    parts = urlsplit(address)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != LANG]
    wanted = with_lang({}).get(LANG)
    if wanted is None:
        return address
    return urlunsplit(parts._replace(query=urlencode([*query, (LANG, wanted)])))


def translated(labels: Mapping[str, str]) -> dict[str, str]:
    """A choice's labels in the language in use, for labels defined in code (marked with N_()); the keys
    (URL values, compared in code) stay as they are. Never for data (names from the store)."""
    return {key: _(label) for key, label in labels.items()}


def problem_message(problem: Problem) -> str:
    """'The link's scale = 'cubic' is not one of linear, log; showing Linear.' (plain text)."""
    shown = problem.value if len(problem.value) <= 60 else problem.value[:60] + "…"
    fields = {"field": problem.field, "value": shown, "problem": problem.message}
    if not problem.fallback:
        # TRANSLATORS: {field} is a link parameter's name and {value} its value as given (both kept as
        # written); {problem} says what is wrong with it ("is not one of linear, log").
        return _("The link's {field} = '{value}' {problem}.").format(**fields)
    if problem.fallback == "ignored":
        return _("The link's {field} = '{value}' {problem}; ignored.").format(**fields)
    # TRANSLATORS: {fallback} is what is shown instead of the link's value ("Linear").
    return _("The link's {field} = '{value}' {problem}; showing {fallback}.").format(
        fallback=problem.fallback, **fields
    )


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
    if widget is st.selectbox:
        kw.setdefault("placeholder", _("Choose an option"))
    chosen = widget(label, list(options), index=list(options).index(value), format_func=options.get, key=key, **kw)
    set_param(param, chosen if chosen != default else None)
    return chosen


def choices(
    label: str, options: Mapping[str, str], param: str, value: Sequence[str], default: Sequence[str] = (), **kw
) -> tuple[str, ...]:
    """A multiselect starting at `value` and kept in the URL (absent while it equals `default`)."""
    key = _fresh_key(param, list(options))
    kw.setdefault("placeholder", _("Choose options"))
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


def _tab_picked(param: str, keys: Mapping[str, str], default: str) -> None:
    """A tab was clicked: its key (not its label, which is in the language in use) into the URL."""
    key = keys.get(st.session_state.get(param), default)
    set_param(param, key if key != default else None)


def tabs(labels: Mapping[str, str], param: str, default: str) -> Sequence:
    """Lazy tabs kept in the URL as `?param=KEY`: the keys stay English (a link opens the same tab in
    every language), the tabs show `labels` (in the language in use). Only the open tab is `.open`.
    An unknown value in the URL is ignored and leaves it; at `default` the parameter is absent."""
    asked = st.query_params.get(param)
    wanted = asked if asked in labels else default
    if st.session_state.get(param) != labels[wanted]:  # a link, or another language: its tab
        st.session_state[param] = labels[wanted]
    keys = {label: key for key, label in labels.items()}
    shown = st.tabs(
        list(labels.values()),
        default=labels[default],
        key=param,
        on_change=_tab_picked,
        args=(param, keys, default),
    )
    set_param(param, wanted if wanted != default else None)
    return shown


def _year_steps(years: list[int], chosen: int, key: str) -> None:
    """A year back and a year on by one click or key press, no dragging (WCAG 2.5.7); each button names
    the year it goes to, and is disabled at its end (the slider keeps its own arrow, Home and End keys)."""
    at = years.index(chosen)
    before = years[at - 1] if at > 0 else None
    after = years[at + 1] if at + 1 < len(years) else None
    with st.container(horizontal=True, gap="small", key=f"{key}_steps"):
        for name, target, icon, side in (
            ("previous", before, ":material/chevron_left:", "left"),
            ("next", after, ":material/chevron_right:", "right"),
        ):
            if name == "previous":
                label = _("Previous year ({year})").format(year=target) if target else _("Previous year")
            else:
                label = _("Next year ({year})").format(year=target) if target else _("Next year")
            st.button(
                label,
                key=f"{key}_{name}",
                icon=icon,
                icon_position=side,
                disabled=target is None,
                on_click=st.session_state.__setitem__,
                args=(key, target),
            )
