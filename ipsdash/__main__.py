"""Command line (`ipsdash …`, or `python -m ipsdash …`): build | export VIEW | import KIND FILE [--replace]
[--public] | imports [list | remove ID] | template KIND | talk NAME [--pdf FILE] [--html FILE] | publish DIR | geo.

No command prints a traceback. Exit codes: 0 done; 2 bad input (a bad argument or file, a rejected
import, an unknown import id), with every problem as `FILE: row N, column C: what is wrong`; 1
anything else (data/ that does not build, a full disk, another writer busy), in a sentence.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipsdash.config import DATA_DIR, SCHEMA_PATH, STORE_PATH
from ipsdash.errors import MAX_LINES as MAX_SHOWN
from ipsdash.errors import UserError
from ipsdash.intake import contract, programmes
from ipsdash.pipeline import importer, manifest
from ipsdash.store import queries


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ipsdash", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    def with_paths(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sub.add_argument("--data-dir", type=Path, default=DATA_DIR)
        sub.add_argument("--store", type=Path, default=STORE_PATH)
        return sub

    with_paths(commands.add_parser("build", help="check data/ and build the DuckDB store"))
    export = with_paths(commands.add_parser("export", help="write a store view as CSV that opens in Excel"))
    export.add_argument("view", choices=queries.PUBLIC_VIEWS)
    export.add_argument(
        "--confidential", action="store_true", help="allow programme-level views (names and figures of programmes)"
    )
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    one = with_paths(commands.add_parser("import", help="validate and import a programme outcomes or fidelity file"))
    one.add_argument("kind", choices=list(contract.FILES))
    one.add_argument("file", type=Path, help="CSV (UTF-8) or XLSX, columns as in the template")
    one.add_argument("--replace", action="store_true", help="let rows overwrite stored rows with the same key")
    one.add_argument(
        "--public", action="store_true", help="programme names and per-programme figures may be shown to everyone"
    )
    listing = with_paths(commands.add_parser("imports", help="list the imports; `imports remove ID` removes one"))
    actions = listing.add_subparsers(dest="action")
    with_paths(actions.add_parser("list", help="list the imports (the default)"))
    remove = with_paths(actions.add_parser("remove", help="remove one import and rebuild the store"))
    remove.add_argument("id", help="the import's id, as `imports` lists it")
    deck = commands.add_parser("talk", help="write a talk as a PDF deck (one page a slide) and/or offline HTML")
    deck.add_argument("name", help="a talk in data/talks/ (file name without .yml)")
    deck.add_argument("--pdf", type=Path, help="PDF file to write")
    deck.add_argument("--html", type=Path, help="HTML file to write (opens offline in any browser)")
    site = commands.add_parser("publish", help="write a static copy of the talk and every page's default view")
    site.add_argument("dir", type=Path, help="folder to write (its previous copy is replaced)")
    site.add_argument("--talk", default="default", help="the talk to publish (default: default)")
    template = commands.add_parser("template", help="print the column template of an import file")
    template.add_argument("kind", choices=list(contract.FILES))
    geometry = commands.add_parser("geo", help="regenerate static/geo/*.geojson from world-atlas and us-atlas")
    geometry.add_argument("--world", type=Path, required=True, help="world-atlas countries-110m.json")
    geometry.add_argument("--us", type=Path, required=True, help="us-atlas states-10m.json")
    return parser.parse_args(argv)


def _where(args: argparse.Namespace, err: UserError) -> str:
    """What a problem is about, as the user named it: the file given to import, or the manifest."""
    if isinstance(err, importer.ImportNotFound):
        return manifest.display(manifest.manifest_path(args.data_dir))
    if args.command == "import" and isinstance(err, importer.ImportRejected | importer.ImportFailed):
        return programmes.show(args.file, 300)
    return err.file


def _err(*lines: str) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _import(args: argparse.Namespace) -> int:
    def progress(fraction: float, step: str) -> None:
        print(f"[{fraction:4.0%}] {step}", file=sys.stderr, flush=True)

    result = importer.import_file(
        args.file,
        args.kind,
        replace=args.replace,
        public=args.public,
        progress=progress,
        data_dir=args.data_dir,
        store_path=args.store,
    )
    print(result.message)
    return 0


def _imports(args: argparse.Namespace) -> int:
    if args.action == "remove":
        result = importer.remove_import(args.id, data_dir=args.data_dir, store_path=args.store)
        print(result.message)
        return 0
    entries = manifest.read_entries(args.data_dir)
    if not entries:
        print("No imports: the programme pages show the demonstration set.")
        return 0
    rows = [("id", "kind", "original name", "rows", "imported (UTC)", "public")]
    rows += [
        (e.id, e.kind, programmes.show(e.original_name, 40), f"{e.rows:,}", e.imported_at, "yes" if e.public else "no")
        for e in entries
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


CONFIDENTIAL_VIEWS = tuple(contract.TABLES)


def _output(path: Path | None, data: bytes) -> bool:
    """Write to `path` (or standard output); False, with a one-line message, when it cannot be written."""
    if path is None:
        sys.stdout.buffer.write(data)
        return True
    try:
        path.write_bytes(data)
    except OSError as err:
        _err(f"{path}: cannot write: {err.strerror or err}")
        return False
    return True


def _read(args: argparse.Namespace) -> int:
    """The commands that read the store: export, talk, publish."""
    from ipsdash.store.database import connect, ensure_store

    if args.command == "export" and args.view in CONFIDENTIAL_VIEWS and not args.confidential:
        _err(f"export {args.view}: programme data is confidential; add --confidential to write it anyway")
        return 2
    store_path = getattr(args, "store", STORE_PATH)
    status = ensure_store(getattr(args, "data_dir", DATA_DIR), store_path)
    if not status.usable:
        _err(status.message, *status.problems)
        return 1
    if status.state == "stale":
        _err(status.message)
    with connect(store_path) as con:
        if args.command == "export":
            from ipsdash.outputs.csv_export import to_safe_csv

            return 0 if _output(args.out, to_safe_csv(queries.get_view(con, args.view))) else 2
        if args.command == "publish":
            return _publish(con, args)
        return _talk(con, args)


def _publish(con, args: argparse.Namespace) -> int:
    from ipsdash.outputs import publish

    written = publish.publish(con, args.dir, args.talk)
    print(f"wrote {len(written)} files to {args.dir} (open {args.dir / 'index.html'})")
    return 0


def _talk(con, args: argparse.Namespace) -> int:
    from ipsdash.outputs import talk_html as talk_export
    from ipsdash.outputs import talk_track as talk

    if not (args.pdf or args.html):
        _err("talk: give --pdf FILE and/or --html FILE")
        return 2
    title, slides = talk.load_talk(args.name, talk.options_from(con))
    rendered = [talk.render_slide(con, slide) for slide in slides]
    if args.html:
        if not _output(args.html, talk_export.talk_html(title, rendered)):
            return 2
        print(f"wrote {args.html}: {len(rendered)} slides, opens offline")
    if args.pdf:
        if not _output(args.pdf, talk_export.talk_pdf(rendered)):
            return 2
        print(f"wrote {args.pdf}: {len(rendered)} pages")
    return 0


def _run(args: argparse.Namespace) -> int:
    from ipsdash.pipeline.build import build_store  # imported here so `template` and errors stay fast

    data_dir = getattr(args, "data_dir", None)
    if data_dir is not None and not (data_dir / "observations.csv").is_file():
        _err(f"{data_dir}: not a data folder (it has no observations.csv); nothing was written")
        return 2

    if args.command == "build":
        report = build_store(args.data_dir, args.store, SCHEMA_PATH)
        counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
        print(f"built {report.store_path} in {report.seconds:.2f} s: {counts}")
    elif args.command in ("export", "talk", "publish"):
        return _read(args)
    elif args.command == "import":
        return _import(args)
    elif args.command == "imports":
        return _imports(args)
    elif args.command == "template":
        sys.stdout.buffer.write(contract.template(args.kind))
    elif args.command == "geo":
        from ipsdash.pipeline.geometry import build_geometry  # geopandas is only needed here

        for name, size in build_geometry(args.world, args.us).items():
            print(f"wrote static/geo/{name}: {size / 1024:.0f} KiB")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit code. Never lets a traceback reach the terminal."""
    args = _parse(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args)
    except UserError as err:  # every problem a user can act on, printed one way
        _err(*err.lines(MAX_SHOWN, where=_where(args, err)))
        return err.exit_code
    except KeyboardInterrupt:
        _err("interrupted; nothing half-written was published")
        return 130
    except Exception as err:  # the one place an unexpected error becomes a sentence
        first = (str(err).splitlines() or [""])[0][:300]
        _err(f"error: {type(err).__name__}: {first}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
