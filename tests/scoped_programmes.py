"""A data folder with confidential programmes in four places, for the tests of who sees what.

US-CT  Hartford 1-3        IPS-25 80, 95, 105    (a Connecticut lead's own)
US-VT  Vermont Secret 1-6  78-98  (fair band: a group of 6 with two of Connecticut's)
NLD    Utrecht Secret 1-6  100-110 (good band: a group of 6 with one of Connecticut's)
IT-45  Bologna Secret 1-2  118, 121 (exemplary: a group of 2, suppressed)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ipsdash.config import DATA_DIR
from ipsdash.pipeline import importer

PROGRAMMES = (
    [(f"CT{i}", f"Hartford {i}", "US-CT", s) for i, s in enumerate((80, 95, 105), 1)]
    + [(f"VT{i}", f"Vermont Secret {i}", "US-VT", 74 + 4 * i) for i in range(1, 7)]
    + [(f"NL{i}", f"Utrecht Secret {i}", "NLD", 98 + 2 * i) for i in range(1, 7)]
    + [(f"IT{i}", f"Bologna Secret {i}", "IT-45", s) for i, s in enumerate((118, 121), 1)]
)
OUTSIDE_CT = [name for _, name, geo, _ in PROGRAMMES if geo != "US-CT"]
NAMES_BY_GEO = {geo: [n for _, n, g, _ in PROGRAMMES if g == geo] for geo in ("US-CT", "US-VT", "NLD", "IT-45")}

ACCESS = """
[[person]]
email = "trainer@ct.example.org"
role = "region_lead"
geos = ["US-CT"]

[[person]]
email = "lead@hartford2.example.org"
role = "programme_lead"
programmes = ["CT2"]

[[person]]
subject = "staff-0001"
role = "lc_staff"

[[person]]
email = "national@us.example.org"
role = "region_lead"
geos = ["USA"]
"""


def make_scoped_data(folder: Path) -> tuple[Path, Path]:
    """Copy data/ into `folder`, import the programmes above as confidential; returns (data dir, store)."""
    data = folder / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", "imports", "logs", ".*lock"))
    outcomes, reviews = folder / "outcomes.csv", folder / "reviews.csv"
    outcomes.write_text(
        "programme_id,programme_name,geo_code,start_year,quarter,clients_served,clients_employed\n"
        + "".join(f"{p},{name},{geo},2012,2019-Q2,60,{20 + i}\n" for i, (p, name, geo, _) in enumerate(PROGRAMMES))
    )
    reviews.write_text(
        "programme_id,review_date,scale,total_score\n"
        + "".join(f"{p},2019-06-15,IPS-25,{score}\n" for p, _, _, score in PROGRAMMES)
    )
    store = data / "ipsdash.duckdb"
    importer.import_file(outcomes, "outcomes", data_dir=data, store_path=store)
    importer.import_file(reviews, "fidelity", data_dir=data, store_path=store)
    return data, store


def write_access(folder: Path) -> Path:
    """The access file above, in `folder`."""
    path = folder / "access.toml"
    path.write_text(ACCESS)
    return path
