"""REST service, downloads: file names and ``Content-Disposition`` for PDDs and exports.

A downloaded file is named after the candidate it came from, in ASCII so every browser and
file system keeps it: ``<name slug>_<key>_r<result version>`` plus what it is, e.g.
``select-f-click-push-button-chrome-excel_c1_r2_uipath-classic.zip``.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from taskmine.api.candidate_refs import ResolvedCandidate

_SLUG_LENGTH = 40


def candidate_file_stem(target: ResolvedCandidate) -> str:
    ref = target.ref
    slug = slugify(target.candidate.name) or "candidate"
    return f"{slug}_{slugify(ref.candidate_key) or 'c'}_r{ref.result_version}"


def attachment_headers(filename: str) -> dict[str, str]:
    """``Content-Disposition: attachment`` with a plain and an RFC 5987 (UTF-8) name."""
    return {
        "Content-Disposition": f'attachment; filename="{filename}"; '
        f"filename*=UTF-8''{quote(filename)}"
    }


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_SLUG_LENGTH].rstrip("-")
