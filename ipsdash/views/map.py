"""The adoption map (world, Europe, US states) as of a year, and an area's profile.

The map cites exactly the rows that decided the colours of the year shown: an area's first-programme
milestone, its join year, its latest count, or the first dated fact that places IPS there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import pandas as pd

from ipsdash import assets
from ipsdash.domain import adoption, provenance
from ipsdash.domain.vocabulary import event_label
from ipsdash.figures.map_charts import count_text, make_adoption_map, make_milestone_timeline
from ipsdash.i18n import N_, _, formats
from ipsdash.store import key_figures, queries
from ipsdash.views.base import View, alt_text
from ipsdash.views.settings import MapOptions, MapSettings


@dataclass(frozen=True)
class MapSpec:
    """World, Europe or US states. Its words are marked for translation and shown with `_()`."""

    key: str
    label: str
    heading: str  # "Countries" in "Countries by year of first IPS programme, as of 2020"
    level: str
    noun: str  # "countries" or "states": a key (adoption.count_text) as well as a word
    geojson_url: str
    scope: str
    unknown_label: str
    measures: tuple[str, ...]
    region: str | None = None  # only areas of this region are drawn and counted
    note: str = ""  # what the sources count but do not name ({key figures} filled from the store)

    def noun_text(self) -> str:
        """The areas' plural in the language in use, as in 'countries by year of first IPS programme'."""
        return _("states") if self.noun == "states" else _("countries")


NOT_DOCUMENTED = N_("No IPS documented in the sources")
SPECS = {
    "world": MapSpec(
        "world",
        N_("World"),
        N_("Countries"),
        "country",
        "countries",
        assets.WORLD_URL,
        "world",
        NOT_DOCUMENTED,
        tuple(adoption.MEASURES),
    ),
    "europe": MapSpec(
        "europe",
        N_("Europe"),
        N_("European countries"),
        "country",
        "countries",
        assets.WORLD_URL,
        "europe",
        NOT_DOCUMENTED,
        tuple(adoption.MEASURES),
        region="Europe",
    ),
    "us": MapSpec(
        "us",
        N_("US states"),
        N_("US states"),
        "state",
        "states",
        assets.US_URL,
        "usa",
        N_("Not named by the sources (not the same as no IPS)"),
        ("first_programme", "learning_community"),
        # TRANSLATORS: {states_with_ips_2016} and the other names in braces are key figures filled in from
        # the store: keep them as they are.
        note=N_(
            "National surveys counted {states_with_ips_2016} states with IPS in 2016 and {states_with_ips_2019} "
            "in 2019, and the learning community counted {lc_jurisdictions_2020} member states or jurisdictions "
            "in 2020; states the sources here do not name are shown as not named."
        ),
    ),
}
PLAY_NOTE = N_(
    "The sources named are those of the year shown; during ▶ Play, hover an area for its dates and figures "
    "with their sources."
)
VALUE_METRICS = ["programmes", "clients_served", "employment_rate_pct", "employment_specialists_fte"]


def options(con: duckdb.DuckDBPyConnection) -> MapOptions:
    """Views, their measures (labels marked for translation: pages show them with `_()`), and the years each
    view animates."""
    years = {
        key: adoption.animation_years(queries.get_level_milestones(con, spec.level)) for key, spec in SPECS.items()
    }
    measures = {key: {m: adoption.MEASURES[m].label for m in spec.measures} for key, spec in SPECS.items()}
    return MapOptions({k: s.label for k, s in SPECS.items()}, measures, years)


@dataclass(frozen=True)
class MapData:
    """Everything a map draws for one view and measure, for every year."""

    categories: pd.DataFrame  # geo_code, year, category, source_id, source_short, locator
    summaries: pd.Series  # hover text per geo_code
    years: list[int]
    areas: pd.DataFrame


def map_data(con: duckdb.DuckDBPyConnection, view: str, measure: str) -> MapData:
    """Categories for every year, with the row deciding each, and hover summaries."""
    spec = SPECS[view]
    areas = queries.get_areas(con, spec.level)
    if spec.region:
        areas = areas[areas["region"] == spec.region]
    milestones = queries.get_level_milestones(con, spec.level)
    values = queries.get_level_values(con, spec.level, VALUE_METRICS)
    years = adoption.animation_years(milestones)
    categories = adoption.categories_by_year(adoption.MEASURES[measure], areas, milestones, values, years)
    return MapData(categories, adoption.area_summaries(areas, milestones, values), years, areas)


