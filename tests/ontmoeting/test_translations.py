"""The Dutch catalogue is complete, and the compiled catalogue Django loads matches it."""

import ast
import gettext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _po_entries(path: Path):
    """Yield (msgctxt, msgid, msgid_plural, [msgstr...], fuzzy) from a .po file."""
    entry, field, fuzzy = {}, None, False

    def flush():
        if "msgid" in entry:
            strs = [entry[key] for key in sorted(entry) if key.startswith("msgstr")]
            yield entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural"), strs, fuzzy

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            yield from flush()
            entry, field, fuzzy = {}, None, False
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            keyword, _, value = line.partition(" ")
            field = keyword
            entry[field] = ast.literal_eval(value)


def _messages():
    return [entry for entry in _po_entries(PO) if entry[1]]  # skip the header


def test_every_message_has_a_dutch_translation():
    untranslated = [msgid for _, msgid, _, strs, fuzzy in _messages() if fuzzy or not all(strs)]
    assert _messages(), "the Dutch catalogue is empty"
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"


def test_the_compiled_catalogue_matches_the_source_catalogue():
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for context, msgid, plural, strs, _ in _messages():
        if plural:
            found = compiled.npgettext(context, msgid, plural, 1) if context else compiled.ngettext(msgid, plural, 1)
        else:
            found = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        if found != strs[0]:
            stale.append(msgid)
    assert not stale, f"run `make messages`: {len(stale)} stale, e.g. {stale[:5]}"
