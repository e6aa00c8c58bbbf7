"""The shape of generator/: functions short enough to read in one screen."""
from __future__ import annotations

import ast
from pathlib import Path

from support.project import ROOT

GENERATOR = ROOT / "generator"
MAX_LINES = 60


def long_functions(root: Path = GENERATOR, limit: int = MAX_LINES) -> list[str]:
    """``path:line name (N lines)`` of every function or method longer than ``limit`` lines."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                length = node.end_lineno - start + 1
                if length > limit:
                    found.append(f"{path.relative_to(root.parent)}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_function_in_the_generator_is_over_60_lines():
    assert long_functions() == []


def test_the_check_finds_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES))
    (tmp_path / "long.py").write_text(f"def short():\n    pass\n\n\n@decorated\ndef long():\n{body}\n", encoding="utf-8")
    assert long_functions(tmp_path) == [f"{tmp_path.name}/long.py:6 long ({MAX_LINES + 2} lines)"]


# --- the layout: stages and libraries, imports one way -------------------------------------------

#: generator's parts from the bottom up. A part may import itself, anything in a lower layer, and,
#: among the stages, an earlier stage (a later stage reads what an earlier one made); nothing else.
LAYERS = (
    ("__init__", "errors", "paths"),  # the version, problems, where files live
    ("config",),  # a project's settings
    ("text",),  # text helpers
    ("model",),  # plain value types
    ("runtime", "analysis"),  # libraries the stages use
    ("sources", "records", "taxonomy", "site"),  # the stages, in pipeline order
    ("pipeline",),  # one call per stage
    ("renderer", "tools"),  # MkDocs; maintainer and pull-request tools
    ("cli",),  # the commands
    ("__main__",),
)
STAGES = LAYERS[5]


def _part(module: str) -> str:
    """``generator.site.pages`` → ``site``; ``generator`` → ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _rank(part: str) -> tuple[int, int]:
    for n, layer in enumerate(LAYERS):
        if part in layer:
            return n, layer.index(part)
    raise AssertionError(f"generator/{part} is in no layer of LAYERS: add it where it belongs")


def _module(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    return ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)


def imports(root: Path = GENERATOR) -> list[tuple[str, str, str]]:
    """(file, importing module, imported module) for every import of ``generator`` anywhere in a file."""
    found = []
    files = sorted(root.rglob("*.py"))
    modules = {_module(p, root) for p in files}
    for path in files:
        rel, module = path.relative_to(root.parent).with_suffix(""), _module(path, root)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{path}:{node.lineno}: relative import; write generator.… in full"
                targets = [node.module] + [m for a in node.names if (m := f"{node.module}.{a.name}") in modules]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            for target in targets:
                if target == "generator" or target.startswith("generator."):
                    found.append((f"{rel.as_posix()}.py:{node.lineno}", module, target))
    return found


def against_the_direction(found: list[tuple[str, str, str]]) -> list[str]:
    wrong = []
    for where, importer, imported in found:
        a, b = _part(importer), _part(imported)
        if a == b:
            continue
        (la, ia), (lb, ib) = _rank(a), _rank(b)
        if lb < la or (la == lb and LAYERS[la] is STAGES and ib < ia):
            continue
        wrong.append(f"{where}: {importer} imports {imported}")
    return wrong


def test_imports_go_one_way():
    assert against_the_direction(imports()) == []


def test_no_import_cycle_between_modules():
    graph: dict[str, set[str]] = {}
    modules = {m for _, m, _ in imports()}
    for _, importer, imported in imports():
        target = imported if imported in modules else imported.rpartition(".")[0]
        if target in modules and target != importer:
            graph.setdefault(importer, set()).add(target)
    seen: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(m: str, path: list[str]) -> list[str]:
        seen[m] = 1
        for n in sorted(graph.get(m, ())):
            if seen.get(n) == 1:
                return path + [m, n]
            if n not in seen and (cycle := visit(n, path + [m])):
                return cycle
        seen[m] = 2
        return []

    cycles = [c for m in sorted(graph) if m not in seen and (c := visit(m, []))]
    assert cycles == []


