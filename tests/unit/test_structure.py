"""The shape of the code that matters to this project: views and figures never import Streamlit, the
package has no import cycle, and pages stay thin (settings -> view -> render, no SQL, no figures)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from ipsdash.config import ROOT

PACKAGE = ROOT / "ipsdash"


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str) -> set[str]:
    """ipsdash modules imported by a module (`from ipsdash.views import map` counts ipsdash.views.map)."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in found if m in MODULES and m != name}


def test_views_and_figures_never_import_streamlit():
    for name, path in MODULES.items():
        if name.startswith(("ipsdash.views", "ipsdash.figures")):
            assert not re.search(r"^\s*(import|from)\s+streamlit\b", path.read_text(), re.M), name


def test_only_the_ui_package_imports_streamlit():
    importing = {n for n, p in MODULES.items() if re.search(r"^\s*(import|from)\s+streamlit\b", p.read_text(), re.M)}
    assert importing and all(n.startswith("ipsdash.ui") for n in importing), importing


def test_the_package_has_no_import_cycle():
    graph = {
        name: {d for d in _imports(name) if not (MODULES[name].name == "__init__.py" and d.startswith(name))}
        for name in MODULES
    }
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for child in graph[node]:
            if state.get(child) == 1:
                cycles.append([*stack[stack.index(child) :], child])
            elif not state.get(child):
                visit(child, [*stack, child])
        state[node] = 2

    for name in graph:
        if not state.get(name):
            visit(name, [name])
    assert cycles == []


# The packages by job, lowest first: a module may import its own package and any package listed before it.
LAYERS = [
    {"ipsdash.i18n"},
    {"ipsdash.config", "ipsdash.errors", "ipsdash.assets"},
    {"ipsdash.domain"},
    {"ipsdash.intake"},
    {"ipsdash.pipeline"},
    {"ipsdash.access"},
    {"ipsdash.store"},
    {"ipsdash.figures"},
    {"ipsdash.views"},
    {"ipsdash.outputs"},
    {"ipsdash.ui"},
    {"ipsdash.__main__"},
]


def _package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_every_module_belongs_to_a_package_by_job():
    known = set().union(*LAYERS) | {"ipsdash"}
    assert {_package(name) for name in MODULES} <= known, {_package(n) for n in MODULES} - known


def test_packages_import_only_the_packages_below_them():
    rank = {package: i for i, layer in enumerate(LAYERS) for package in layer}
    upward = [
        (name, dep)
        for name in MODULES
        if name != "ipsdash"
        for dep in _imports(name)
        if dep != "ipsdash" and rank[_package(dep)] > rank[_package(name)]
    ]
    assert upward == []


def test_each_package_says_what_it_owns_and_may_import():
    for package in sorted(set().union(*LAYERS)):
        init = ROOT / package.replace(".", "/") / "__init__.py"
        if init.exists():
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
            assert len(doc.split()) >= 20 and "import" in doc.lower(), package


def test_pages_are_thin():
    for page in sorted((ROOT / "app_pages").glob("*.py")):
        text = page.read_text(encoding="utf-8")
        assert len(text.splitlines()) < 80, page.name
        assert not re.search(r"\bSELECT\b|\bFROM\s+\w+\s+WHERE\b", text), page.name
        assert not re.search(r"\bgo\.\w+\(|\bpx\.\w+\(|import plotly", text), page.name


def test_the_serving_process_does_not_load_the_geometry_stack():
    """Geometry is prepared ahead of time (python -m ipsdash geo); pages never load GDAL and friends. SciPy
    waits for the first fit or confidence band (the map and the home page never need it)."""
    import subprocess
    import sys

    code = (
        "import sys, importlib\n"
        "for page in ['ipsdash.ui.boot', 'ipsdash.ui.map_panels', 'ipsdash.ui.growth_panels',"
        " 'ipsdash.ui.presenter', 'ipsdash.ui.admin',"
        " 'ipsdash.views', 'ipsdash.outputs.images', 'ipsdash.outputs.talk_html', 'ipsdash.outputs.publish']:\n"
        "    importlib.import_module(page)\n"
        "print(sorted(m for m in ('geopandas', 'pyogrio', 'shapely', 'pyproj', 'scipy') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_the_geometry_check_of_a_served_process_sees_geopandas_when_it_is_loaded():
    """The browser test reads a served app's memory map for GEOS, PROJ and GDAL; here, a process that did
    load geopandas (and read a file through pyogrio) is seen to map them, so that check cannot pass vacuously."""
    import subprocess
    import sys

    from tests import harness

    code = "import sys, geopandas, pyogrio\nprint('loaded', flush=True)\nsys.stdin.read()\n"
    with subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout.readline().strip() == "loaded"
        mapped = harness.geometry_libraries_mapped(child.pid)
        child.stdin.close()
    assert {"libgeos", "libproj", "libgdal"} <= {name.split("-")[0].split(".")[0] for name in mapped}


def test_no_private_streamlit_api_and_no_pages_folder_beside_app():
    """A folder named pages/ beside app.py switches a fresh server into Streamlit's old multipage mode;
    the pages live in app_pages/, so nothing needs Streamlit's private runtime to undo it."""
    assert not (ROOT / "pages").exists() and (ROOT / "app_pages" / "map.py").exists()
    private = [n for n, p in MODULES.items() if re.search(r"streamlit\.runtime\b", p.read_text(encoding="utf-8"))]
    assert private == []
