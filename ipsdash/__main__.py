"""Command line (`ipsdash …`, or `python -m ipsdash …`): build | export VIEW [--as WHO] | import KIND FILE
[--replace] [--public] [--check] | imports [list | remove ID] | template KIND | talk NAME [--pdf FILE]
[--html FILE] | report REGION --quarter Q [--pdf FILE] [--html FILE] | report --all --quarter Q --out DIR |
publish DIR | follow show|stop NAME | animate --out FILE.gif|.mp4 [--view V] [--measure M]
[--size square|wide] | access [FILE] | geo.

No command prints a traceback. Exit codes: 0 done; 2 bad input (a bad argument or file, a rejected
import, an unknown import id), with every problem as `FILE: row N, column C: what is wrong`; 1
anything else (data/ that does not build, a full disk, another writer busy), in a sentence.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path

from babel.numbers import format_decimal

from ipsdash import i18n
from ipsdash.config import DATA_DIR, SCHEMA_PATH, STORE_PATH
from ipsdash.errors import MAX_LINES as MAX_SHOWN
from ipsdash.errors import UserError
from ipsdash.i18n import N_, _, catalogs, formats, ngettext
from ipsdash.intake import contract, programmes
from ipsdash.pipeline import importer, manifest
from ipsdash.store import queries

# The help's description: the docstring's first paragraph, as a message (argparse joins its lines).
DESCRIPTION = N_(
    "Command line (`ipsdash …`, or `python -m ipsdash …`): build | export VIEW [--as WHO] | import KIND FILE "
    "[--replace] [--public] [--check] | imports [list | remove ID] | template KIND | talk NAME [--pdf FILE] "
    "[--html FILE] | report REGION --quarter Q [--pdf FILE] [--html FILE] | report --all --quarter Q --out DIR | "
    "publish DIR | follow show|stop NAME | animate --out FILE.gif|.mp4 [--view V] [--measure M] "
    "[--size square|wide] | access [FILE] | geo."
)


def _system_language() -> str:
    """The language gettext would pick from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), if ours."""
    for name in ("IPSDASH_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for tag in os.environ.get(name, "").split(":"):
            if lang := i18n.choose(tag):
                return lang
    return i18n.DEFAULT


def _language(value: str) -> str:
    if value.lower() not in i18n.LANGUAGES:
        raise argparse.ArgumentTypeError(
            _("'{value}' is not one of {languages}").format(value=value, languages=", ".join(i18n.LANGUAGES))
        )
    return value.lower()


def _asked_language(argv: list[str]) -> str | None:
    """The --lang given anywhere in `argv`, if it is one of ours: read before the arguments are parsed, so
    the help and the argument errors are in it too."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.partition("=")[2]
        if (arg == "--lang" or arg.startswith("--lang=")) and value.lower() in i18n.LANGUAGES:
            return value.lower()
    return None


def _parse(argv: list[str]) -> argparse.Namespace:
    # --lang may come before or after the command: `ipsdash --lang nl talk default` or `talk default --lang nl`.
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument(
        "--lang",
        type=_language,
        default=argparse.SUPPRESS,
        help=_("language of what is written: {languages} (default: from LANG, else en)").format(
            languages=", ".join(i18n.LANGUAGES)
        ),
    )
    parser = argparse.ArgumentParser(prog="ipsdash", description=_(DESCRIPTION), parents=[language])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser = functools.partial(commands.add_parser, parents=[language])
    _data_commands(commands)
    _output_commands(commands)
    _other_commands(commands)
    return parser.parse_args(argv)


