# Advance widths (in ems) of DejaVu Sans, the `sans-serif` of Debian's librsvg and
# Chromium, for every printable ASCII character and the other characters the report
# figures draw. `LayoutGeometryTests` (Tests/ReportsTests) checks that TextMetrics never estimates a
# character narrower than this. Run: python3 text-widths.py > text-widths.json
# (needs fonttools and fonts-dejavu-core).
import json
from fontTools.ttLib import TTFont

font = TTFont("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
cmap = font.getBestCmap()
hmtx = font["hmtx"]
em = font["head"].unitsPerEm
extra = "²³·ΓΔαγδηνξπρσεθλμτφωΩ—‖…′⁰¹⁴⁵⁶⁷⁸⁹⁺⁻ⁿ₀₁₂ℓ∇−√∫≈≤≥×±∞→←"
chars = [chr(c) for c in range(0x20, 0x7F)] + list(extra)
widths = {c: round(hmtx[cmap[ord(c)]][0] / em, 4) for c in chars if ord(c) in cmap}
print(json.dumps(widths, ensure_ascii=False, indent=0, sort_keys=True))
