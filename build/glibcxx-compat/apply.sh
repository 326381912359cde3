#!/usr/bin/env bash
# Makes TorchSharp's libLibTorchSharp.so load on a libstdc++ older than GCC 13 (Debian 12).
# Usage: apply.sh <native-dir> <tool-cache-dir>
# Touches only <native-dir> (a build output), never the NuGet cache. Idempotent.
# A no-op when the machine's libstdc++ already provides GLIBCXX_3.4.32 or the .so does not need it.
set -euo pipefail
native_dir=$1
tool_dir=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
so="$native_dir/libLibTorchSharp.so"
compat_name=libpruninggame_glibcxx_compat.so
needed_version=GLIBCXX_3.4.32

[[ -f "$so" ]] || exit 0

libstdcxx=$(/sbin/ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
[[ -n "$libstdcxx" ]] || libstdcxx=$(ls /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /lib64/libstdc++.so.6 2>/dev/null | head -n1 || true)
if [[ -n "$libstdcxx" ]] && grep -qa "$needed_version" "$libstdcxx"; then
    exit 0   # this machine's libstdc++ is new enough: nothing to do
fi
if ! grep -qa "$needed_version" "$so"; then
    exit 0   # this libLibTorchSharp.so does not need the newer symbol version
fi

# Concurrent builds (parallel jobs, Slurm array tasks) may patch the same output: one at a time, and the
# "already patched" check is made under the lock.
exec 9> "$native_dir/.glibcxx-compat.lock"
flock 9

if readelf -d "$so" 2>/dev/null | grep -q "$compat_name" && [[ -f "$native_dir/$compat_name" ]]; then
    exit 0   # already patched
fi

for tool in g++ patchelf readelf; do
    if ! command -v "$tool" > /dev/null; then
        echo "error: glibcxx-compat: TorchSharp needs $needed_version, which $libstdcxx lacks; fixing it needs '$tool' (apt-get install g++ patchelf binutils)." >&2
        exit 1
    fi
done

mkdir -p "$tool_dir"
exec 8> "$tool_dir/.glibcxx-compat.lock"
flock 8   # the tool cache may be shared by several outputs
if [[ ! -x "$tool_dir/weaken_verneed" || "$here/weaken_verneed.cpp" -nt "$tool_dir/weaken_verneed" ]]; then
    g++ -O2 -o "$tool_dir/weaken_verneed.$$.tmp" "$here/weaken_verneed.cpp"
    mv -f "$tool_dir/weaken_verneed.$$.tmp" "$tool_dir/weaken_verneed"
fi
if [[ ! -f "$tool_dir/$compat_name" || "$here/ios_base_library_init.cpp" -nt "$tool_dir/$compat_name" ]]; then
    g++ -O2 -shared -fPIC -o "$tool_dir/$compat_name.$$.tmp" "$here/ios_base_library_init.cpp"
    mv -f "$tool_dir/$compat_name.$$.tmp" "$tool_dir/$compat_name"
fi
flock -u 8

# Patch a private copy, then rename into place: a failure never leaves a half-patched library,
# and a hard link into the NuGet cache (if any) is broken rather than written through.
tmp=$(mktemp "$so.glibcxx-compat.XXXXXX")
trap 'rm -f "$tmp" "$native_dir/$compat_name.$$.tmp"' EXIT
cp "$so" "$tmp"
"$tool_dir/weaken_verneed" "$tmp" "$needed_version" > /dev/null
if ! readelf -d "$tmp" | grep -q "$compat_name"; then
    patchelf --add-needed "$compat_name" "$tmp"
fi
cp "$tool_dir/$compat_name" "$native_dir/$compat_name.$$.tmp"
mv -f "$native_dir/$compat_name.$$.tmp" "$native_dir/$compat_name"
chmod --reference="$so" "$tmp"
mv -f "$tmp" "$so"
echo "glibcxx-compat: patched $so ($libstdcxx lacks $needed_version; weak version + $compat_name)"
