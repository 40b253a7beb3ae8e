# The same site built by Zensical, Material for MkDocs' successor (`make zensical`), with our overrides and theme fixes.
# In: a content folder (generated as `make site` does) and mkdocs.yml. Out: build/zensical/site (its own folder).
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import yaml

from scripts.content import authority as la
from scripts.site import theme
from scripts.site.generate import generate
from scripts.content.load import ContentErrors

ROOT = Path(__file__).resolve().parent.parent.parent
ZENSICAL = ROOT / ".venv-bench" / "bin" / "zensical"  # requirements-bench.txt pins it; `make zensical` installs it
FOLDER = ROOT / "build" / "zensical"
# mkdocs.yml options Zensical 0.0.60 refuses ("unknown search option"): its own search ranks without them.
REFUSED = [("search", "fields"), ("search", "lang")]


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as plain data: its !!python tags (none today) are not needed to write Zensical's copy."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def config(docs: Path, folder: Path, drop=REFUSED, overrides: bool = True, authority=None,
           site_dir: str = "site") -> Path:
    """Write zensical.yml in `folder`: mkdocs.yml with docs_dir pointing at `docs` (Zensical wants it inside the
    config's folder), no hooks (Zensical runs none), without the options in `drop` ((plugin, option) pairs), and
    branded for `authority` (an Authority) as scripts/site/build.py brands the MkDocs build."""
    cfg = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    cfg.update(docs_dir=str(docs.resolve().relative_to(folder.resolve())), site_dir=site_dir, hooks=[])
    if overrides:
        cfg["theme"]["custom_dir"] = str(ROOT / "overrides")
    else:
        cfg["theme"].pop("custom_dir", None)
    for plugin, option in drop:
        for entry in cfg.get("plugins", []):
            if isinstance(entry, dict) and isinstance(entry.get(plugin), dict):
                entry[plugin].pop(option, None)
    if authority is not None:
        cfg.update(la.mkdocs_options(authority))
        cfg["copyright"] = la.footer(authority, cfg.get("copyright"))
        if authority.logo:
            cfg["theme"]["logo"] = la.logo_path(authority)
    path = folder / "zensical.yml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def run(cfg: Path) -> subprocess.CompletedProcess:
    """One clean Zensical build of cfg (its site goes to site/ beside it)."""
    return subprocess.run([str(ZENSICAL), "build", "--clean", "-f", str(cfg)], cwd=cfg.parent, capture_output=True,
                          text=True)


def build(content: Path, folder: Path = FOLDER, authority: Path | None = None, docs: Path | None = None,
          site_dir: str = "site") -> Path:
    """Generate content into folder/docs (or take `docs`, already generated, inside folder), build it with Zensical
    into folder/site_dir, then apply the theme fixes that the MkDocs hook applies (Zensical runs no hooks). Returns
    the site folder. Raises ContentErrors, or RuntimeError with Zensical's output."""
    if not ZENSICAL.exists():
        raise RuntimeError(f"{ZENSICAL} is missing: run `make zensical` (it installs requirements-bench.txt)")
    folder.mkdir(parents=True, exist_ok=True)
    if docs is None:
        docs = folder / "docs"
        a = generate(content, docs, authority, edited_on=dt.date.today()).authority
    else:
        a = la.read(authority or Path(content) / "authority.yml")
    done = run(config(docs, folder, authority=a, site_dir=site_dir))
    if done.returncode != 0:
        raise RuntimeError(f"zensical build failed:\n{(done.stderr + done.stdout)[-2000:]}")
    theme.fix_site(folder / site_dir)
    return folder / site_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the site with Zensical into its own folder.")
    parser.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    parser.add_argument("--out", default=FOLDER, type=Path, help="work folder: docs/ and site/ (default: build/zensical)")
    parser.add_argument("--authority", type=Path, help="the local authority's configuration (as make site CONFIG=)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        site = build(args.content, args.out, args.authority)
    except ContentErrors as exc:
        print("\n".join(exc.errors), file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(f"zensical: {exc}", file=sys.stderr)
        return 1
    print(f"built {site} with Zensical in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
