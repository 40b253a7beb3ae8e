# Glyph clean-up: "(cid:NNN)" placeholders from fonts without a Unicode map, and ligature characters.
# In: raw word text and a code -> character map. Out: clean text; codes it could not map are counted and dropped.
from __future__ import annotations

import re
from collections import Counter

CID = re.compile(r"\(cid:(\d+)\)")
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st", "\u00a0": " ", "\u00ad": ""})


def clean(text: str, cid_map: dict[int, str], unknown: Counter) -> str:
    """Replace mapped (cid:NNN) codes, drop (and count in `unknown`) the rest, and undo ligatures."""
    if "(cid:" in text:
        def sub(match: re.Match) -> str:
            code = int(match.group(1))
            if code in cid_map:
                return cid_map[code]
            unknown[code] += 1
            return ""
        text = CID.sub(sub, text)
    return text.translate(LIGATURES)
