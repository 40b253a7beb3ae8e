# The import graph of scripts/: every import, function-local ones included, read from the source with ast.
# In: the .py files under scripts/. Out: failures naming any import cycle, or any script that imports tests.
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "scripts"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted((root / PACKAGE).rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module `name` imports, wherever the import statement is (top level, function, try block)."""
    is_package = path.name == "__init__.py"
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.add(target)
            out.update(f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known)
    return out


def graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the modules of scripts/ it imports, plus any tests module it imports."""
    mods = modules(root)
    known = set(mods)
    out = {}
    for name, path in mods.items():
        found = imports(name, path, known)
        out[name] = {t for t in found if (t in known and t != name) or t == "tests" or t.startswith("tests.")}
    return out


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once, as the list of modules around it (depth-first search, three colours)."""
    found, state, stack = [], {}, []

    def visit(n: str) -> None:
        state[n] = "open"
        stack.append(n)
        for t in sorted(g.get(n, ())):
            if state.get(t) == "open":
                found.append(stack[stack.index(t):] + [t])
            elif t in g and t not in state:
                visit(t)
        stack.pop()
        state[n] = "done"

    for n in sorted(g):
        if n not in state:
            visit(n)
    return found


def test_no_import_cycles_in_scripts():
    found = cycles(graph())
    assert not found, "import cycles: " + "; ".join(" -> ".join(c) for c in found)


def test_no_script_imports_tests():
    bad = sorted(f"{n} imports {t}" for n, ts in graph().items() for t in ts if t == "tests" or t.startswith("tests."))
    assert not bad, bad


def test_the_checker_sees_function_local_imports_and_cycles(tmp_path):
    # a two-module cycle hidden inside a function, and a script importing tests, as the checker must report them
    pkg = tmp_path / PACKAGE
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from . import b\n")
    (pkg / "b.py").write_text("def f():\n    from .a import x\n    import tests.browser\n")
    g = graph(tmp_path)
    assert cycles(g) == [["scripts.a", "scripts.b", "scripts.a"]]
    assert "tests.browser" in g["scripts.b"]


def test_readme_layout_names_every_module_and_package():
    # a newcomer finds every module of scripts/ in the README's layout table (between its layout markers)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("<!-- layout:start -->")[1].split("<!-- layout:end -->")[0]
    names = {p.stem for p in (ROOT / PACKAGE).rglob("*.py") if p.stem not in ("__init__", "__main__")
             and "extract" not in p.parts}  # extraction's modules are described in its own package docstring
    packages = {p.name for p in (ROOT / PACKAGE).iterdir() if (p / "__init__.py").is_file()}
    missing = sorted(n for n in names if f"`{n}`" not in layout)
    assert not missing, f"README.md's layout table does not name: {missing}"
    assert all(f"scripts/{p}/" in layout for p in packages), packages
