"""Place names in the language in use: countries and the world from CLDR (Babel), sub-national areas from
pycountry's own translations of ISO 3166-2, and our groups of places ('Europe (multi-country studies)')
from ipsdash's catalogs. English keeps the data's own names (data/geographies.csv), word for word.

The queries and views put names through `localise` once per data path, so the area picker finds
'Nederland', 'Paesi Bassi' and 'Países Bajos' and every hover, title and legend names places alike.
"""

from __future__ import annotations

import functools
import gettext
import re

import pandas as pd
import pycountry
from babel import Locale

from ipsdash.i18n import DEFAULT, N_, catalogs, current

WORLD = "WLD"
COUNTRY = re.compile(r"[A-Z]{3}")
SUBDIVISION = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
OURS = re.compile(r"\s*(\([^()]*\))\s*$")  # a parenthetical of ours: 'Västerbotten (Umeå)'
ALTERNATIVES = re.compile(r"\s*\[[^\]]*\]")  # pycountry's alternative names and codes: 'Catalunya [Cataluña]'

# Groups of places that are neither a country nor a subdivision: translated by the catalogs (the English
# message is the name in data/geographies.csv, exactly).
GROUPS = {
    "XEU": N_("Europe (multi-country studies)"),
    "XLC": N_("IPS Learning Community (all members)"),
}


def name(geo_code: str, english: str) -> str:
    """The name of a place in the language in use: `english` (the data's own name) in English; the CLDR
    name of a country ('NLD' -> 'Nederland', 'Paesi Bassi', 'Países Bajos') or of the world ('WLD'); the
    translated name of a sub-national area ('IT-25' -> 'Lombardia' in Italian), keeping a parenthetical of
    ours; any other place (a group such as 'XEU') as the catalog translates its English name."""
    lang = current()
    if lang == DEFAULT or not isinstance(geo_code, str) or not isinstance(english, str) or not english:
        return english
    found = _standard_name(lang, geo_code.strip().upper(), english)
    return found if found is not None else catalogs.translations(lang).gettext(english)


def localise(frame: pd.DataFrame, code: str = "geo_code", label: str = "name") -> pd.DataFrame:
    """A copy of `frame` with its `label` column named in the language in use (see `name`), the place in
    its `code` column."""
    out = frame.copy()
    if current() == DEFAULT or out.empty or code not in out or label not in out:
        return out
    pairs = out[[code, label]].drop_duplicates()
    names = {(c, e): name(c, e) for c, e in pairs.itertuples(index=False, name=None)}
    out[label] = [names[pair] for pair in zip(out[code], out[label], strict=True)]
    return out


@functools.cache
def _standard_name(lang: str, code: str, english: str) -> str | None:
    """The CLDR or ISO 3166-2 name of a country, the world or a subdivision; None for anything else."""
    if code == WORLD:
        return _territory(lang, "001")
    if COUNTRY.fullmatch(code):
        country = pycountry.countries.get(alpha_3=code)
        return _territory(lang, country.alpha_2) if country is not None else None
    if SUBDIVISION.fullmatch(code):
        subdivision = pycountry.subdivisions.get(code=code)
        return _subdivision(lang, subdivision.name, english) if subdivision is not None else english
    return None


def _territory(lang: str, territory: str) -> str | None:
    """CLDR's name of a territory, its short form where Babel has one (Babel 2.19 keeps none, so Hong Kong
    stays 'Hongkong SAR van China')."""
    territories = _locale(lang).territories
    name_ = territories.get(f"{territory}-alt-short") or territories.get(territory)
    # CLDR writes the world as within a sentence ('wereld'); a name on its own starts with a capital.
    return name_[:1].upper() + name_[1:] if name_ else None


def _subdivision(lang: str, iso_name: str, english: str) -> str:
    """pycountry's translation of a subdivision's ISO name, without its bracketed alternatives, with our
    parenthetical ('Västerbottens län (Umeå)')."""
    translated = ALTERNATIVES.sub("", _iso3166_2(lang).gettext(iso_name)).strip() or english
    ours = OURS.search(english)
    if ours and ours.group(1) not in translated:
        translated = f"{translated} {ours.group(1)}"
    return translated


@functools.cache
def _iso3166_2(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


__all__ = ["GROUPS", "localise", "name"]
