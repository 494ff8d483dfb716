/** The openAPIV3Schema of a CustomResourceDefinition as Kubernetes applies it, for ajv. */
type Schema = { [key: string]: unknown };

/**
 * Kubernetes rejects unknown fields under strict field validation (kubectl's default) unless the
 * schema says `x-kubernetes-preserve-unknown-fields`; JSON Schema allows them, so close the objects.
 */
export function closeObjects(schema: Schema): Schema {
  const out: Schema = { ...schema };
  if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  if (out.properties) {
    out.properties = Object.fromEntries(Object.entries(out.properties as Record<string, Schema>).map(([k, v]) => [k, closeObjects(v)]));
  }
  for (const key of ['items', 'additionalProperties', 'not']) {
    if (out[key] && typeof out[key] === 'object') out[key] = closeObjects(out[key] as Schema);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(out[key])) out[key] = (out[key] as Schema[]).map(closeObjects);
  }
  return out;
}
