"""Gold-standard readers and metrics behind ``tidings eval``.

Country codes in the CAMEO-era gold sets (PLOVER dev, PETRARCH-2) predate ISO 3166 use in
a few places; :data:`LEGACY_COUNTRIES` reads them as today's codes, in every evaluation.
"""

LEGACY_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
