"""Draw the imports between the project's apps as a mermaid flowchart in docs/architecture.md.

    python scripts/architecture_diagram.py           # rewrite the diagram between the markers
    python scripts/architecture_diagram.py --check   # exit 1 when the committed diagram is stale (make lint)

The apps and their layers are read from the import-linter configuration in pyproject.toml (the
``root_packages`` and the ``layers`` contract), so the diagram and the contract cannot disagree about
which app sits where. Every Python file of an app is parsed with ``ast``; an edge A -> B counts the
import statements in A that name a module of B, at module level or inside a function ("lazy"), in
migrations too, as import-linter sees them. Dashed edges count string constants of the form
"app.Model" (parent/subpage types, lazy foreign keys, factories): coupling without an import.
Edges that point up a layer, or sideways between independent siblings, are drawn in red.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
START = "<!-- diagram:start -->"
END = "<!-- diagram:end -->"
MODEL_STRING = re.compile(r"^([a-z_]+)\.([A-Z][A-Za-z0-9]*)$")


def read_layers() -> tuple[list[str], list[list[str]]]:
    """The root packages, and the layers (top first, each a list of sibling apps) of the layers contract."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contract = next(item for item in config["contracts"] if item["type"] == "layers")
    layers = [[name.strip() for name in re.split(r"[|:]", layer)] for layer in contract["layers"]]
    return list(config["root_packages"]), layers


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(node: ast.AST, current_module: str, is_package: bool) -> list[str]:
    """The absolute module names an import statement names (relative imports resolved)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level == 0:
        return [node.module or ""]
    package = current_module.split(".") if is_package else current_module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return [".".join([*base, node.module] if node.module else base)]


def function_scoped_nodes(tree: ast.Module) -> set[int]:
    """The ids of the import nodes that sit inside a function (imported lazily, when it runs)."""
    lazy = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            lazy.update(id(node) for node in ast.walk(function) if isinstance(node, ast.Import | ast.ImportFrom))
    return lazy


def collect(apps: list[str]) -> tuple[Counter, Counter, Counter]:
    """(imports, of which lazy, "app.Model" strings) counted by (from_app, to_app)."""
    imports: Counter = Counter()
    lazy_imports: Counter = Counter()
    model_strings: Counter = Counter()
    app_set = set(apps)
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            current = module_name(path)
            lazy = function_scoped_nodes(tree)
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    match = MODEL_STRING.match(node.value)
                    if match and match.group(1) in app_set and match.group(1) != app:
                        model_strings[(app, match.group(1))] += 1
                    continue
                for target in imported_modules(node, current, path.name == "__init__.py"):
                    target_app = target.split(".")[0]
                    if target_app in app_set and target_app != app:
                        imports[(app, target_app)] += 1
                        if id(node) in lazy:
                            lazy_imports[(app, target_app)] += 1
    return imports, lazy_imports, model_strings


def render(apps: list[str], layers: list[list[str]]) -> str:
    imports, lazy_imports, model_strings = collect(apps)
    rank = {app: index for index, layer in enumerate(layers) for app in layer}
    layer_names = ["top", "cross-cutting", "feature apps", "base", "registry"]
    lines = ["```mermaid", "flowchart TD"]
    for index, layer in enumerate(layers):
        title = layer_names[index] if len(layers) == len(layer_names) else f"layer {index + 1}"
        lines.append(f'    subgraph L{index + 1}["{index + 1}. {title}"]')
        lines.extend(f"        {app}" for app in layer)
        lines.append("    end")
    outside = [app for app in apps if app not in rank]
    if outside:
        lines.append('    subgraph wiring["outside the layers (wiring)"]')
        lines.extend(f"        {app}" for app in outside)
        lines.append("    end")
    edges = []
    for (source, target), count in sorted(imports.items()):
        lazy = lazy_imports[(source, target)]
        label = f"{count} ({lazy} lazy)" if lazy else f"{count}"
        edges.append((source, target, f'    {source} -->|"{label}"| {target}'))
    for (source, target), count in sorted(model_strings.items()):
        edges.append((source, target, f'    {source} -.->|"{count} app.Model"| {target}'))
    wrong = []
    for number, (source, target, line) in enumerate(edges):
        lines.append(line)
        if source in rank and target in rank and rank[source] >= rank[target] and "-->" in line:
            wrong.append(str(number))
    if wrong:
        lines.append(f"    linkStyle {','.join(wrong)} stroke:#c00,stroke-width:3px")
    lines.append("```")
    return "\n".join(lines)


def replace_between_markers(text: str, diagram: str) -> str:
    if START not in text or END not in text:
        sys.exit(f"{DOC.relative_to(ROOT)} has no {START} … {END} markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{diagram}\n{END}{tail}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/architecture.md is stale")
    args = parser.parse_args()
    apps, layers = read_layers()
    current = DOC.read_text(encoding="utf-8")
    updated = replace_between_markers(current, render(apps, layers))
    if args.check:
        if updated != current:
            print(
                "docs/architecture.md: the import diagram is stale; run `python scripts/architecture_diagram.py`",
                file=sys.stderr,
            )
            return 1
        return 0
    if updated != current:
        DOC.write_text(updated, encoding="utf-8")
        print("docs/architecture.md: diagram updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
