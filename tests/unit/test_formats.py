"""Numbers, percentages, quarters and Plotly's separators in the language in use."""

from __future__ import annotations

from ipsdash.i18n import formats, using


def test_numbers_group_as_the_language_does():
    with using("nl"):
        assert formats.number(1234) == "1.234"
        assert formats.number(30.52) == "30,52"
    with using("en"):
        assert formats.number(1234) == "1,234"
    assert formats.number(float("nan")) == "–"


def test_percentages():
    with using("nl"):
        assert formats.percent(43.1, 1) == "43,1%"
    with using("en"):
        assert formats.percent(43.1, 1) == "43.1%"


def test_quarters():
    with using("nl"):
        assert formats.quarter(2024, 2) == "K2 2024"
    with using("en"):
        assert formats.quarter(2024, 2) == "Q2 2024"


def test_plotly_separators():
    with using("nl"):
        assert formats.plotly_separators() == ",."
    with using("en"):
        assert formats.plotly_separators() == ".,"


def test_percentages_keep_the_locale_s_own_spacing():
    with using("es"):
        assert formats.percent(43.1, 1) == "43,1\xa0%"


def test_fixed_decimals_round_as_python_does_in_every_language():
    from ipsdash.domain.formatting import format_fixed

    with using("en"):
        assert format_fixed(0.5, 2) == "0.50" == f"{0.5:.2f}"
        assert format_fixed(0.505, 2) == f"{0.505:.2f}"  # the float's exact value decides, not its repr
        assert format_fixed(43.0, 1, "percent") == "43.0%"
        assert format_fixed(43.15, 1, "percent") == f"{43.15:.1f}%"
    with using("nl"):
        assert format_fixed(0.5, 2) == "0,50"
        assert format_fixed(1234.5, 1, "percent") == "1.234,5%"