def _with_paths(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub.add_argument("--data-dir", type=Path, default=DATA_DIR)
    sub.add_argument("--store", type=Path, default=STORE_PATH)
    return sub


def _data_commands(commands) -> None:
    """The commands that build the store, take files in and give data out."""
    _with_paths(commands.add_parser("build", help=_("check data/ and build the DuckDB store")))
    export = _with_paths(commands.add_parser("export", help=_("write a store view as CSV that opens in Excel")))
    export.add_argument("view", choices=queries.PUBLIC_VIEWS)
    export.add_argument(
        "--confidential", action="store_true", help=_("allow programme-level views (names and figures of programmes)")
    )
    export.add_argument(
        "--as",
        dest="as_who",
        metavar="WHO",
        help=_("programme views: only the programmes this person (an email or subject in the access file) may see"),
    )
    export.add_argument("--out", type=Path, help=_("file to write (default: standard output)"))
    one = _with_paths(
        commands.add_parser("import", help=_("validate and import a programme outcomes or fidelity file"))
    )
    one.add_argument("kind", choices=list(contract.FILES))
    one.add_argument("file", type=Path, help=_("CSV (UTF-8) or XLSX, columns as in the template"))
    one.add_argument("--replace", action="store_true", help=_("let rows overwrite stored rows with the same key"))
    one.add_argument(
        "--public", action="store_true", help=_("programme names and per-programme figures may be shown to everyone")
    )
    one.add_argument(
        "--check", action="store_true", help=_("print a quality report against the stored data and change nothing")
    )
    listing = _with_paths(commands.add_parser("imports", help=_("list the imports; `imports remove ID` removes one")))
    actions = listing.add_subparsers(dest="action")
    _with_paths(actions.add_parser("list", help=_("list the imports (the default)")))
    remove = _with_paths(actions.add_parser("remove", help=_("remove one import and rebuild the store")))
    remove.add_argument("id", help=_("the import's id, as `imports` lists it"))
    template = commands.add_parser("template", help=_("print the column template of an import file"))
    template.add_argument("kind", choices=list(contract.FILES))


def _output_commands(commands) -> None:
    """The commands that write talks, reports, the published copy and the film."""
    deck = commands.add_parser(
        "talk",
        help=_(
            "write a talk as a PDF deck (one page a slide) and/or offline HTML, in the language of --lang (text "
            "without a translation is shown in English, marked); with neither --pdf nor --html, list the slides "
            "that lack a translation into nl, es and it"
        ),
    )
    deck.add_argument("name", help=_("a talk in data/talks/ (file name without .yml)"))
    deck.add_argument("--pdf", type=Path, help=_("PDF file to write"))
    deck.add_argument("--html", type=Path, help=_("HTML file to write (opens offline in any browser)"))
    pack = _with_paths(
        commands.add_parser("report", help=_("write a quarterly comparison report for a region (or every region)"))
    )
    pack.add_argument("region", nargs="*", help=_("region codes (a US state US-CT, a country NLD, a region IT-45)"))
    pack.add_argument("--quarter", required=True, help=_("the quarter reported on, like 2025-Q2"))
    pack.add_argument("--programme", action="append", default=[], help=_("a programme id to report on (repeatable)"))
    pack.add_argument("--pdf", type=Path, help=_("PDF file to write"))
    pack.add_argument("--html", type=Path, help=_("HTML file to write (opens offline in any browser)"))
    pack.add_argument("--all", action="store_true", help=_("one pack per region in the data, into --out DIR"))
    pack.add_argument("--out", type=Path, help=_("with --all: the folder to write REGION.html and REGION.pdf into"))
    pack.add_argument("--no-pdf", action="store_true", help=_("with --all: write the HTML files only"))
    site = commands.add_parser(
        "publish", help=_("write a static copy of the talk and every page's default view, in the language of --lang")
    )
    site.add_argument("dir", type=Path, help=_("folder to write (its previous copy is replaced)"))
    site.add_argument("--talk", default="default", help=_("the talk to publish (default: default)"))
    film = _with_paths(commands.add_parser("animate", help=_("write the adoption map as a film, one frame a year")))
    film.add_argument("--out", type=Path, required=True, help=_("file to write: .gif or .mp4"))
    film.add_argument("--view", default="world", help=_("world, europe or us (default: world)"))
    film.add_argument("--measure", default="first_programme", help=_("what colours the map (default: first_programme)"))
    film.add_argument("--size", default="square", help=_("square (1080 x 1080) or wide (1920 x 1080); default: square"))


def _other_commands(commands) -> None:
    """Access files, the room's follow session and the geometry."""
    check = commands.add_parser(
        "access", help=_("check an access file: each person's role and scope, or every problem")
    )
    check.add_argument("file", type=Path, nargs="?", help=_("the access file (default: IPSDASH_ACCESS_FILE)"))
    room = commands.add_parser("follow", help=_("show or end the room's follow session of a talk"))
    room.add_argument("action", choices=["show", "stop"])
    room.add_argument("name", help=_("the talk (file name without .yml)"))
    geometry = commands.add_parser("geo", help=_("regenerate static/geo/*.geojson from world-atlas and us-atlas"))
    geometry.add_argument("--world", type=Path, required=True, help=_("world-atlas countries-110m.json"))
    geometry.add_argument("--us", type=Path, required=True, help=_("us-atlas states-10m.json"))


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
        print(f"[{formats.percent(fraction * 100, 0):>4}] {step}", file=sys.stderr, flush=True)

    label = programmes.show(args.file, 300)
    if args.check:
        return _check(args, label)
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


def _check(args: argparse.Namespace, label: str) -> int:
    from ipsdash.domain import quality

    report = importer.check_file(args.file, args.kind, data_dir=args.data_dir)  # a refusal: main() prints it
    print(f"{label}:", *quality.report_lines(report), sep="\n")
    return 0


def _imports(args: argparse.Namespace) -> int:
    if args.action == "remove":
        result = importer.remove_import(args.id, data_dir=args.data_dir, store_path=args.store)
        print(result.message)
        return 0
    entries = manifest.read_entries(args.data_dir)
    if not entries:
        print(_("No imports: the programme pages show the demonstration set."))
        return 0
    # TRANSLATORS: column headers of `ipsdash imports`: each import's id, its kind (outcomes or fidelity), the
    # file's name, its rows, when it was imported, and whether its programmes may be shown to everyone.
    rows = [(_("id"), _("kind"), _("original name"), _("rows"), _("imported (UTC)"), _("public"))]
    # TRANSLATORS: in the 'public' column of `ipsdash imports`.
    yes, no = _("yes"), _("no")
    rows += [
        (
            e.id,
            e.kind,
            programmes.show(e.original_name, 40),
            formats.number(e.rows, 0),
            e.imported_at,
            yes if e.public else no,
        )
        for e in entries
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def _export_viewer(args: argparse.Namespace):
    """Who an export is for: every programme (--confidential), a person's scope (--as), else the public.
    Returns (viewer, problems); a programme view for the public is refused, as is an unknown person."""
    from ipsdash.access import access_file
    from ipsdash.access.viewer import PUBLIC, Viewer

    if args.view not in queries.PROGRAMME_VIEWS:
        return PUBLIC, []
    if args.confidential and args.as_who:
        return None, [_("export {view}: give --confidential or --as, not both").format(view=args.view)]
    if args.confidential:
        return Viewer("lc_staff", who="command line"), []
    if not args.as_who:
        return None, [
            _(
                "export {view}: programme data is confidential; add --confidential to write it anyway, "
                "or --as WHO for one person's programmes"
            ).format(view=args.view)
        ]
    path = access_file.access_file_path()
    if path is None:
        return None, [
            _("export --as: no access file is configured ({variable} is not set)").format(
                variable=access_file.ACCESS_FILE_ENV
            )
        ]
    try:
        found = access_file.load_access(path).viewer_for(args.as_who, args.as_who, email_verified=True)
    except access_file.AccessFileError as err:
        return None, err.problems
    if found is None:
        return None, [
            _("{path}: {who} has no entry; nothing was written").format(path=path, who=programmes.show(args.as_who, 80))
        ]
    return found, []


def _output(path: Path | None, data: bytes) -> bool:
    """Write to `path` (or standard output); False, with a one-line message, when it cannot be written."""
    if path is None:
        sys.stdout.buffer.write(data)
        return True
    try:
        path.write_bytes(data)
    except OSError as err:
        _err(_("{path}: cannot write: {error}").format(path=path, error=err.strerror or err))
        return False
    return True


def _read(args: argparse.Namespace) -> int:
    """The commands that read the store: export, talk, publish, report, animate."""
    from ipsdash.store.database import connect, ensure_store

    viewer = None
    if args.command == "export":
        viewer, problems = _export_viewer(args)
        if problems:
            _err(*problems[:MAX_SHOWN])
            return 2
    if args.command == "animate" and not _film_wanted(args):
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

            return 0 if _output(args.out, to_safe_csv(queries.get_view(con, args.view, viewer))) else 2
        if args.command == "publish":
            return _publish(con, args)
        if args.command == "report":
            return _report(con, args)
        if args.command == "animate":
            return _animate(con, args)
        return _talk(con, args)


def _publish(con, args: argparse.Namespace) -> int:
    from ipsdash.outputs import publish

    written = publish.publish(con, args.dir, args.talk)
    print(
        _("wrote {count} files to {folder} (open {index})").format(
            count=len(written), folder=args.dir, index=args.dir / "index.html"
        )
    )
    return 0


def _report(con, args: argparse.Namespace) -> int:
    from ipsdash.outputs import report_pack
    from ipsdash.pipeline.origins import row_origins
    from ipsdash.views import report

    if args.all == bool(args.region or args.programme):
        _err(_("report: give region codes (or --programme ID), or --all, but not both"))
        return 2
    if args.all and not args.out:
        _err(_("report --all: give --out DIR, the folder to write one pack per region into"))
        return 2
    if not args.all and not (args.pdf or args.html):
        _err(_("report: give --pdf FILE and/or --html FILE"))
        return 2
    data = report.load(con, row_origins(args.data_dir))
    try:
        if not args.all:
            scope = report.parse_scope(data, args.region, args.programme, args.quarter)
            for path in report_pack.write_pack(report.build(data, scope, args.quarter), args.html, args.pdf):
                print(_("wrote {path}").format(path=path))
            return 0
        if not report.QUARTER.fullmatch(args.quarter):
            report.parse_scope(data, [], [], args.quarter)  # raises the quarter's message
        args.out.mkdir(parents=True, exist_ok=True)
        report_pack.write_plotly(args.out)  # the packs share one copy of Plotly's script (4.6 MB)
        written = skipped = 0
        for code in report.regions(data):
            try:
                scope = report.parse_scope(data, [code], [], args.quarter)
            except report.ReportError as err:
                _err(_("{region}: skipped: {problem}").format(region=code, problem=err))
                skipped += 1
                continue
            built = report.build(data, scope, args.quarter)
            pdf = None if args.no_pdf else args.out / f"{code}.pdf"
            html_path = args.out / f"{code}.html"
            written += len(report_pack.write_pack(built, html_path, pdf, report_pack.PLOTLY_FILE))
        print(
            _("wrote {count} files and {script} to {folder} ({skipped} region(s) without data for {quarter})").format(
                count=written, script=report_pack.PLOTLY_FILE, folder=args.out, skipped=skipped, quarter=args.quarter
            )
        )
        return 0 if written else 2
    except report.ReportError as err:
        _err(_("report: {problem}").format(problem=err))
        return 2
    except OSError as err:
        _err(_("report: cannot write {path}: {error}").format(path=err.filename or "", error=err.strerror or err))
        return 2


def _film_wanted(args: argparse.Namespace) -> bool:
    """The film's arguments are usable; else say what is wrong (before the store is opened)."""
    from ipsdash.outputs import film

    try:
        film.check(args.view, args.measure, args.size, args.out.suffix.lower().lstrip("."))
    except film.FilmRefused as err:
        _err(_("animate: {problem}; nothing was written").format(problem=err))
        return False
    return True


def _animate(con, args: argparse.Namespace) -> int:
    from ipsdash.outputs import film, images

    fmt = args.out.suffix.lower().lstrip(".")

    years = []

    def progress(done: int, total: int) -> None:
        years[:] = [total]
        print(_("[{done}/{total}] frames rendered").format(done=f"{done:>3}", total=total), file=sys.stderr, flush=True)

    try:
        data = film.film(con, args.view, args.measure, args.size, fmt, progress)
    except images.ExportUnavailable as err:
        _err(_("animate: {problem}").format(problem=err))
        return 1
    if not _output(args.out, data):
        return 2
    width, height = film.SIZES[args.size]
    print(
        _("wrote {path}: {count} frames, one a year, {width} x {height} px").format(
            path=args.out, count=years[0], width=width, height=height
        )
    )
    return 0


def _translation_lines(loaded) -> list[str]:
    """For each language a talk may be translated into, which slides (and fields) lack a translation."""
    from ipsdash.outputs.talk_track import TRANSLATIONS

    total = len(loaded.slides)
    lines = [ngettext("{talk}: {count} slide", "{talk}: {count} slides", total).format(talk=loaded.name, count=total)]
    for lang in TRANSLATIONS:
        title_missing, slides = loaded.untranslated(lang)
        if title_missing:
            lines.append(_("{language}: the talk's title lacks a translation").format(language=lang))
        if not slides:
            lines.append(_("{language}: every slide is translated").format(language=lang))
            continue
        listed = ", ".join(
            _("slide {number} ({fields})").format(number=number, fields=", ".join(fields)) for number, fields in slides
        )
        lines.append(
            ngettext(
                "{language}: {count} of {total} slides lacks a translation: {slides}",
                "{language}: {count} of {total} slides lack a translation: {slides}",
                len(slides),
            ).format(language=lang, count=len(slides), total=total, slides=listed)
        )
    return lines


def _untranslated_warning(loaded) -> list[str]:
    """What is shown in English in a talk written in another language (nothing in English, or all translated)."""
    from ipsdash.outputs.talk_html import untranslated_marker

    title_missing, slides = loaded.untranslated(loaded.lang)
    lines = []
    if title_missing:
        lines.append(
            _("talk: the talk's title lacks a translation into {language}: it is shown in English").format(
                language=loaded.lang
            )
        )
    if slides:
        numbers = ", ".join(str(number) for number, _fields in slides)
        lines.append(
            ngettext(
                "talk: slide {numbers} lacks a translation into {language}: its text is shown in English, marked "
                "{marker}",
                "talk: slides {numbers} lack a translation into {language}: their text is shown in English, marked "
                "{marker}",
                len(slides),
            ).format(numbers=numbers, language=loaded.lang, marker=untranslated_marker())
        )
    return lines


def _talk(con, args: argparse.Namespace) -> int:
    from ipsdash.outputs import talk_html as talk_export
    from ipsdash.outputs import talk_track as talk

    loaded = talk.read_talk(args.name, talk.options_from(con))
    if not (args.pdf or args.html):  # nothing to write: what lacks a translation
        print(*_translation_lines(loaded), sep="\n")
        return 0
    rendered = [talk.render_slide(con, slide) for slide in loaded.slides]
    if args.html:
        if not _output(args.html, talk_export.talk_html(loaded.title, rendered)):
            return 2
        print(
            ngettext(
                "wrote {path}: {count} slide, opens offline",
                "wrote {path}: {count} slides, opens offline",
                len(rendered),
            ).format(path=args.html, count=len(rendered))
        )
    if args.pdf:
        if not _output(args.pdf, talk_export.talk_pdf(rendered)):
            return 2
        print(
            ngettext("wrote {path}: {count} page", "wrote {path}: {count} pages", len(rendered)).format(
                path=args.pdf, count=len(rendered)
            )
        )
    _err(*_untranslated_warning(loaded))
    return 0


def _access(args: argparse.Namespace) -> int:
    from ipsdash.access import access_file

    path = args.file or access_file.access_file_path()
    if path is None:
        _err(_("access: give a FILE or set {variable}").format(variable=access_file.ACCESS_FILE_ENV))
        return 2
    try:
        access = access_file.load_access(path)
    except access_file.AccessFileError as err:
        _err(
            *err.problems[:MAX_SHOWN],
            _("{path}: {count} problem(s); refused").format(path=path, count=formats.number(len(err.problems), 0)),
        )
        return 2
    people = [*access.by_email.items(), *access.by_subject.items()]
    for key, viewer in people:
        print(f"{programmes.show(key, 80)}: {viewer.describe()}")
    print(_("{path}: {count} entries, no problems").format(path=path, count=len(people)))
    return 0


def _follow(args: argparse.Namespace) -> int:
    """Show the follow state of a talk, or end its session (the presenter's machine needs no key)."""
    from ipsdash.outputs import follow

    try:
        state = follow.end(args.name) if args.action == "stop" else follow.read(args.name)
    except follow.FollowRefused as err:
        _err(_("follow: {problem}").format(problem=err))
        return 2
    if state is None:
        print(_("no follow session was started for '{talk}'").format(talk=args.name[:64]))
    elif state.following:
        print(
            _("{talk}: slide {slide} / {count}, following").format(
                talk=state.talk, slide=state.slide, count=state.slides
            )
        )
    else:
        print(
            _("{talk}: slide {slide} / {count}, ended").format(talk=state.talk, slide=state.slide, count=state.slides)
        )
    return 0


def _run(args: argparse.Namespace) -> int:
    from ipsdash.pipeline.build import build_store  # imported here so `template` and errors stay fast

    data_dir = getattr(args, "data_dir", None)
    if data_dir is not None and not (data_dir / "observations.csv").is_file():
        _err(_("{folder}: not a data folder (it has no observations.csv); nothing was written").format(folder=data_dir))
        return 2

    if args.command == "build":
        catalogs.compile_all()  # the message catalogs the app and the exports read
        report = build_store(args.data_dir, args.store, SCHEMA_PATH)
        counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
        seconds = format_decimal(report.seconds, format="0.00", locale=i18n.current())
        print(_("built {path} in {seconds} s: {counts}").format(path=report.store_path, seconds=seconds, counts=counts))
    elif args.command in ("export", "talk", "publish", "report", "animate"):
        return _read(args)
    elif args.command == "import":
        return _import(args)
    elif args.command == "imports":
        return _imports(args)
    elif args.command == "access":
        return _access(args)
    elif args.command == "follow":
        return _follow(args)
    elif args.command == "template":
        sys.stdout.buffer.write(contract.template(args.kind))
    elif args.command == "geo":
        from ipsdash.pipeline.geometry import build_geometry  # geopandas is only needed here

        for name, size in build_geometry(args.world, args.us).items():
            print(_("wrote static/geo/{name}: {size} KiB").format(name=name, size=f"{size / 1024:.0f}"))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command in the language of --lang (else the system's); return the process exit code. Never
    lets a traceback reach the terminal. The language in use before is in use again after."""
    argv = sys.argv[1:] if argv is None else argv
    lang = _asked_language(argv) or _system_language()
    with i18n.using(lang), catalogs.python_messages(lang):  # the help and argument errors too
        args = _parse(argv)
    with i18n.using(getattr(args, "lang", None) or _system_language()):
        return _main(args)


def _main(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except UserError as err:  # every problem a user can act on, printed one way
        _err(*err.lines(MAX_SHOWN, where=_where(args, err)))
        return err.exit_code
    except KeyboardInterrupt:
        _err(_("interrupted; nothing half-written was published"))
        return 130
    except Exception as err:  # the one place an unexpected error becomes a sentence
        first = (str(err).splitlines() or [""])[0][:300]
        _err(_("error: {kind}: {message}").format(kind=type(err).__name__, message=first))
        return 1


if __name__ == "__main__":
    sys.exit(main())
