# References between items, read from the Ref marks on the model fields: one walk for the resolver and back-links.
# In: a validated item (a pydantic model). Out: (path, Ref, value) for every reference it holds.
from __future__ import annotations

from typing import Annotated, Any, Iterator, Union, get_args, get_origin

from pydantic import BaseModel

from scripts.content.model import Ref


def _marks(annotation: Any) -> tuple[Any, tuple]:
    """(base type, metadata) of an Annotated type; (type, ()) otherwise."""
    if get_origin(annotation) is Annotated:
        base, *meta = get_args(annotation)
        return base, tuple(meta)
    return annotation, ()


def _ref_of(metadata) -> Ref | None:
    return next((m for m in metadata if isinstance(m, Ref)), None)


def _member_for(annotation: Any, value: Any) -> tuple[Any, tuple]:
    """For a value of a Union, the member that holds it: a str value takes the member with a Ref mark, if any."""
    if get_origin(annotation) is Union:
        members = [_marks(a) for a in get_args(annotation)]
        if isinstance(value, str):
            return next(((b, m) for b, m in members if _ref_of(m)), members[0])
        return next(((b, m) for b, m in members if isinstance(b, type) and isinstance(value, b)), members[0])
    return _marks(annotation)


def references(value: Any, annotation: Any = None, metadata: tuple = (), path: tuple = ()) -> Iterator[tuple[list, Ref, str]]:
    """Every reference in `value`, with its path (as in error messages) and its mark."""
    mark = _ref_of(metadata)
    if mark is not None and isinstance(value, str):
        yield list(path), mark, value
    elif isinstance(value, BaseModel):
        for name, f in type(value).model_fields.items():
            yield from references(getattr(value, name), f.annotation, tuple(f.metadata), path + (f.alias or name,))
    elif isinstance(value, list):
        args = get_args(annotation) if get_origin(annotation) in (list, tuple) else ()
        for i, v in enumerate(value):
            inner, meta = _member_for(args[0], v) if args else (None, ())
            yield from references(v, inner, meta, path + (i,))
    elif isinstance(value, dict):
        args = get_args(annotation) if get_origin(annotation) is dict else ()
        for k, v in value.items():
            inner, meta = _member_for(args[1], v) if args else (None, ())
            yield from references(v, inner, meta, path + (k,))
