"""Rule packs shipped with policyledger (see :mod:`policyledger.rules`).

Each sub-package is a pack registered under the ``policyledger.packs`` entry point group in
``pyproject.toml``, as a pack installed from another distribution would be.
"""
