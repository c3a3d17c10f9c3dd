"""The CAMEO event codes with Goldstein scores and their PLOVER event type, mode and context.

The facts live in ``data/cameo.tsv``. Control verbs recode the event of their complement
into a CAMEO family ("agreed to meet" → 036 *express intent to meet*, "refused to release"
→ 1243 *decline to release*); :func:`recode` holds those family tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# The default CAMEO code of each PLOVER type, for labels given without a code.
TYPE_CODES = {
    "AGREE": "030",
    "CONSULT": "040",
    "SUPPORT": "050",
    "CONCEDE": "080",
    "COOPERATE": "060",
    "AID": "070",
    "RETREAT": "084",
    "REQUEST": "100",
    "ACCUSE": "110",
    "REJECT": "120",
    "THREATEN": "130",
    "PROTEST": "140",
    "SANCTION": "160",
    "MOBILIZE": "150",
    "COERCE": "170",
    "ASSAULT": "190",
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code and what it means in PLOVER (``plover`` None: not a PLOVER event)."""

    code: str
    goldstein: float
    plover: str | None
    mode: str | None
    context: tuple[str, ...]
    description: str

    @property
    def quad(self) -> int:
        """Quad class: 1 verbal / 2 material cooperation, 3 verbal / 4 material conflict."""
        return quad_class(self.code)


def quad_class(code: str) -> int:
    """The quad class of a CAMEO code, from its two-digit root."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def load_ontology(path: Path) -> dict[str, CameoCode]:
    """Read ``cameo.tsv``: code, Goldstein, PLOVER type ("-" for none), mode, context, name."""
    codes = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, goldstein, plover, mode, context, description = line.split("\t")
        codes[code] = CameoCode(
            code=code,
            goldstein=float(goldstein),
            plover=None if plover == "-" else plover,
            mode=mode or None,
            context=tuple(c for c in context.split(";") if c),
            description=description,
        )
    return codes


# Family tables: prefix of the complement's code → code in the family. The longest
# matching prefix wins; "" is the family's default.
_FAMILIES: dict[str, dict[str, str]] = {
    "intent": {
        "": "030",
        "03": "",
        "04": "036",
        "045": "039",
        "05": "032",
        "057": "030",
        "06": "031",
        "061": "0311",
        "062": "0312",
        "063": "0313",
        "064": "0314",
        "07": "033",
        "071": "0331",
        "072": "0332",
        "073": "0333",
        "074": "0334",
        "08": "035",
        "081": "0351",
        "082": "0352",
        "083": "034",
        "0831": "0341",
        "084": "0353",
        "085": "0354",
        "086": "0355",
        "087": "0356",
    },
    "reject": {
        "": "120",
        "036": "125",
        "037": "127",
        "039": "126",
        "04": "125",
        "045": "126",
        "057": "127",
        "06": "121",
        "061": "1211",
        "062": "1212",
        "063": "1213",
        "064": "1214",
        "07": "121",
        "08": "124",
        "081": "1241",
        "082": "1242",
        "083": "123",
        "0831": "1231",
        "084": "1243",
        "085": "1244",
        "086": "1245",
        "087": "1246",
    },
    "request": {
        "": "100",
        "037": "107",
        "04": "106",
        "045": "108",
        "06": "101",
        "061": "1011",
        "062": "1012",
        "063": "1013",
        "064": "1014",
        "07": "103",
        "071": "1031",
        "072": "1032",
        "073": "1033",
        "074": "1034",
        "08": "105",
        "081": "1051",
        "082": "1052",
        "083": "104",
        "0831": "1041",
        "084": "1053",
        "085": "1054",
        "086": "1055",
        "087": "1056",
    },
    "appeal": {
        "": "020",
        "037": "027",
        "04": "026",
        "045": "028",
        "06": "021",
        "061": "0211",
        "062": "0212",
        "063": "0213",
        "064": "0214",
        "07": "023",
        "071": "0231",
        "072": "0232",
        "073": "0233",
        "074": "0234",
        "08": "025",
        "081": "0251",
        "082": "0252",
        "083": "024",
        "0831": "0241",
        "084": "0254",
        "085": "0253",
        "086": "0255",
        "087": "0256",
        "14": "021",
        "17": "021",
        "18": "021",
        "19": "021",
        "20": "021",
    },
    "threaten": {
        "": "130",
        "12": "131",
        "14": "133",
        "16": "131",
        "161": "1313",
        "162": "1311",
        "163": "1312",
        "164": "134",
        "165": "135",
        "166": "136",
        "17": "132",
        "1722": "1322",
        "1723": "1323",
        "1724": "1324",
        "175": "137",
        "18": "138",
        "19": "138",
        "191": "1381",
        "192": "1382",
        "20": "1383",
        "204": "1385",
    },
}

FAMILIES = frozenset(_FAMILIES)


def recode(family: str, code: str | None) -> str:
    """The code of ``family`` (intent, reject, request, appeal, threaten) for a complement ``code``.

    An empty table entry keeps the complement's own code (an intent to agree is an AGREE).
    """
    table = _FAMILIES[family]
    if code is None:
        return table[""]
    for n in range(len(code), 1, -1):
        hit = table.get(code[:n])
        if hit is not None:
            return hit or code
    return table[""]
