# Synthetic content for the benchmark: the real content cloned N times (needs, strategies, plans get new ids).
# In: a content folder and a factor. Out: a larger content folder that validates under the same schema.
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml


def _remap_need(data: dict, suffix: str, strategies: set[str]) -> dict:
    data["title"] = f"{data['title']} {suffix}"
    for phase in data["phases"].values():
        for level in phase.values():
            level["strategies"] = [
                ({**s, "strategy": s["strategy"] + suffix} if isinstance(s, dict) else s + suffix)
                for s in level["strategies"]]
    return data


def clone(content: Path, out: Path, factor: int) -> Path:
    """Copy `content` to `out`, then add factor-1 clones of every need, strategy and plan."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(content, out)
    load = lambda p: yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: E731
    dump = lambda p, d: p.write_text(yaml.dump(d, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False),  # noqa: E731
                                     encoding="utf-8")
    strategies = {p.stem for p in (content / "strategies").glob("*.yml")}
    for k in range(2, factor + 1):
        suffix = f"-x{k}"
        for p in (content / "strategies").glob("*.yml"):
            d = load(p)
            d["title"] = f"{d['title']} {suffix}"
            dump(out / "strategies" / f"{p.stem}{suffix}.yml", d)
        for p in (content / "needs").glob("*.yml"):
            dump(out / "needs" / f"{p.stem}{suffix}.yml", _remap_need(load(p), suffix, strategies))
        for p in (content / "plans").glob("*.yml"):
            d = load(p)
            d["title"] = f"{d['title']} {suffix}"
            d["needs"] = [n + suffix for n in d["needs"]]
            for prov in d["provision"]:
                prov["strategy"] += suffix
            dump(out / "plans" / f"{p.stem}{suffix}.yml", d)
    return out


if __name__ == "__main__":  # pragma: no cover
    clone(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
