"""Read the YAML of parameter and case files, keeping line numbers and refusing duplicate keys.

PyYAML's safe loader silently keeps the last of two equal keys and forgets where each value
was written. Here every mapping is a :class:`YamlMap` and every sequence a :class:`YamlList`
that remember their file and the line of each key or item, so that an error can say
``parameters/dual_control.yaml:12: …``. A duplicate key is an error. Dates are left as text
(``2025-01-01`` stays a string) so that the framework checks them itself and reports a wrong
date with its line instead of PyYAML failing on ``2025-13-01``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from policyledger.rules.errors import FileError

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlMap(dict):
    """A mapping read from YAML: ``file``, ``line`` (of the mapping) and ``lines[key]``."""

    file: str = "<yaml>"
    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        """The line where ``key`` is written (the mapping's line if it is absent)."""
        return self.lines.get(key, self.line)

    def where(self, key: Any = None) -> str:
        """``file:line`` of ``key`` (or of the mapping)."""
        return f"{self.file}:{self.line if key is None else self.line_of(key)}"


class YamlList(list):
    """A sequence read from YAML: ``file``, ``line`` and ``lines[index]``."""

    file: str = "<yaml>"
    line: int = 0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if 0 <= index < len(self.lines) else self.line

    def where(self, index: int | None = None) -> str:
        return f"{self.file}:{self.line if index is None else self.line_of(index)}"


def _loader_class(display: str, error: type[FileError]) -> type[yaml.SafeLoader]:
    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> YamlMap:
        loader.flatten_mapping(node)
        result = YamlMap()
        result.file, result.line = display, node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if isinstance(key, dict | list):
                raise error(f"{display}:{line}: a key must be a plain word, not a mapping or list")
            if key in result:
                raise error(f"{display}:{line}: duplicate key '{key}'")
            result[key] = loader.construct_object(value_node, deep=True)
            result.lines[key] = line
        return result

    def construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> YamlList:
        result = YamlList()
        result.file, result.line = display, node.start_mark.line + 1
        for item in node.value:
            result.append(loader.construct_object(item, deep=True))
            result.lines.append(item.start_mark.line + 1)
        return result

    def construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
        return loader.construct_scalar(node)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    Loader.add_constructor(_TIMESTAMP, construct_timestamp)
    return Loader


def load_yaml(path: Path, display: str, error: type[FileError] = FileError) -> Any:
    """The content of the YAML file ``path``; errors are ``error`` with ``display:line:``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{display}: no such file") from None
    except UnicodeDecodeError:
        raise error(f"{display}: not UTF-8 text") from None
    except OSError as exc:
        raise error(f"{display}: cannot read: {exc.strerror or exc}") from None
    return loads_yaml(text, display, error)


def loads_yaml(text: str, display: str, error: type[FileError] = FileError) -> Any:
    """Parse YAML ``text`` as :func:`load_yaml` does."""
    loader = _loader_class(display, error)(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = " ".join(str(exc.problem or exc.context or "not valid YAML").split())
        raise error(f"{display}:{line}: not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise error(f"{display}: not valid YAML: {' '.join(str(exc).split())}") from None
    finally:
        loader.dispose()
