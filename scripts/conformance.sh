#!/usr/bin/env bash
# Conformance: checks the synthesized folder with the real tools that consume it: authentik's
# loader (PyYAML), `kubectl kustomize` (as ArgoCD renders it) and the ExternalSecret CRD schema;
# plus a PyYAML round trip of >10,000 generated strings through the serializer, and Python's re.compile
# against checkPythonRegex on >10,000 patterns, authentik's duration parser against checkTimedelta, and
# every blueprint (and authentik's own, as a self-test) against authentik's blueprint JSON schema.
# Both a fresh synth and the committed dist/ must pass. Needs the tools of
# scripts/install-conformance-tools.sh; reads only the repository (the CRD and authentik's blueprints
# are vendored); never skips.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
# shellcheck source=conformance/kubectl.sh
. scripts/conformance/kubectl.sh

die() {
  echo "conformance: $*" >&2
  echo 'conformance: 0 passed, 1 failed' >&2
  exit 1
}

PYTHON=(/usr/bin/python3 -E -s -B)  # Debian's python with its PyYAML; no pyenv, PYTHONPATH or user site
CRD="$REPO/constructs/k8s/crds/external-secrets.io_externalsecrets.crd.yaml"
CORPUS="$REPO/test/fixtures/corpus/authentik-2026.2"

[ -x /usr/bin/python3 ] || die '/usr/bin/python3 is missing: run `bash scripts/install-conformance-tools.sh`'
"${PYTHON[@]}" -c 'import yaml' 2>/dev/null \
  || die '/usr/bin/python3 cannot import yaml: run `bash scripts/install-conformance-tools.sh` (Debian python3-yaml)'
KUBECTL=$(find_kubectl "$REPO") \
  || die 'no kubectl with kustomize v4+ (checked $KUBECTL, .tools/bin, /usr/bin, PATH): run `bash scripts/install-conformance-tools.sh`'
command -v yamllint >/dev/null 2>&1 || die 'yamllint is missing: run `bash scripts/install-conformance-tools.sh` (Debian yamllint)'
[ -f "$CRD" ] || die "missing $CRD: the vendored ExternalSecret CRD; restore it from git"
[ -d "$CORPUS" ] || die "missing $CORPUS: authentik's vendored blueprints; restore them from git"
[ -f dist/kustomization.yaml ] || die 'dist/ has no kustomization.yaml: run `npm run synth`'

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
node --import tsx main.ts --outdir "$WORK/synth" >/dev/null || die 'synth into a temp folder failed'
FOLDERS=("$WORK/synth" "$REPO/dist")

step_readback() {
  node --import tsx scripts/conformance/export-expected.ts "$WORK/expected.json" \
    && "${PYTHON[@]}" scripts/conformance/readback.py "$WORK/expected.json" "${FOLDERS[@]}"
}

step_kustomize() {
  local rc=0 folder i=0 base="$WORK/base"
  # the base: the user's real authentik folder after the README's step 2, without its components
  # (test/fixtures/blumeops); not a stand-in written from a description
  "${PYTHON[@]}" scripts/conformance/migrated_including.py "$REPO" "$REPO/dist" "$WORK/base-including" "" "$base" >/dev/null \
    || { echo '  could not lay out the real authentik folder as the base'; return 1; }
  for folder in "${FOLDERS[@]}"; do
    "${PYTHON[@]}" scripts/conformance/kustomize_check.py "$KUBECTL" "$base" "$folder" "$WORK/rendered-$i.yaml" || rc=1
    i=$((i + 1))
  done
  return $rc
}

step_externalsecret() {
  # validates the folders and what kustomize rendered from them (step b leaves it behind)
  node --import tsx scripts/conformance/validate-externalsecret.ts "$CRD" "${FOLDERS[@]}" "$WORK"/rendered-*.yaml
}

step_roundtrip() {
  node --import tsx scripts/conformance/generate-roundtrip.ts "$WORK/roundtrip.json" \
    && "${PYTHON[@]}" scripts/conformance/check_roundtrip.py "$WORK/roundtrip.json"
}

