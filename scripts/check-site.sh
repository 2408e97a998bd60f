#!/usr/bin/env bash
# Checks the report site in a real browser: renders Reports/index.html and three report
# pages with headless Chromium (Debian's `chromium`, installed when missing) to PNG,
# fails on a JavaScript console error, on a broken local link or image in any page, on
# a link off the machine, when the index's filter does not filter, and (when the CLI is
# built) on a figure that breaks the layout rules (`fprinciple report --check-figures`).
#
#   bash scripts/check-site.sh [REPORTS_DIR [PNG_DIR]]     # defaults: Reports, /tmp/fprinciple-site
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${1:-Reports}
out=${2:-/tmp/fprinciple-site}
mkdir -p "$out"
fail=0

if ! command -v chromium >/dev/null 2>&1; then
  echo "check-site: installing chromium" >&2
  if [[ $(id -u) -eq 0 ]]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "check-site: need root or sudo to install chromium (apt-get install -y chromium)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
[[ -f "$reports/index.html" ]] || { echo "check-site: no $reports/index.html (run fprinciple verify first)" >&2; exit 1; }

# Local links and images of every page: the target must exist; nothing may point off the machine.
for page in "$reports"/*.html; do
  dir=$(dirname "$page")
  while IFS= read -r target; do
    case "$target" in
      http://* | https://* | //*) echo "check-site: $page links off the machine: $target"; fail=1 ;;
      "#"* | "") ;;
      *)
        path=${target%%#*}
        if [[ ! -e "$dir/$path" ]]; then
          echo "check-site: $page: broken link $target"
          fail=1
        fi
        ;;
    esac
  done < <(grep -oE '(href|src)="[^"]*"' "$page" | sed -E 's/^(href|src)="//; s/"$//' | sed 's/&amp;/\&/g' | sort -u)
done

browse() { # browse URL PNG → the console messages on stderr of headless Chromium
  timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0 \
    --window-size=1280,1600 --virtual-time-budget=3000 --screenshot="$2" "$1" 2>&1 >/dev/null |
    grep -E 'CONSOLE|Uncaught|ERROR:.*(javascript|Failed to load)' || true
}

pages=("$reports/index.html")
for id in stage-initial-relu-slope fprinciple-1d lfp-network-width; do
  [[ -f "$reports/$id.html" ]] && pages+=("$reports/$id.html")
done
# Fewer than three of those (another run): the first pages with figures.
if ((${#pages[@]} < 4)); then
  while IFS= read -r p; do
    ((${#pages[@]} >= 4)) && break
    [[ " ${pages[*]} " == *" $p "* ]] || pages+=("$p")
  done < <(grep -l '<figure>' "$reports"/*.html | sort)
fi
for page in "${pages[@]}"; do
  png="$out/$(basename "$page" .html).png"
  url="file://$(realpath "$page")"
  messages=$(browse "$url" "$png")
  if [[ -n "$messages" ]]; then
    echo "check-site: console messages in $page:"
    echo "$messages"
    fail=1
  fi
  [[ -s "$png" ]] || { echo "check-site: no rendering of $page"; fail=1; }
  echo "check-site: rendered $page -> $png"
done

# The filter: with #kind=control every shown row is a control, and some rows are hidden.
dom=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=3000 --dump-dom \
  "file://$(realpath "$reports/index.html")#kind=control" 2>/dev/null)
shown=$(grep -oE '<tr data-kind="[a-z]+"[^>]*>' <<<"$dom" | grep -vc ' hidden' || true)
shown_controls=$(grep -oE '<tr data-kind="control"[^>]*>' <<<"$dom" | grep -vc ' hidden' || true)
total=$(grep -oE '<tr data-kind=' <<<"$dom" | wc -l)
if [[ "$shown" -eq 0 || "$shown" -ne "$shown_controls" || "$shown" -eq "$total" ]]; then
  echo "check-site: the kind filter does not filter (shown $shown, of them controls $shown_controls, rows $total)"
  fail=1
else
  echo "check-site: filter kind=control shows $shown of $total rows, all controls"
fi

cli=""
for c in .build/release/fprinciple .build/debug/fprinciple; do [[ -x $c ]] && { cli=$c; break; }; done
if [[ -n "$cli" ]]; then
  "$cli" report --check-figures --reports "$reports" | tail -n 20 || fail=1
else
  echo "check-site: fprinciple is not built; figure layout not checked (swift build --product fprinciple)"
fi

if ((fail)); then
  echo "check-site: FAILED"
  exit 1
fi
echo "check-site: ok (renderings in $out)"
