#!/usr/bin/env bash
# Installs everything the workbench, its tests and its notebooks need on a fresh Debian 12 (x86-64) machine that has
# the .NET 10 SDK. Idempotent; run as root or as a user with sudo. Both the README's Quick start and .ci/run call it.
#   apt: Fashion-MNIST, the TorchSharp libstdc++ shim's tools (build/glibcxx-compat), Chromium (figures),
#        Debian's Jupyter (nbformat, nbconvert, jupyter-client) for the notebooks;
#   the .NET Interactive kernel: the dotnet-interactive global tool, pinned (the project is archived upstream and
#        1.0.712001 is its last release), registered with Debian's Jupyter as the `.net-csharp` kernel.
set -euo pipefail

interactive_version=1.0.712001

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo > /dev/null; then sudo "$@"; else "$@"; fi; }

if ! command -v dotnet > /dev/null; then
    echo "error: the .NET 10 SDK is not on PATH; install it first (https://learn.microsoft.com/dotnet/core/install/linux-debian)." >&2
    exit 1
fi

echo "== apt: dataset-fashion-mnist, g++ patchelf binutils, chromium, python3-nbformat jupyter-nbconvert jupyter-client"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends \
    dataset-fashion-mnist g++ patchelf binutils chromium python3-nbformat jupyter-nbconvert jupyter-client > /dev/null

echo "== the .NET Interactive kernel: dotnet-interactive $interactive_version, registered with Jupyter"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
tools="$HOME/.dotnet/tools"
installed=$(dotnet tool list -g | awk 'tolower($1) == "microsoft.dotnet-interactive" {print $2}')
if [[ -z "$installed" ]]; then
    dotnet tool install -g Microsoft.dotnet-interactive --version "$interactive_version" > /dev/null
elif [[ "$installed" != "$interactive_version" ]]; then
    dotnet tool update -g Microsoft.dotnet-interactive --version "$interactive_version" --allow-downgrade > /dev/null
fi
# Debian's Python first, so the kernel is registered with Debian's Jupyter even when pyenv or conda comes first on PATH.
PATH="/usr/bin:$PATH:$tools" dotnet interactive jupyter install > /dev/null
kernels=$(/usr/bin/python3 -m jupyter kernelspec list 2>/dev/null || true)
if ! grep -q '\.net-csharp' <<< "$kernels"; then
    echo "error: the .net-csharp kernel is not registered with /usr/bin/python3's Jupyter (dotnet interactive jupyter install failed)." >&2
    exit 1
fi

case ":$PATH:" in
    *":$tools:"*) ;;
    *) echo "note: add the kernel's folder to PATH for Jupyter and VS Code: export PATH=\"\$PATH:$tools\"" ;;
esac
echo "set-up done"