step_python_regex() {
  # checkPythonRegex (Node) against this Python's re.compile; the \N{…} names table against its unicodedata
  "${PYTHON[@]}" scripts/conformance/check_python_regex.py --features >"$WORK/re-features.json" \
    && node --import tsx scripts/conformance/generate-regex-cases.ts "$WORK/re-features.json" "$WORK/regex-cases.json" \
    && "${PYTHON[@]}" scripts/conformance/check_python_regex.py "$WORK/regex-cases.json" "${FOLDERS[@]}" \
    && "${PYTHON[@]}" scripts/conformance/unicode_names.py --check constructs/authentik/private/unicode-names.txt.gz
}

step_timedelta() {
  node --import tsx scripts/conformance/generate-timedelta-cases.ts "$WORK/timedelta-cases.json" \
    && "${PYTHON[@]}" scripts/conformance/check_timedelta.py "$WORK/timedelta-cases.json"
}

step_blueprint_schema() {
  node --import tsx scripts/conformance/validate-blueprints.ts "$CORPUS" "${FOLDERS[@]}"
}

step_import() {
  # npm run import on authentik's own blueprints and on dist/, synthesized, read back by authentik's loader
  node --import tsx scripts/conformance/import-roundtrip.ts write "$WORK/import" \
    && "${PYTHON[@]}" scripts/conformance/import_readback.py "$WORK/import" \
    && node --import tsx scripts/conformance/import-roundtrip.ts compare "$WORK/import"
}

passed=0
failed=0
run_step() {
  local title=$1 fn=$2 start=$SECONDS
  echo "conformance: $title"
  if "$fn"; then
    passed=$((passed + 1))
    echo "  PASS $title ($((SECONDS - start))s)"
  else
    failed=$((failed + 1))
    echo "  FAIL $title ($((SECONDS - start))s)"
  fi
}

PYYAML_VERSION=$("${PYTHON[@]}" -c 'import yaml; print(yaml.__version__)')
echo "conformance: kubectl $KUBECTL (kustomize v$(kustomize_major "$KUBECTL")), PyYAML $PYYAML_VERSION"
run_step 'a. blueprints read back through authentik'"'"'s PyYAML loader' step_readback
run_step 'b. kubectl kustomize on the real authentik folder (after step 2) as the base: worker mount and !Env wiring' step_kustomize
run_step 'c. ExternalSecret valid against the external-secrets.io v1 CRD' step_externalsecret
run_step 'd. PyYAML round trip of generated strings' step_roundtrip
run_step 'e. Python regex: checkPythonRegex agrees with re.compile; regex redirect URIs compile' step_python_regex
run_step 'f. durations: checkTimedelta accepts what authentik'"'"'s timedelta_string_validator accepts' step_timedelta
run_step 'g. blueprints valid against authentik'"'"'s blueprint JSON schema (and authentik'"'"'s own blueprints, as a self-test)' step_blueprint_schema
run_step 'h. npm run import round trip read back through authentik'"'"'s PyYAML loader' step_import
step_components() {
  # each Component included from a stand-in of the kustomization that includes it, then every
  # ExternalSecret (authentik's and the consumers') in the folders and the renderings against the CRD
  local rc=0 folder i=0 component paths=()
  # the including folders: the user's real ones after the README's steps 2 and 3, and the same with
  # the namespaces deleted from their resources (the Component must match either way)
  "${PYTHON[@]}" scripts/conformance/migrated_including.py "$REPO" "$REPO/dist" "$WORK/including" "$WORK/including-without-namespaces" || return 1
  for folder in "${FOLDERS[@]}"; do
    "${PYTHON[@]}" scripts/conformance/component_check.py "$KUBECTL" "$WORK/including" "$folder" "$WORK/component-$i" || rc=1
    "${PYTHON[@]}" scripts/conformance/component_check.py "$KUBECTL" "$WORK/including-without-namespaces" "$folder" "$WORK/component-nons-$i" || rc=1
    while IFS= read -r component; do paths+=("$(dirname "$component")"); done \
      < <(grep -rl --include=kustomization.yaml '^kind: Component$' "$folder" | sort)
    i=$((i + 1))
  done
  node --import tsx scripts/conformance/validate-externalsecret.ts "$CRD" "${paths[@]}" "$WORK"/component-*.yaml || rc=1
  return $rc
}