def table_for_year(data: MapData, measure: str, year: int) -> pd.DataFrame:
    """The map as drawn for one year: one row per coloured area, its category, story and deciding source."""
    labels = {c.key: c.text() for c in adoption.MEASURES[measure].categories}
    shown = data.categories[(data.categories["year"] == year) & (data.categories["category"] != "")]
    table = shown.merge(data.areas[["geo_code", "name", "ips_status", "lc_status"]], on="geo_code")
    details = table["geo_code"].map(data.summaries).str.replace("<br>", "; ").str.replace(r"</?b>", "", regex=True)
    return table.assign(category=table["category"].map(labels), details=details)[
        ["geo_code", "name", "year", "category", "ips_status", "lc_status", "details", *provenance.COLUMNS]
    ]


def _alt(spec: MapSpec, measure: adoption.Measure, year: int, table: pd.DataFrame, cited: pd.DataFrame) -> str:
    groups = "; ".join(
        f"{category}: {', '.join(part['name'])}" for category, part in table.groupby("category", sort=False)
    )
    # TRANSLATORS: a map's text alternative: 'World map of countries by year of first IPS programme, as of 2020'.
    what = _("{map} map of {areas}, as of {year}").format(
        map=_(spec.label), areas=measure.heading(spec.noun_text()), year=year
    )
    count = formats.number(len(table))
    if spec.noun == "states":
        detail = _("{count} states coloured — {groups}").format(count=count, groups=groups)
    else:
        detail = _("{count} countries coloured — {groups}").format(count=count, groups=groups)
    return alt_text(what, detail, cited)


@dataclass
class MapView(View):
    """The map as of one year (`View.year`), with every year it animates, its heading without the year and
    the running count of that year (the film burns both into each frame)."""

    years: tuple[int, ...] = ()
    heading: str = ""
    count: str = ""


def build(con: duckdb.DuckDBPyConnection, settings: MapSettings) -> MapView:
    """The adoption map of a view and measure as of a year (default: the last one animated)."""
    data = map_data(con, settings.view, settings.measure)
    year = settings.year if settings.year in data.years else data.years[-1]
    return _view_of_year(con, settings.view, settings.measure, data, year)


def build_years(con: duckdb.DuckDBPyConnection, view: str, measure: str) -> list[MapView]:
    """The map as of each year it animates, first to last: one View a year, each citing what it draws."""
    data = map_data(con, view, measure)
    return [_view_of_year(con, view, measure, data, year) for year in data.years]


def _view_of_year(con: duckdb.DuckDBPyConnection, view: str, measure_key: str, data: MapData, year: int) -> MapView:
    spec, measure = SPECS[view], adoption.MEASURES[measure_key]
    figure = make_adoption_map(
        measure,
        data.categories,
        data.summaries,
        geojson_url=spec.geojson_url,
        areas=assets.feature_bounds(spec.geojson_url),
        scope=spec.scope,
        area_noun=spec.noun,
        unknown_label=_(spec.unknown_label),
        year=year,
    )
    table = table_for_year(data, measure_key, year)
    notes, note_cited = (), provenance.cite()
    if spec.note:
        text, note_cited = key_figures.fill(con, _(spec.note))
        notes = (text,)
    cited = provenance.cite(table, note_cited)
    drawn = data.categories.loc[data.categories["year"] == year, "category"]
    notes = (*notes, _(PLAY_NOTE))
    heading = measure.heading(_(spec.heading))
    return MapView(
        # TRANSLATORS: a map's title: 'Countries by year of first IPS programme, as of 2020'.
        title=_("{heading}, as of {year}").format(heading=heading, year=year),
        figure=figure,
        data=table,
        cited=cited,
        notes=notes,
        alt=_alt(spec, measure, year, table, cited),
        name=f"map-{view}-{measure_key}-{year}",
        year=year,
        years=tuple(data.years),
        heading=heading,
        count=count_text(measure, drawn, year, spec.noun),
    )


@dataclass
class AreaProfile(View):
    """An area's story, with the sub-national areas the sources discuss (each has a profile of its own)."""

    sub_areas: pd.DataFrame = field(default_factory=pd.DataFrame)  # value (geo_code), label


def build_profile(con: duckdb.DuckDBPyConnection, geo_code: str, label: str) -> AreaProfile:
    """An area's story: its milestones on a timeline and every value about it and its sub-areas (`label`: the
    area's name in the language in use, as the area picker shows it)."""
    milestones = queries.get_area_milestones(con, geo_code)
    values = queries.get_area_observations(con, geo_code)
    figure = make_milestone_timeline(milestones) if len(milestones) else None
    cited = provenance.cite(milestones, values)
    events = "; ".join(f"{event_label(m.event)} {m.year}" for m in milestones.itertuples())
    return AreaProfile(
        # TRANSLATORS: the heading of an area's profile: 'Profile: Netherlands (NLD)'.
        title=_("Profile: {area}").format(area=label),
        figure=figure,
        data=values,
        cited=cited,
        alt=alt_text(_("Timeline of dated milestones for {area}").format(area=label), events or _("none"), cited),
        name=f"profile-{geo_code}",
        sub_areas=queries.get_sub_areas(con, geo_code),
    )
