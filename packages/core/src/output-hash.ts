import { canonicalJson, type SchemaNode, type ToolSpec } from '@promptpack/spec';
import { sha256 } from './hash.js';

/**
 * The hash of an output declaration, as manifest.json's `hashes.output`.
 * Canonical JSON sorts keys (reordering YAML must not change a hash), but the
 * output JSON Schema reaches the model in declared property order, and the
 * model tends to answer in it: so that order is hashed too, as the impact
 * rules report it. One definition, for the build and for anything that must
 * agree with it (eval records, changelogs).
 */
export function outputHash(output: SchemaNode | undefined): string {
  return sha256(canonicalJson(output ? { schema: output, propertyOrder: propertyOrder(output) } : null));
}

/**
 * The hash of tools.yaml's tools, as manifest.json's `hashes.tools`: every
 * tool in the order the model sees them, with each one's parameter order
 * (providers pass the parameters schema on as declared), like `outputHash`.
 */
export function toolsHash(tools: readonly ToolSpec[]): string {
  return sha256(canonicalJson(tools.map((tool) => ({ tool, propertyOrder: propertyOrder(tool.parameters) }))));
}

function propertyOrder(node: SchemaNode, path = ''): string[] {
  if (node.type === 'array') return propertyOrder(node.items, `${path}[]`);
  if (node.type !== 'object') return [];
  const names = Object.keys(node.properties);
  return [`${path}:${names.join(',')}`, ...names.flatMap((name) => propertyOrder(node.properties[name]!, `${path}.${name}`))];
}
