from __future__ import annotations

from typing import Any

from django import template

from ..formatting import format_figure

register = template.Library()


@register.filter
def figure(value: Any, key: str) -> str:
    """`{{ value|figure:key }}`: the figure as metrics.md says it reads on screen."""
    return format_figure(key, value)


@register.filter
def sort_value(value: Any) -> str:
    """A value for the table sorter: empty for None so that missing figures sort last."""
    return "" if value is None else str(value)


@register.filter
def get(mapping: dict, key: str) -> Any:
    return mapping.get(key)


@register.filter
def index(sequence: Any, position: int) -> Any:
    """`{{ list|index:n }}`: the n-th item (None past the end)."""
    try:
        return sequence[position]
    except (IndexError, TypeError, KeyError):
        return None


@register.filter
def tojson(value: Any) -> str:
    """`data-values="{{ values|tojson }}"`: JSON for a data attribute (autoescaping quotes it)."""
    import json

    return json.dumps(value)