run_step 'i. each Component rendered from the real folder that includes it (with and without namespaces); every ExternalSecret valid' step_components

step_yamllint() {
  # the user's lint: every generated YAML (the synthesized folders, consumers' folders included, and
  # the snapshots) with .yamllint.yaml, warnings counted as failures
  yamllint --strict -c .yamllint.yaml "${FOLDERS[@]}" __snapshots__
}

run_step 'j. yamllint --strict with the user'"'"'s .yamllint.yaml on every generated YAML' step_yamllint
step_migration() {
  # the README's "Migrate blumeops" steps 2-4, read from the README and applied to a copy of the
  # user's real files (test/fixtures/blumeops) with dist/ at authentik-config/dist; before and after
  # each step rendered (kubectl kustomize; Jinja2 for the Ansible templates) and compared; only the
  # differences the README announces pass; deliberately broken copies must fail
  /usr/bin/python3 -c 'import jinja2' 2>/dev/null \
    || { echo '  /usr/bin/python3 cannot import jinja2: run `bash scripts/install-conformance-tools.sh` (Debian python3-jinja2)'; return 1; }
  command -v git >/dev/null 2>&1 || { echo '  git is missing (the README'"'"'s diffs are applied with git apply)'; return 1; }
  "${PYTHON[@]}" scripts/conformance/migration_check.py "$KUBECTL" "$REPO" "$REPO/dist"
}

run_step 'k. the README'"'"'s blumeops migration (steps 2-4) on the real files: nothing lost or changed but what each step announces' step_migration

step_generated_secrets() {
  # zot's secret generated and rotated, rendered by kustomize on the real authentik folder as the base, checked against ESO 2.8.0's CRDs
  node --import tsx scripts/conformance/generated-secrets.ts write "$WORK/generated" \
    && "${PYTHON[@]}" scripts/conformance/migrated_including.py "$REPO" "$WORK/generated/dist" "$WORK/generated/including" "" "$WORK/generated/base" >/dev/null \
    && "$KUBECTL" kustomize "$WORK/generated/dist" >"$WORK/generated/rendered.yaml" \
    && node --import tsx scripts/conformance/generated-secrets.ts check scripts/conformance/crds "$WORK/generated/rendered.yaml" \
    && yamllint --strict -c .yamllint.yaml "$WORK/generated/dist"
}

run_step 'l. generated and rotated secret: ESO 2.8.0 CRDs, sync waves, the rotated worker key' step_generated_secrets
step_python_syntax() {
  # pythonSyntaxError (@lezer/python) against CPython's compile() of expressions wrapped as authentik wraps them
  node --import tsx scripts/conformance/generate-python-syntax-cases.ts "$WORK/python-syntax.json" "$CORPUS" "${FOLDERS[@]}" \
    && "${PYTHON[@]}" scripts/conformance/check_python_syntax.py "$WORK/python-syntax.json"
}

run_step 'm. Python expressions: the parser agrees with CPython'"'"'s compile() (table, authentik'"'"'s blueprints, the synthesized ones)' step_python_syntax
step_django_urls() {
  # the URL rule against Django's URLValidator (Debian's python3-django) with authentik's subclasses re-written in Python
  "${PYTHON[@]}" -c 'import django' 2>/dev/null \
    || { echo '  /usr/bin/python3 cannot import django: run `bash scripts/install-conformance-tools.sh` (Debian python3-django)'; return 1; }
  node --import tsx scripts/conformance/export-url-cases.ts "$WORK/url-cases.json" \
    && "${PYTHON[@]}" scripts/conformance/check_django_urls.py "$WORK/url-cases.json"
}

run_step 'u. URL fields: the URL rule agrees with Django'"'"'s URLValidator and authentik'"'"'s Domainless subclasses on the URL table' step_django_urls
echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
