"""One view, built once: `build(con, settings) -> View` per view family, with no Streamlit.

The page, the presenter's slide, the offline HTML talk, the PNG/SVG/PDF export and the CSV download all
call the same build. REGISTRY names each view a talk slide may show, with the function that parses its
settings (the same one the page uses on its URL), what the parser needs from the store, and the build.

May import `config`, `domain`, `store` and `figures`; never Streamlit (pages render what a view holds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from ipsdash.views import evidence, fidelity, growth, settings
from ipsdash.views import headlines as figures
from ipsdash.views import map as map_view
from ipsdash.views.base import View


@dataclass(frozen=True)
class ViewSpec:
    """How to parse, and build, one kind of view."""

    params: tuple[str, ...]  # settings a page URL or a slide's `with:` may give
    parse: Callable  # (raw, options) -> (settings, problems)
    options: Callable | None  # (con) -> what `parse` checks choices against; None when it needs nothing
    build: Callable  # (con, settings) -> View


REGISTRY: dict[str, ViewSpec] = {
    "map": ViewSpec(settings.MAP_PARAMS, settings.parse_map, map_view.options, map_view.build),
    "growth": ViewSpec(settings.GROWTH_PARAMS, settings.parse_growth, growth.options, growth.build),
    "adoption_curves": ViewSpec((), settings.parse_none, None, growth.build_adoption_curves),
    "lc_comparison": ViewSpec((), settings.parse_none, None, growth.build_lc_comparison),
    "outcomes": ViewSpec((), settings.parse_none, None, evidence.build_outcomes),
    "trials": ViewSpec(("sort",), settings.parse_trials, None, evidence.build_trials),
    "fidelity": ViewSpec(("scale", "geo", "year"), settings.parse_fidelity, fidelity.options, fidelity.build),
    "figures": ViewSpec(("figures",), settings.parse_figures, figures.options, figures.build),
}

# The page (and its fixed parameters) where each view lives, so a slide can link to its live view.
PAGES = {
    "map": ("/map", {}),
    "growth": ("/growth", {}),
    "adoption_curves": ("/growth", {"tab": ["Adoption curves"]}),
    "lc_comparison": ("/growth", {"tab": ["Learning community vs outside"]}),
    "outcomes": ("/outcomes", {}),
    "trials": ("/outcomes", {}),
    "fidelity": ("/fidelity", {}),
    "figures": ("/", {}),
}


def page_url(view: str, chosen) -> str:
    """The app path and query that show this view with these settings, e.g. /map?view=us&year=2010."""
    path, fixed = PAGES[view]
    query = urlencode({**fixed, **settings.to_params(chosen)}, doseq=True)
    return f"{path}?{query}" if query else path


__all__ = ["PAGES", "REGISTRY", "View", "ViewSpec", "page_url"]
