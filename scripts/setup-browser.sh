#!/usr/bin/env bash
# Installs what the browser tests (tests/browser) need, and nothing when it is
# all there already, so it is cheap to call before every test run:
#  - Debian's chromium (playwright-core drives /usr/bin/chromium; no browser is
#    ever downloaded), a font for readable screenshots, and node/npm if missing;
#  - playwright-core into tests/browser/node_modules, with npm ci from the
#    committed package-lock.json (npm install when there is no lock).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q "install ok installed" || missing+=(fonts-dejavu-core)

if ((${#missing[@]})); then
  echo "setup-browser: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

major=$(node -p 'process.versions.node.split(".")[0]')
if ((major < 18)); then
  echo "setup-browser: warning: node $(node --version) is older than playwright-core wants (18 or later)" >&2
fi

cd tests/browser
# npm runs only when node_modules does not match the lock file.
stamp=node_modules/.gazette-lock-stamp
if [[ -f package-lock.json && -f $stamp ]] && cmp -s package-lock.json "$stamp" && [[ -d node_modules/playwright-core ]]; then
  exit 0
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
cp package-lock.json "$stamp"
