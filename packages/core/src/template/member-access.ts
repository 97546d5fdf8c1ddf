import type { SchemaNode } from '@promptpack/spec';
import type { Binding } from './binding.js';
import { itemPath, propertyPath } from './variable-path.js';

const indexNode: SchemaNode = { type: 'integer' };

/**
 * What `value.name` can be, following Handlebars: declared properties of an
 * object, and on a list its `length` or an item by position (`list.[0]`).
 * Empty when the schema allows nothing by that name.
 */
export function readProperty(binding: Binding, name: string): Binding[] {
  const { node } = binding;
  if (node.type === 'object') {
    const property = Object.hasOwn(node.properties, name) ? node.properties[name] : undefined;
    return property ? [{ node: property, ...optionalPath(propertyPath(binding.path, name)), ...optionalKey(propertyPath(binding.key, name)) }] : [];
  }
  if (node.type === 'array') {
    // `length` reads the list itself, so it marks the list as used, not its items.
    if (name === 'length') return [{ node: indexNode, ...optionalPath(binding.path), ...optionalKey(binding.key) }];
    if (/^\d+$/.test(name)) return [{ node: node.items, ...optionalPath(itemPath(binding.path)), ...optionalKey(itemKey(binding.key, name)) }];
  }
  return [];
}

/**
 * What `{{#each value}}` binds: the items, and the type of `@key` / the second
 * block param. Undefined when not iterable. `iteration` names this pass over
 * a list, so its items' keys differ from any other pass's.
 */
export function elementsOf(binding: Binding, iteration: string): { items: Binding[]; key: SchemaNode } | undefined {
  const { node } = binding;
  if (node.type === 'array') {
    return { items: [{ node: node.items, ...optionalPath(itemPath(binding.path)), ...optionalKey(itemKey(binding.key, iteration)) }], key: indexNode };
  }
  if (node.type === 'object') {
    const items = Object.entries(node.properties).map(([name, property]) => ({
      node: property,
      ...optionalPath(propertyPath(binding.path, name)),
      ...optionalKey(propertyPath(binding.key, name)),
    }));
    return { items, key: { type: 'string' } };
  }
  return undefined;
}

function itemKey(parent: string | undefined, item: string): string | undefined {
  return parent === undefined || parent === '' ? undefined : `${parent}[${item}]`;
}

function optionalKey(key: string | undefined): { key?: string } {
  return key === undefined ? {} : { key };
}

// Keeps `path` absent rather than undefined, so bindings compare cleanly in tests.
function optionalPath(path: string | undefined): { path?: string } {
  return path === undefined ? {} : { path };
}