def test_the_direction_check_finds_an_import_against_it():
    found = [("generator/text/x.py:3", "generator.text.x", "generator.site.pages"),
             ("generator/records/x.py:4", "generator.records.x", "generator.taxonomy"),
             ("generator/site/x.py:5", "generator.site.x", "generator.records"),
             ("generator/site/x.py:6", "generator.site.x", "generator.text.latex")]
    assert against_the_direction(found) == ["generator/text/x.py:3: generator.text.x imports generator.site.pages",
                                            "generator/records/x.py:4: generator.records.x imports generator.taxonomy"]


# --- state: none in module globals or environment variables ---------------------------------------

#: The one module-level mutable object the generator may have: what a process keeps from one build
#: to the next (generator/runtime/cache.py, ProcessMemory). ``functools`` caches of pure functions
#: are not state (a call gives the same result with or without them) and are not counted.
ALLOWED_STATE = {("generator/runtime/cache.py", "MEMORY")}
_CONTAINERS = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
_CONTAINER_CALLS = {"dict", "list", "set", "defaultdict", "Counter", "OrderedDict", "deque", "bytearray"}
_MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear", "remove",
             "discard", "sort", "reverse", "__setitem__", "appendleft", "difference_update",
             "intersection_update", "symmetric_difference_update"}


def _module_containers(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level to a mutable container (a literal or a constructor call)."""
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        mutable = isinstance(value, _CONTAINERS) or (
            isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) in _CONTAINER_CALLS)
        if mutable:
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _mutated(tree: ast.Module, names: set[str]) -> set[str]:
    """Which of ``names`` the module changes anywhere: a mutating method, an item assigned or deleted."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
            target = node.func.value
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            items = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            target = next((t.value for t in items if isinstance(t, ast.Subscript)), None)
        else:
            continue
        if isinstance(target, ast.Name) and target.id in names:
            found.add(target.id)
    return found


def module_state(root: Path = GENERATOR) -> list[str]:
    """``path: name`` of every module-level container a module mutates, every ``global`` statement,
    and every write to the environment (``os.environ[…] = …``, ``os.environ.pop``, ``os.putenv``)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{rel}: {name}" for name in sorted(_mutated(tree, _module_containers(tree)))
                  if (rel, name) not in ALLOWED_STATE]
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found += [f"{rel}:{node.lineno}: global {', '.join(node.names)}"]
            environ = node.func.value if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) else None
            if isinstance(environ, ast.Attribute) and environ.attr == "environ" and node.func.attr in _MUTATORS:
                found += [f"{rel}:{node.lineno}: os.environ.{node.func.attr}"]
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("putenv", "unsetenv"):
                found += [f"{rel}:{node.lineno}: os.{node.func.attr}"]
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Subscript) and getattr(t.value, "attr", "")
                                                    == "environ" for t in node.targets):
                found += [f"{rel}:{node.lineno}: os.environ[…] ="]
    return found


def test_no_module_level_mutable_state_but_the_one_cache_object():
    assert module_state() == []


def test_the_state_check_finds_globals_mutated_containers_and_the_environment(tmp_path):
    (tmp_path / "a.py").write_text(
        "import os\n_SEEN = {}\n_FIXED = {'a': 1}\nFLAG = False\n\n"
        "def f(k):\n    global FLAG\n    FLAG = True\n    _SEEN[k] = _FIXED['a']\n\n"
        "def g():\n    os.environ['X'] = '1'\n    os.environ.pop('Y', None)\n", encoding="utf-8")
    assert module_state(tmp_path) == [f"{tmp_path.name}/a.py: _SEEN", f"{tmp_path.name}/a.py:7: global FLAG",
                                      f"{tmp_path.name}/a.py:12: os.environ[…] =",
                                      f"{tmp_path.name}/a.py:13: os.environ.pop"]


def test_the_one_cache_object_is_documented_and_made_once():
    from generator.runtime import cache

    assert isinstance(cache.MEMORY, cache.ProcessMemory) and "one module-level" in cache.ProcessMemory.__doc__
    made = [p for p in GENERATOR.rglob("*.py") if "ProcessMemory()" in p.read_text(encoding="utf-8")]
    assert [p.relative_to(ROOT).as_posix() for p in made] == [path for path, _ in ALLOWED_STATE]
