#!/usr/bin/env python3
"""Writes src/iso-numeric.json: ISO 3166-1 numeric code (as world-atlas ids
use it, zero-padded to 3 digits) -> alpha-2 code, from Debian's iso-codes
(/usr/share/iso-codes/json/iso_3166-1.json). Kosovo, which world-atlas
carries without a numeric code, is not in the table."""
import json
import pathlib

SOURCE = "/usr/share/iso-codes/json/iso_3166-1.json"
out = {}
for entry in json.load(open(SOURCE, encoding="utf-8"))["3166-1"]:
    out[entry["numeric"]] = entry["alpha_2"]
target = pathlib.Path(__file__).resolve().parent.parent / "src" / "iso-numeric.json"
target.write_text(json.dumps(out, sort_keys=True, indent=0) + "\n", encoding="utf-8")
print(f"wrote {len(out)} codes to {target}")
