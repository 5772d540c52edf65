"""Every number that prose quotes, resolved from the store by name.

Cards, captions and talk takeaways write `{name}` where a number goes; `fill` puts in the stored
value with its qualifier ('19+', '~60%') and returns what it cites. A name is either one stored value,
found by its key (area, metric, year, source), or a value derived from stored ones, which cites the
union of its inputs. A data test resolves every name and fails on any number typed into prose.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import duckdb
import pandas as pd

from ipsdash.domain import growth_rates as growth
from ipsdash.domain import provenance
from ipsdash.domain.formatting import format_value
from ipsdash.i18n import N_, _
from ipsdash.store import queries

ObsKey = tuple  # geo_code, metric, year, source_id[, subject]


@dataclass(frozen=True)
class Resolved:
    """A key figure's value, its text with qualifier, and the rows it rests on (label and caption in the
    language in use when it was resolved)."""

    name: str
    label: str
    caption: str
    value: float
    unit: str
    qualifier: str
    rows: pd.DataFrame  # the stored values it is, or was derived from
    versus: Resolved | None = None  # a second figure shown beside it ("55% vs 25%")

    @property
    def text(self) -> str:
        own = format_value(self.value, self.unit, self.qualifier)
        # TRANSLATORS: two key figures side by side, e.g. '55% vs 25%' (with IPS vs with other services).
        return _("{value} vs {other}").format(value=own, other=self.versus.text) if self.versus else own

    @property
    def cited(self) -> pd.DataFrame:
        return provenance.cite(self.rows)


@dataclass(frozen=True)
class KeyFigure:
    """A named number: a stored value (`key`) or one derived from stored values (`derive`)."""

    name: str
    label: str  # marked for translation; `resolve` translates it
    caption: str = ""  # a template of other key figures ('{rct_count}'), marked for translation likewise
    key: ObsKey | None = None
    derive: Callable[[duckdb.DuckDBPyConnection], tuple[float, str, str, pd.DataFrame]] | None = None
    versus: str = ""  # another key figure shown beside this one


def _countries_besides_usa(con) -> tuple[float, str, str, pd.DataFrame]:
    rows = queries.get_values_by_key(con, [REGISTRY["countries_with_ips"].key])
    return float(rows["value"].iloc[0]) - 1, "countries", "derived", rows


def _documented_starts(level: str, by: int) -> Callable:
    def derive(con) -> tuple[float, str, str, pd.DataFrame]:
        starts = queries.get_adoption_starts(con, level)
        counted = starts[starts["year"] <= by]
        return float(len(counted)), "countries" if level == "country" else "states", "derived", counted

    return derive


def _lc_growth(metric: str, annual: bool) -> Callable:
    def derive(con) -> tuple[float, str, str, pd.DataFrame]:
        rows = queries.get_values_by_key(con, [k for k in growth.LC_COMPARISON_KEYS if k[1] == metric])
        first, last = rows.sort_values("year")["value"].tolist()
        value = growth.cagr(first, last, 3) * 100 if annual else (last / first - 1) * 100
        return round(value, 1 if annual else 0), "percent", "derived", rows

    return derive


def _stored(name: str, label: str, key: ObsKey, caption: str = "") -> KeyFigure:
    return KeyFigure(name, label, caption, key=key)


REGISTRY: dict[str, KeyFigure] = {
    f.name: f
    for f in (
        _stored(
            "countries_with_ips",
            N_("Countries with IPS, 2020"),
            ("WLD", "countries_with_ips", 2020, "bond2020_intl"),
            N_("The USA and {countries_besides_usa} other countries"),
        ),
        KeyFigure(
            "countries_besides_usa", N_("Countries besides the USA with IPS, 2020"), derive=_countries_besides_usa
        ),
        _stored(
            "lc_countries", N_("Learning-community countries, 2020"), ("WLD", "lc_countries", 2020, "bond2020_intl")
        ),
        _stored(
            "us_programmes_2019",
            N_("US programmes, 2019 survey"),
            ("USA", "programmes", 2019, "pogue2022"),
            N_("All programmes reported by state agencies, 2019 national survey"),
        ),
        _stored(
            "us_programmes_2016", N_("US programmes, 2016 survey"), ("USA", "programmes", 2016, "johnsonkwochka2017")
        ),
        _stored(
            "us_lc_programmes_2019",
            N_("US learning-community programmes"),
            ("USA", "lc_programmes", 2019, "pogue2022"),
            N_("Programmes in learning-community jurisdictions, 2019 survey"),
        ),
        _stored(
            "us_lc_teams_2020",
            N_("US learning-community teams"),
            ("USA", "lc_teams", 2020, "bond2020_intl"),
            N_("Teams reporting to the learning community in 2020"),
        ),
        _stored(
            "us_programmes_2020_estimate",
            N_("US programmes incl. veterans' services"),
            ("USA", "programmes", 2020, "drake2020_growth"),
            N_("Authors' estimate for 2020 including Veterans Health Administration programmes, not a survey count"),
        ),
        _stored(
            "pooled_ips_pct",
            N_("Employed with IPS in trials"),
            ("WLD", "pooled_ips_employment_pct", 2020, "bond2020_update"),
        ),
        KeyFigure(
            "pooled_ips_vs_control",
            N_("Employed in trials: IPS vs control"),
            N_("Competitive employment pooled over {rct_count} randomised trials (N = {rct_participants})"),
            key=("WLD", "pooled_ips_employment_pct", 2020, "bond2020_update"),
            versus="pooled_control_pct",
        ),
        _stored(
            "pooled_control_pct",
            N_("Employed with other services in trials"),
            ("WLD", "pooled_control_employment_pct", 2020, "bond2020_update"),
        ),
        _stored("rct_count", N_("Randomised trials of IPS, 2020"), ("WLD", "rct_count", 2020, "bond2020_intl")),
        _stored(
            "rct_participants",
            N_("Participants in the pooled trials"),
            ("WLD", "rct_participants", 2020, "bond2020_update"),
        ),
        _stored(
            "states_with_ips_2016",
            N_("US states with IPS, 2016 survey"),
            ("USA", "states_with_ips", 2016, "johnsonkwochka2017"),
        ),
        _stored(
            "states_with_ips_2019", N_("US states with IPS, 2019 survey"), ("USA", "states_with_ips", 2019, "pogue2022")
        ),
        _stored(
            "lc_jurisdictions_2020",
            N_("US learning-community states or jurisdictions, 2020"),
            ("USA", "lc_jurisdictions", 2020, "bond2020_intl"),
        ),
        _stored(
            "lc_states_2019", N_("US learning-community states, 2019 survey"), ("USA", "lc_states", 2019, "pogue2022")
        ),
        _stored(
            "want_work_pct",
            N_("People with serious mental illness who want to work"),
            ("USA", "want_work_pct", 2020, "bond2020_update"),
        ),
        _stored(
            "access_to_ips_pct",
            N_("People with serious mental illness with access to IPS"),
            ("USA", "access_to_ips_pct", 2020, "bond2020_update"),
        ),
        _stored(
            "fidelity_r",
            N_("Fidelity–employment correlation, IPS-25 validation"),
            ("USA", "fidelity_employment_r", 2012, "bond2012_ips25", "*"),
        ),
        _stored(
            "fidelity_sites",
            N_("Sites in the IPS-25 validation study"),
            ("USA", "study_programmes", 2012, "bond2012_ips25", "*"),
        ),
        _stored("lc_states_2001", N_("US learning-community states, 2001"), ("USA", "lc_states", 2001, "iimhl_lc")),
        _stored(
            "fidelity_r_replication",
            N_("Fidelity–employment correlation, IPS-25 replication"),
            ("USA", "fidelity_employment_r", 2015, "kim2015", "*"),
        ),
        _stored(
            "eng_clients_2016",
            N_("People accessing IPS in England, 2016"),
            ("GB-ENG", "clients_served", 2016, "iimhl_gbr"),
        ),
        _stored(
            "eng_access_target_2029",
            N_("NHS England access target for 2028/29"),
            ("GB-ENG", "access_target", 2029, "iimhl_gbr"),
        ),
        _stored(
            "eqolise_ips_pct",
            N_("Employed with IPS in EQOLISE"),
            ("XEU", "trial_ips_employment_pct", 2007, "burns2007", "*"),
        ),
        _stored(
            "eqolise_control_pct",
            N_("Employed with other services in EQOLISE"),
            ("XEU", "trial_control_employment_pct", 2007, "burns2007", "*"),
        ),
        _stored(
            "nld_programmes_2019",
            N_("Dutch organisations delivering IPS, 2019"),
            ("NLD", "programmes", 2019, "iimhl_nld"),
        ),
        _stored(
            "nld_programmes_2003",
            N_("Dutch organisations delivering IPS, 2003"),
            ("NLD", "programmes", 2003, "iimhl_nld"),
        ),
        KeyFigure(
            "countries_dated_by_2005",
            N_("Countries with a documented start by 2005"),
            derive=_documented_starts("country", 2005),
        ),
        KeyFigure(
            "countries_dated_by_2020",
            N_("Countries with a documented start by 2020"),
            derive=_documented_starts("country", 2020),
        ),
        KeyFigure(
            "states_dated_by_2020",
            N_("US states with a documented start by 2020"),
            derive=_documented_starts("state", 2020),
        ),
        KeyFigure(
            "lc_growth_pct",
            N_("Programme growth in learning-community jurisdictions, 2016–19"),
            derive=_lc_growth("lc_programmes", False),
        ),
        KeyFigure(
            "lc_annual_growth_pct",
            N_("Yearly programme growth in learning-community jurisdictions"),
            derive=_lc_growth("lc_programmes", True),
        ),
        KeyFigure(
            "non_lc_growth_pct",
            N_("Programme growth in other US jurisdictions, 2016–19"),
            derive=_lc_growth("non_lc_programmes", False),
        ),
        KeyFigure(
            "non_lc_annual_growth_pct",
            N_("Yearly programme growth in other US jurisdictions"),
            derive=_lc_growth("non_lc_programmes", True),
        ),
    )
}


class UnknownFigure(KeyError):
    """A template or slide names a key figure that the registry does not have."""


def resolve(con: duckdb.DuckDBPyConnection, names: Iterable[str]) -> dict[str, Resolved]:
    """The named figures from the store; raises UnknownFigure or LookupError (no such stored value)."""
    names = list(dict.fromkeys(names))
    names += [REGISTRY[n].versus for n in names if n in REGISTRY and REGISTRY[n].versus not in ("", *names)]
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise UnknownFigure(", ".join(unknown))
    stored = list(dict.fromkeys(REGISTRY[n].key for n in names if REGISTRY[n].key))
    rows = queries.get_values_by_key(con, stored) if stored else pd.DataFrame()
    out = {}
    for name in names:
        spec = REGISTRY[name]
        label, caption = _(spec.label), _(spec.caption)
        if spec.key:
            geo, metric, year, source, *rest = spec.key
            subject = rest[0] if rest else ""
            match = rows[
                (rows["geo_code"] == geo)
                & (rows["metric"] == metric)
                & (rows["year"] == year)
                & (rows["source_id"] == source)
                & ((rows["subject"] == subject) | (subject == "*"))
            ]
            if len(match) != 1:
                raise LookupError(f"key figure {name}: {len(match)} stored values match {spec.key}")
            row = match.iloc[0]
            out[name] = Resolved(name, label, caption, float(row.value), row.unit, row.qualifier, match)
        else:
            value, unit, qualifier, inputs = spec.derive(con)
            out[name] = Resolved(name, label, caption, value, unit, qualifier, inputs)
    for name, spec in REGISTRY.items():
        if name in out and spec.versus:
            other = out[spec.versus]
            out[name] = dataclasses.replace(
                out[name], versus=other, rows=pd.concat([out[name].rows, other.rows], ignore_index=True)
            )
    return out


def placeholders(template: str) -> list[str]:
    """The `{name}` placeholders of a template, in order."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def fill(con: duckdb.DuckDBPyConnection, template: str) -> tuple[str, pd.DataFrame]:
    """The template with every `{name}` replaced by its figure's text, and what those figures cite."""
    figures = resolve(con, placeholders(template))
    text = re.sub(r"\{(\w+)\}", lambda m: figures[m.group(1)].text, template)
    return text, provenance.cite(*(f.rows for f in figures.values()))
