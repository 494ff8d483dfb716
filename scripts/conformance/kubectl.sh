# Sourced by install-conformance-tools.sh and conformance.sh: finding a kubectl whose built-in
# kustomize is v4 or newer (Debian's kubernetes-client ships kustomize v2, which is too old).

# the tool dir the installer falls back to, relative to the repository
CONFORMANCE_TOOLS_DIR=.tools/bin

# Prints the major version of the kustomize built into kubectl $1, or nothing.
kustomize_major() {
  "$1" version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\)\..*/\1/p'
}

# Prints the path of the first usable kubectl: $KUBECTL, the repo's tool dir, /usr/bin, then PATH.
# Usage: find_kubectl REPO
find_kubectl() {
  local candidate major
  for candidate in "${KUBECTL:-}" "$1/$CONFORMANCE_TOOLS_DIR/kubectl" /usr/bin/kubectl "$(command -v kubectl || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(kustomize_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 4 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
