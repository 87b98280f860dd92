"""The Vietnamese catalogue of the admin: Wagtail's and wagtail-localize's strings, merged and counted.

    .venv/bin/python scripts/admin_catalogue.py            # merge, write, compile, report
    .venv/bin/python scripts/admin_catalogue.py --check    # report only; exit 1 if anything is untranslated
    .venv/bin/python scripts/admin_catalogue.py --untranslated FILE   # also list what is missing (TSV)
    .venv/bin/python scripts/admin_catalogue.py --export DIR           # per-app catalogues, upstream layout

Wagtail's own Vietnamese catalogues hold a fifth of its strings, so most of the
admin falls back to English. The project ships the rest in
``locale/vi/LC_MESSAGES/{django,djangojs}.po``: ``LOCALE_PATHS`` comes before
the apps' catalogues, so these translations win.

The msgids come from the English source catalogues of the *installed* versions
(``<app>/locale/en/LC_MESSAGES/*.po`` of every Wagtail and wagtail-localize app
in ``INSTALLED_APPS``), so after an upgrade the report names what is new and
what must still be translated. Each msgstr is, in order of preference: the
project's own (the current file), then upstream's Vietnamese one (not fuzzy),
else empty. Strings that are no longer in any installed catalogue are dropped.
``--export`` writes one catalogue per upstream app, in the upstream layout
(``wagtail/admin/locale/vi/LC_MESSAGES/django.po``), ready to be offered to
Wagtail's translators.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "locale" / "vi" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
#: Packages whose admin strings staff can meet; apps outside INSTALLED_APPS are skipped.
PACKAGES = ("wagtail", "wagtail_localize")
HEADER = {
    "Project-Id-Version": "provincial-portal admin (Wagtail, wagtail-localize)",
    "Report-Msgid-Bugs-To": "",
    "PO-Revision-Date": "2026-11-30 00:00+0700",
    "Last-Translator": "provincial-portal admin team",
    "Language-Team": "Vietnamese",
    "Language": "vi",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def installed_apps() -> list[str]:
    sys.path.insert(0, str(ROOT))
    settings = importlib.import_module("config.settings.base")
    apps = []
    for entry in settings.INSTALLED_APPS:
        name = entry.split(".apps.")[0]
        if name.split(".")[0] in PACKAGES:
            apps.append(name)
    return apps


def source_catalogues() -> list[tuple[str, str, Path, Path]]:
    """(app, domain, English source .po, upstream Vietnamese .po) for every installed app that has one.

    Django's own catalogue comes first: the admin shows its form errors, dates and
    "9 phút" (timesince), and its Vietnamese lags behind its msgids.
    """
    found = []
    for app in ["django", *installed_apps()]:
        module = importlib.import_module(app)
        locale = Path(module.__file__).parent / ("conf/locale" if app == "django" else "locale")
        for domain in DOMAINS if app != "django" else ("django",):
            source = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
            if source.exists():
                found.append((app, domain, source, locale / "vi" / "LC_MESSAGES" / f"{domain}.po"))
    return found


def key(entry: polib.POEntry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def is_done(entry: polib.POEntry | None) -> bool:
    if entry is None or entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def translations(path: Path) -> dict[tuple, polib.POEntry]:
    if not path.exists():
        return {}
    return {key(e): e for e in polib.pofile(str(path)) if is_done(e)}


def copy_translation(target: polib.POEntry, source: polib.POEntry) -> None:
    if target.msgid_plural:
        # Vietnamese has one form; upstream catalogues sometimes carry a second, unused one.
        value = source.msgstr_plural.get(0) or next(iter(source.msgstr_plural.values()), "") or source.msgstr
        target.msgstr_plural = {0: value}
    else:
        target.msgstr = source.msgstr


def merge(domain: str, catalogues, out_dir: Path) -> tuple[polib.POFile, list[dict]]:
    project_path = out_dir / f"{domain}.po"
    project = translations(project_path)
    previous = set()
    if project_path.exists():
        previous = {key(e) for e in polib.pofile(str(project_path)) if not e.obsolete}
    merged = polib.POFile(wrapwidth=79)
    merged.metadata = dict(HEADER)
    by_key: dict[tuple, polib.POEntry] = {}
    report = []
    for app, dom, source, upstream_path in catalogues:
        if dom != domain:
            continue
        upstream = translations(upstream_path)
        counts = {"catalogue": f"{app} ({domain})", "total": 0, "translated": 0, "upstream": 0, "new": 0}
        for src in polib.pofile(str(source)):
            if src.obsolete or not src.msgid:
                continue
            k = key(src)
            counts["total"] += 1
            counts["new"] += k not in previous
            entry = by_key.get(k)
            if entry is None:
                entry = polib.POEntry(
                    msgctxt=src.msgctxt,
                    msgid=src.msgid,
                    msgid_plural=src.msgid_plural,
                    flags=[f for f in src.flags if f != "fuzzy"],
                )
                if src.msgid_plural:
                    entry.msgstr_plural = {0: ""}
                chosen = project.get(k) or upstream.get(k)
                if chosen is not None:
                    copy_translation(entry, chosen)
                    counts["upstream"] += k not in project
                entry.comment = f"source: {app}"
                by_key[k] = entry
                merged.append(entry)
            elif f"{app}" not in entry.comment:
                entry.comment += f", {app}"
            counts["translated"] += is_done(entry)
        report.append(counts)
    return merged, report


def write(po: polib.POFile, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    # Compiled here, with polib, so that neither the tests nor a deploy need GNU gettext.
    po.save_as_mofile(str(path.with_suffix(".mo")))


def export(po: polib.POFile, domain: str, catalogues, target: Path) -> None:
    by_key = {key(e): e for e in po}
    for app, dom, source, _upstream in catalogues:
        if dom != domain:
            continue
        out = polib.POFile(wrapwidth=79)
        out.metadata = dict(HEADER)
        for src in polib.pofile(str(source)):
            if not src.obsolete and src.msgid and key(src) in by_key:
                entry = by_key[key(src)]
                out.append(
                    polib.POEntry(
                        msgctxt=entry.msgctxt,
                        msgid=entry.msgid,
                        msgid_plural=entry.msgid_plural,
                        msgstr=entry.msgstr,
                        msgstr_plural=dict(entry.msgstr_plural),
                        flags=list(entry.flags),
                        occurrences=src.occurrences,
                    )
                )
        path = target / Path(*app.split(".")) / "locale" / "vi" / "LC_MESSAGES" / f"{domain}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        out.save(str(path))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a string is untranslated")
    parser.add_argument("--untranslated", type=Path, help="write the untranslated strings here (TSV)")
    parser.add_argument("--export", type=Path, help="write per-app catalogues in the upstream layout here")
    parser.add_argument("--out", type=Path, default=OUT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    catalogues = source_catalogues()
    missing_rows = []
    print(f"{'catalogue':<46} {'total':>6} {'translated':>10} {'share':>7} {'upstream':>8} {'new':>5}")
    grand = {"total": 0, "translated": 0}
    for domain in DOMAINS:
        po, report = merge(domain, catalogues, args.out)
        for row in report:
            share = 100 * row["translated"] / row["total"] if row["total"] else 100
            print(
                f"{row['catalogue']:<46} {row['total']:>6} {row['translated']:>10} {share:>6.1f}% "
                f"{row['upstream']:>8} {row['new']:>5}"
            )
            grand["total"] += row["total"]
            grand["translated"] += row["translated"]
        unique = len(po)
        done = sum(is_done(e) for e in po)
        print(f"  locale/vi/LC_MESSAGES/{domain}.po: {unique} strings, {done} translated, {unique - done} untranslated")
        for entry in po:
            if not is_done(entry):
                missing_rows.append((domain, entry.msgctxt or "", entry.msgid, entry.msgid_plural or ""))
        if not args.check:
            write(po, args.out / f"{domain}.po")
        if args.export:
            export(po, domain, catalogues, args.export)
    print(f"{'all':<46} {grand['total']:>6} {grand['translated']:>10}")
    if args.untranslated:
        with args.untranslated.open("w", encoding="utf-8") as f:
            for domain, ctxt, msgid, plural in missing_rows:
                cells = [domain, ctxt, msgid, plural]
                f.write("\t".join(c.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") for c in cells))
                f.write("\n")
    if missing_rows:
        print(f"{len(missing_rows)} strings untranslated")
    return 1 if args.check and missing_rows else 0


if __name__ == "__main__":
    sys.exit(main())
