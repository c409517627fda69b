#!/usr/bin/env bash
# Install the browser the UI tests drive: Debian's own chromium (and its driver), never a
# browser download by a test tool. Needs root (CI runs as root); safe to run twice.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "install-browser: $(/usr/bin/chromium --version)"
