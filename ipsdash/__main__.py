"""Command line: python -m ipsdash build | export VIEW | import KIND FILE [--replace] | template KIND | geo."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipsdash import importer, programmes, queries
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
    imports = commands.add_parser("import", help="validate and import a programme outcomes or fidelity file")
    imports.add_argument("kind", choices=["outcomes", "fidelity"])
    imports.add_argument("file", type=Path, help="CSV (UTF-8) or XLSX, columns as in the template")
    imports.add_argument("--replace", action="store_true", help="let rows overwrite stored rows with the same key")
    imports.add_argument("--data-dir", type=Path, default=DATA_DIR)
    imports.add_argument("--store", type=Path, default=STORE_PATH)
    template = commands.add_parser("template", help="print the column template of an import file")
    template.add_argument("kind", choices=["outcomes", "fidelity"])
    geometry = commands.add_parser("geo", help="regenerate static/geo/*.geojson from world-atlas and us-atlas")
    geometry.add_argument("--world", type=Path, required=True, help="world-atlas countries-110m.json")
    geometry.add_argument("--us", type=Path, required=True, help="us-atlas states-10m.json")
    return parser.parse_args(argv)


def _import(args: argparse.Namespace) -> int:
    def progress(fraction: float, step: str) -> None:
        print(f"[{fraction:4.0%}] {step}", file=sys.stderr, flush=True)

    if not args.file.exists():
        print(f"{args.file}: no such file", file=sys.stderr)
        return 2
    try:
        result = importer.import_file(
            args.file, args.kind, replace=args.replace, progress=progress, data_dir=args.data_dir, store_path=args.store
        )
    except importer.ImportRejected as err:
        for problem in err.problems:
            print(f"{args.file}: {problem}", file=sys.stderr)
        print(f"{len(err.problems)} problem(s); nothing was imported.", file=sys.stderr)
        return 1
    print(result.message)
    return 0


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
        elif args.command == "import":
            return _import(args)
        elif args.command == "template":
            sys.stdout.buffer.write(programmes.template(args.kind))
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
