# Offline copy: the same pages built a second time for opening from disk (Material's offline plugin), then zipped.
# In: a loaded Content and mkdocs.yml. Out: a zip of the whole site whose index.html works from file:// with no server.
from __future__ import annotations

import zipfile
from pathlib import Path

from material.plugins.offline.plugin import OfflinePlugin

from scripts.editions import History
from scripts.site.generate import outputs
from scripts.content.load import Content

SHIM = Path(__file__).resolve().parent / "offline-worker.js"
# Material's offline plugin adds a CDN copy of iframe-worker unless a polyfill named like it is listed already.
SHIM_PATH = "assets/javascripts/iframe-worker-csp.js"
SKIP = {".map", ".gz"}  # source maps and the gzipped sitemap: no use from disk, and a third of the size
ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # fixed file dates, so the same site gives the same zip


def docs(c: Content, history: History) -> dict[str, str | bytes]:
    """The docs folder of the offline copy: the pages (with an "offline copy" note instead of the download link)
    and the Web Worker stand-in that search needs under file://."""
    files = outputs(c, history, offline_copy=True)
    files[SHIM_PATH] = SHIM.read_bytes()
    return files


def adjust(cfg) -> None:
    """Turn a loaded MkDocs config into the offline variant: file links (page.html, not page/), the search index
    inlined as a script, and our worker stand-in instead of the CDN shim the plugin would add."""
    cfg.extra["polyfills"] = [SHIM_PATH]
    plugin = OfflinePlugin()
    plugin.load_config({})
    cfg.plugins["material/offline"] = plugin


def zip_tree(folder: Path, zip_path: Path, top: str) -> int:
    """Zip the files under folder (less SKIP) into zip_path, inside one top folder; returns the zip's size in bytes."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix not in SKIP):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, path.read_bytes())
    return zip_path.stat().st_size


def build(config_file: Path, docs_dir: Path, out_dir: Path, zip_path: Path, authority, mkdocs_site) -> int:
    """Build the offline variant of docs_dir into out_dir with `mkdocs_site` (scripts.site.build's), then zip it to
    zip_path with one top folder named like the zip. Returns the zip's size in bytes."""
    mkdocs_site(config_file, docs_dir, out_dir, authority, adjust)
    return zip_tree(out_dir, zip_path, zip_path.stem)
