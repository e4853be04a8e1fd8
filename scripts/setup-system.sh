#!/usr/bin/env bash
# Installs everything taskmine needs outside Python on a fresh Debian 12 machine (run as root),
# then the Python environment from the committed lock file. Idempotent: re-running is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # recorder tests: a virtual screen, a session bus, the AT-SPI registry, GTK sample apps
  xvfb xdotool at-spi2-core dbus-x11 libatk-adaptor python3-pyatspi python3-gi gir1.2-gtk-3.0
  # web app tests (Playwright drives Debian's Chromium)
  chromium
  # PDD rendering checks (.docx -> PDF -> PNG)
  libreoffice-writer-nogui poppler-utils
  # real UI text in ~190 languages (translated message catalogs) for the privacy false-alarm
  # test and bench/bench_pii_catalogs.py
  libglib2.0-data iso-codes shared-mime-info libgstreamer1.0-0 appstream
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]} (run as root, or install them)" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v uv >/dev/null 2>&1 || python3 -m pip install -q uv
export UV_PYTHON_DOWNLOADS=never
uv sync --frozen --quiet

# pyatspi and gi come from Debian; the venv sees them by appending (never prepending) their path.
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "/usr/lib/python3/dist-packages" > "$site/zz_debian_dist_packages.pth"

# The second name-and-address generator (@faker-js/faker) for bench/bench_pii_fakerjs.py and
# its test: dev only, from the npm registry with the committed lock file. Needs Node.js 20 or
# newer, which this machine kind has; without it the bench and test say so and skip.
if command -v node >/dev/null 2>&1 && node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)'; then
  if [ ! -d bench/fakerjs/node_modules/@faker-js ] || [ bench/fakerjs/package-lock.json -nt bench/fakerjs/node_modules ]; then
    # Dev only: where the npm registry cannot be reached, the bench and its test skip.
    npm ci --prefix bench/fakerjs --silent --no-audit --no-fund \
      || { rm -rf bench/fakerjs/node_modules; echo "setup: npm ci failed; bench/bench_pii_fakerjs.py and its test will skip"; }
  fi
else
  echo "setup: Node.js 20+ not found; bench/bench_pii_fakerjs.py and its test will skip"
fi
