"""Command line: python -m ipsdash build | export VIEW [--out FILE] | geo --world F --us F."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipsdash import queries
from ipsdash.build import build_store
from ipsdash.export import to_safe_csv
from ipsdash.paths import DATA_DIR, SCHEMA_PATH, STORE_PATH
from ipsdash.store import connect, ensure_store
from ipsdash.validate import DataError


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m ipsdash", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="check data/ and build the DuckDB store")
    build.add_argument("--data-dir", type=Path, default=DATA_DIR)
    build.add_argument("--store", type=Path, default=STORE_PATH)
    export = commands.add_parser("export", help="write a public view as spreadsheet-safe CSV")
    export.add_argument("view", choices=queries.PUBLIC_VIEWS)
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    geometry = commands.add_parser("geo", help="regenerate static/geo/*.geojson from world-atlas and us-atlas")
    geometry.add_argument("--world", type=Path, required=True, help="world-atlas countries-110m.json")
    geometry.add_argument("--us", type=Path, required=True, help="us-atlas states-10m.json")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    args = _parse(sys.argv[1:] if argv is None else argv)
    try:
        if args.command == "build":
            report = build_store(args.data_dir, args.store, SCHEMA_PATH)
            counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
            print(f"built {report.store_path} in {report.seconds:.2f} s: {counts}")
        elif args.command == "export":
            ensure_store()
            with connect() as con:
                data = to_safe_csv(queries.get_view(con, args.view))
            if args.out:
                args.out.write_bytes(data)
            else:
                sys.stdout.buffer.write(data)
        elif args.command == "geo":
            from ipsdash.geo import build_geometry  # geopandas is only needed here

            for name, size in build_geometry(args.world, args.us).items():
                print(f"wrote static/geo/{name}: {size / 1024:.0f} KiB")
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
