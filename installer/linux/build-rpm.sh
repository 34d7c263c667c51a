#!/usr/bin/env bash
# Builds the RPM from a staged tree, with /etc/latchkey/config.toml as %config(noreplace) (IT's
# edits survive upgrades):
#   installer/linux/build-rpm.sh BIN_DIR OUT_DIR [VERSION]
# Prints the package's path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin_dir=$1 out_dir=$2 version=${3:-$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/stage
"$here/stage.sh" "$stage" "$bin_dir" /usr/lib64 "$version"
chmod 0755 "$stage/usr/lib64/liblatchkey.so.0" # Fedora's rule for shared libraries (Debian's is 0644)
install -d "$stage/etc/latchkey/policies"
install -m 0644 "$here/config.toml" "$stage/etc/latchkey/config.toml"
printf 'Latchkey is dual-licensed under the MIT license and the Apache License 2.0.\nCopyright: The Latchkey authors\n' > "$stage/usr/share/doc/latchkey/copyright"
mkdir -p "$out_dir"
rpmbuild -bb --quiet \
  --define "_topdir $work/rpmbuild" --define "_rpmdir $work/out" --define "version $version" --define "stage $stage" \
  --define "_binary_payload w19.zstdio" \
  "$here/rpm/latchkey.spec" >/dev/null
package="$out_dir/latchkey-${version}-1.x86_64.rpm"
mv "$work/out/x86_64/latchkey-${version}-1.x86_64.rpm" "$package"
echo "$package"
