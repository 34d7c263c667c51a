#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the build and the tests need, when missing (idempotent):
# libdbus for the Secret Service client, gnome-keyring and keyutils for the real OS keyrings,
# dbus for a session bus, curl for the local API tests over the socket; WebKitGTK, appindicator and
# friends to build the Tauri desktop app, and Xvfb with WebKitWebDriver to drive it in the tests
# (xdotool gives the window the keyboard focus there, as a window manager would); the installers'
# tools: wixl and msitools (MSI), lintian, rpm and rpmlint, xmllint, desktop-file-validate, and Wine
# to install the MSI in a test, mingw to cross-build the Windows release and osslsigncode to sign
# it; Chromium and ChromeDriver to drive the User Management portal;
# nginx (a TLS front), squid (an HTTP proxy) and dante (a SOCKS5 proxy) with openssl for the
# enterprise-network tests; Mono's C# compiler and runtime to build and run liblatchkey's P/Invoke
# sample (Debian's archive has no .NET SDK).
set -euo pipefail
packages=(pkg-config libdbus-1-dev dbus gnome-keyring keyutils libsecret-tools curl
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  xvfb xauth webkit2gtk-driver at-spi2-core xdotool
  wixl msitools lintian rpm rpmlint libxml2-utils desktop-file-utils debconf wine wine64
  gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 osslsigncode
  chromium chromium-driver
  nginx-light squid dante-server openssl
  mono-mcs mono-runtime)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
