"""Registries of reference data that extracted names are resolved against.

``bodies`` maps the names of responsible bodies as documents write them ("市发展改革委",
"重庆海关", "发展改革委" …) to stable registry entries loaded from ``data/bodies.csv``.
"""

from policyledger.registry.bodies import Body, Registry, default_registry

__all__ = ["Body", "Registry", "default_registry"]
