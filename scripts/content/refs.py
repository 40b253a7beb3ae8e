# References between items, read from the Ref marks on the model fields: one walk for the resolver and back-links.
# In: a validated item (a pydantic model). Out: (path, Ref, value) for every reference it holds.
from __future__ import annotations

from typing import Annotated, Any, Iterator, Literal, Union, get_args, get_origin

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


_fields: dict[type, list[tuple[str, Any, tuple, str]]] = {}  # model class -> its fields that can hold a reference


def _can_hold(annotation: Any, metadata: tuple = (), seen: frozenset = frozenset()) -> bool:
    """Whether a value of this type can hold a reference: a Ref mark on it or inside it. Unknown types (Any, no
    annotation) count as yes, so pruning never hides a reference."""
    base, meta = _marks(annotation)
    if _ref_of(metadata + meta):
        return True
    if isinstance(base, type) and issubclass(base, BaseModel):
        return base not in seen and bool(_ref_fields(base, seen))
    if get_origin(base) is Literal:
        return False
    args = get_args(base)
    if not args:  # a plain class (str, a date) holds no marked field; a bare container or Any might hold a model
        return not isinstance(base, type) or issubclass(base, (list, tuple, dict, set))
    return any(_can_hold(a, (), seen) for a in args if a is not Ellipsis)


def _ref_fields(cls: type[BaseModel], seen: frozenset = frozenset()) -> list[tuple[str, Any, tuple, str]]:
    """(attribute, annotation, metadata, name in errors) of the fields of `cls` that can hold a reference."""
    if cls not in _fields:
        found = [(name, f.annotation, tuple(f.metadata), f.alias or name) for name, f in cls.model_fields.items()
                 if _can_hold(f.annotation, tuple(f.metadata), seen | {cls})]
        if seen:  # an answer found inside a cycle may be partial: keep only answers for the outermost class
            return found
        _fields[cls] = found
    return _fields[cls]


_holds: dict[tuple[int, bool], tuple[Any, bool]] = {}  # (id(annotation), of a str?) -> (annotation, answer)


def _may_hold(annotation: Any, text: bool = False) -> bool:
    """Whether a value of this type can hold a reference (text: whether a str value of it can be one), remembered
    per annotation object: the same few objects come back for every item."""
    known = _holds.get((id(annotation), text))
    if known is None or known[0] is not annotation:
        answer = _ref_of(_member_for(annotation, "")[1]) is not None if text else _can_hold(annotation)
        known = _holds[(id(annotation), text)] = (annotation, answer)
    return known[1]


def references(value: Any, annotation: Any = None, metadata: tuple = (), path: tuple = ()) -> Iterator[tuple[list, Ref, str]]:
    """Every reference in `value`, with its path (as in error messages) and its mark."""
    mark = _ref_of(metadata)
    if mark is not None and isinstance(value, str):
        yield list(path), mark, value
    elif isinstance(value, BaseModel):
        for name, ann, meta, shown in _ref_fields(type(value)):
            yield from references(getattr(value, name), ann, meta, path + (shown,))
    elif isinstance(value, list):
        args = get_args(annotation) if get_origin(annotation) in (list, tuple) else ()
        if args and not any(_may_hold(a) for a in args if a is not Ellipsis):
            return
        text = _may_hold(args[0], text=True) if args else True
        for i, v in enumerate(value):
            if not text and type(v) is str:
                continue
            inner, meta = _member_for(args[0], v) if args else (None, ())
            yield from references(v, inner, meta, path + (i,))
    elif isinstance(value, dict):
        args = get_args(annotation) if get_origin(annotation) is dict else ()
        if args and not _may_hold(args[1]):
            return
        text = _may_hold(args[1], text=True) if args else True
        for k, v in value.items():
            if not text and type(v) is str:
                continue
            inner, meta = _member_for(args[1], v) if args else (None, ())
            yield from references(v, inner, meta, path + (k,))
