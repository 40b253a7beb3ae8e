# One local authority's configuration (authority.yml, in the content folder or given with `make site CONFIG=...`).
# In: a loaded Content and optionally a config path. Out: the Content re-branded, generated assets, MkDocs overrides.
from __future__ import annotations

import html
import re
from pathlib import Path

from markupsafe import Markup

from scripts.content import model as m
from scripts.content.load import Content, ContentErrors, Reader
from scripts.text import long_date, md_escape, slug

CSS_PATH = "assets/stylesheets/authority.css"
LOGO_STEM = "assets/images/authority-logo"
PLACEHOLDER = re.compile(r"\{\{\s*authority\.([a-z_]+(?:\.[a-z_]+)?)\s*\}\}")
URL_FIELDS = {"site_url", "local_offer_url", "contact_url", "disagreement_service.url"}


def read(path: str | Path) -> m.Authority:
    """Read and validate an authority config file; relative paths in it (logo, snapshots) become absolute."""
    path = Path(path).resolve()
    reader = Reader(path.parent)
    if not path.is_file():
        raise ContentErrors([f"{path}: authority configuration not found"])
    data = reader.read_yaml(path)
    a = reader.validate(path, m.Authority, data) if path in reader.raw else None
    if a is None:
        raise ContentErrors(reader.errors)
    return _resolve(a, path)


def _resolve(a: m.Authority, path: Path) -> m.Authority:
    folder, errors = path.parent, []
    logo = a.logo
    if logo is not None:
        logo = str((folder / logo).resolve())
        if not Path(logo).is_file():
            errors.append(f"{path}: logo: file {a.logo!r} not found")
    editions = [e.model_copy(update={"snapshot": str((folder / e.snapshot).resolve())}) if e.snapshot else e
                for e in a.previous_editions]
    if errors:
        raise ContentErrors(errors)
    return a.model_copy(update={"logo": logo, "previous_editions": editions})


def use(c: Content, config: str | Path | None = None) -> m.Authority:
    """Make c use the authority in `config` (default: the content folder's own authority.yml): its details,
    its logo and its own source documents. Raises ContentErrors."""
    a = read(config) if config is not None else _resolve(c.authority, c.root / "authority.yml")
    c.authority = a
    for s in a.sources:
        c.sources[s.id] = s
    return a


# ---------------------------------------------------------------- what the pages show


def contacts(a: m.Authority) -> list[dict]:
    """The authority's ways to get in touch, as {label, text, href} for the home page."""
    out = []
    if a.contact_email:
        out.append({"label": "Email", "text": a.contact_email, "href": Markup("mailto:" + a.contact_email)})
    if a.contact_phone:
        out.append({"label": "Phone", "text": a.contact_phone, "href": Markup("tel:" + a.contact_phone.replace(" ", ""))})
    if a.contact_url:
        out.append({"label": "Contact page", "text": f"Contact {a.name}", "href": Markup(a.contact_url)})
    if a.local_offer_url:
        out.append({"label": "Local Offer", "text": f"{a.name} Local Offer", "href": Markup(a.local_offer_url)})
    return out


def service(a: m.Authority) -> dict | None:
    """The disagreement resolution service as {name, url, ways: [{label, text, href}]}."""
    s = a.disagreement_service
    if s is None:
        return None
    ways = []
    if s.phone:
        ways.append({"label": "phone", "text": s.phone, "href": Markup("tel:" + s.phone.replace(" ", ""))})
    if s.email:
        ways.append({"label": "email", "text": s.email, "href": Markup("mailto:" + s.email)})
    return {"name": s.name, "url": Markup(s.url) if s.url else None, "ways": ways}


def fill(text: str, a: m.Authority, where: str) -> str:
    """Replace {{ authority.name }}-style placeholders in a hand-written page with this authority's details, so
    the same pages serve any authority. Text is escaped for Markdown; addresses are inserted as they are."""
    missing = []

    def value(match: re.Match) -> str:
        field = match.group(1)
        obj, _, sub = field.partition(".")
        v = getattr(a, obj, None) if obj in m.Authority.model_fields else None
        if sub:
            v = getattr(v, sub, None) if isinstance(v, m.ServiceContact) and sub in m.ServiceContact.model_fields else None
        elif isinstance(v, m.ServiceContact):
            v = v.name
        if v is None or not isinstance(v, (str, m.dt.date)):
            missing.append(field)
            return match.group(0)
        if isinstance(v, m.dt.date):
            v = long_date(v)
        return v if field in URL_FIELDS else md_escape(v)

    out = PLACEHOLDER.sub(value, text)
    if missing:
        raise ContentErrors([f"{where}: {{{{ authority.{f} }}}}: authority.yml has no value for it" for f in missing])
    return out


# ---------------------------------------------------------------- generated files and MkDocs settings


def assets(a: m.Authority, root: Path) -> dict[str, str | bytes]:
    """The colours as CSS (always written, so mkdocs.yml can list it) and the logo (a relative path is taken from
    the content folder `root`), for the docs folder."""
    lines = ["/* Generated from authority.yml: the authority's colours (checked for 4.5:1 contrast with white). */"]
    if a.colours:
        p, acc = a.colours.primary, a.colours.accent
        lines.append(":root, [data-md-color-scheme] {\n"
                     f"  --md-primary-fg-color: {p};\n  --md-primary-fg-color--light: {p};\n"
                     f"  --md-primary-fg-color--dark: {p};\n}}")
        lines.append(f'[data-md-color-scheme="default"] {{\n  --md-typeset-a-color: {p};\n'
                     + (f"  --md-accent-fg-color: {acc};\n" if acc else "") + "}")
    files: dict[str, str | bytes] = {CSS_PATH: "\n".join(lines) + "\n"}
    if a.logo:
        files[logo_path(a)] = (root / a.logo).read_bytes()
    return files


def logo_path(a: m.Authority) -> str:
    return LOGO_STEM + Path(a.logo or ".svg").suffix.lower()


def footer(a: m.Authority, base: str | None) -> str:
    """The footer line on every page (MkDocs `copyright`, HTML): the licence, then who publishes and how to reach them."""
    links = [f'<a href="{html.escape(str(c["href"]))}">{html.escape(c["text"])}</a>' for c in contacts(a)]
    parts = [base or "", f"Published by {html.escape(a.name)} ({html.escape(a.edition)})."]
    if links:
        parts.append("Contact: " + " · ".join(links))
    return " ".join(p for p in parts if p)


def mkdocs_options(a: m.Authority) -> dict:
    """Settings passed to MkDocs' load_config, on top of mkdocs.yml."""
    opts = {"site_name": a.site_name}
    if a.site_url:
        opts["site_url"] = a.site_url
    return opts


def adjust_mkdocs(cfg, a: m.Authority) -> None:
    """Settings applied to the loaded MkDocs config: the footer with contacts, and the logo."""
    cfg.copyright = footer(a, cfg.copyright)
    if a.logo:
        cfg.theme["logo"] = logo_path(a)


def download_path(a: m.Authority) -> str:
    """Where the offline copy's zip sits in the site, named after the site."""
    return f"downloads/{slug(a.site_name)}-offline.zip"
