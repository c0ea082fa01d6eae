"""Reads every YAML file the repository ships to other tools with PyYAML, a YAML 1.1 parser, as
GitOps tools built on it do, and fails when a file does not load or when an unquoted value means
something else under YAML 1.1 than under YAML 1.2 (which Grafana's and Prometheus' Go parsers
follow): `=`, yes/no/on/off, sexagesimal numbers and the like must be quoted.

Usage: python check_yaml11.py FILE_OR_DIR...
"""
import pathlib
import re
import sys

import yaml

# YAML 1.2 core schema resolution of plain scalars.
CORE = [
    ("tag:yaml.org,2002:null", re.compile(r"^(~|null|Null|NULL|)$")),
    ("tag:yaml.org,2002:bool", re.compile(r"^(true|True|TRUE|false|False|FALSE)$")),
    ("tag:yaml.org,2002:int", re.compile(r"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")),
    ("tag:yaml.org,2002:float", re.compile(
        r"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")),
]


def core_tag(value):
    for tag, pattern in CORE:
        if pattern.match(value):
            return tag
    return "tag:yaml.org,2002:str"


def walk(node, problems, path):
    if isinstance(node, yaml.ScalarNode):
        # Merge keys (<<) are meant: Compose and most YAML 1.2 tools accept them too.
        if node.style is None and node.tag not in (core_tag(node.value), "tag:yaml.org,2002:merge"):
            problems.append(f"{path}:{node.start_mark.line + 1}: {node.value!r} is {node.tag.rsplit(':', 1)[-1]} "
                            f"under YAML 1.1 but {core_tag(node.value).rsplit(':', 1)[-1]} under YAML 1.2: quote it")
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            walk(child, problems, path)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            walk(key, problems, path)
            walk(value, problems, path)


def check(path, problems):
    text = path.read_text(encoding="utf-8")
    try:
        for document in yaml.compose_all(text, Loader=yaml.SafeLoader):
            if document is not None:
                walk(document, problems, path)
        list(yaml.safe_load_all(text))
    except yaml.YAMLError as err:
        problems.append(f"{path}: YAML 1.1 parsers refuse it: {err}")


def main(args):
    files = []
    for arg in args:
        p = pathlib.Path(arg)
        files += sorted(p.rglob("*.y*ml")) if p.is_dir() else [p]
    problems = []
    for f in files:
        check(f, problems)
    for line in problems:
        print(line)
    print(f"{len(files)} YAML files read as YAML 1.1, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
