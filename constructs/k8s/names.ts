/** Problems with a Kubernetes object name (DNS-1123 subdomain), or none. */
export function checkObjectName(name: string, where: string): string[] {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name) && name.length <= 253
    ? []
    : [`${where} ${JSON.stringify(name)} is not a valid Kubernetes name; use lowercase letters, digits, - and . (at most 253 characters)`];
}

/** Problems with a namespace name (DNS-1123 label), or none. */
export function checkNamespace(name: string, where: string): string[] {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) && name.length <= 63
    ? []
    : [`${where} ${JSON.stringify(name)} is not a valid namespace; use lowercase letters, digits and - (at most 63 characters)`];
}

/** Problems with a Secret or ConfigMap data key, or none (Kubernetes' IsConfigMapKey). */
export function checkDataKey(key: string, where: string): string[] {
  if (typeof key !== 'string') return [`${where} must be a string; got ${typeof key}`];
  if (!/^[-._a-zA-Z0-9]+$/.test(key) || key.length > 253) {
    return [`${where} ${JSON.stringify(key)} is not a valid Secret key; use letters, digits, -, _ and . (at most 253 characters)`];
  }
  if (key === '.' || key === '..' || key.startsWith('..')) {
    return [`${where} ${JSON.stringify(key)} is not a valid Secret key: Kubernetes refuses ".", ".." and keys starting with ".."; rename it`];
  }
  return [];
}

/** Problems with a container name (DNS-1123 label), or none. */
export function checkContainerName(name: string, where: string): string[] {
  return typeof name === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) && name.length <= 63
    ? []
    : [`${where} ${JSON.stringify(name)} is not a valid container name; use lowercase letters, digits and - (at most 63 characters)`];
}

// a Go time.Duration as ESO parses refreshInterval: sequences of number+unit, or a bare 0
const GO_DURATION = /^(0|([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$/;

/** Problems with an External Secrets refresh interval (a Go duration such as `1h` or `30m`; `0` fetches once). */
export function checkGoDuration(value: string, where: string): string[] {
  return typeof value === 'string' && (value === '0' || GO_DURATION.test(value))
    ? []
    : [`${where} ${JSON.stringify(value)} is not a Go duration, so External Secrets would refuse the object; write e.g. "1h", "30m" or "0" (fetch once)`];
}

/** Problems with an environment variable name that `!Env` reads, or none. */
export function checkEnvVarName(name: string, where: string): string[] {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
    ? []
    : [`${where} ${JSON.stringify(name)} is not a portable environment variable name; use letters, digits and _, not starting with a digit`];
}
