/**
 * GSettings schema sources: `*.gschema.xml` (schema id, dconf path, key types and defaults) and
 * `*.gschema.override` key files (`[schema.id]` or `[schema.id:DESKTOP]` groups of GVariant text)
 * that glib-compile-schemas applies on top of the defaults, later files (by name) winning.
 */
import { parseKeyfile } from './keyfile.js';
import { xmlTokens } from './xml.js';

export interface SchemaKey {
  name: string;
  /** GVariant type; enum keys are 's' and flags keys 'as', as GSettings stores them. */
  type: string;
  /** The `<default>` text (GVariant text of `type`), or null when absent. */
  defaultText: string | null;
}

export interface Schema {
  id: string;
  /** dconf path ending in '/', or null for relocatable schemas. */
  path: string | null;
  keys: Record<string, SchemaKey>;
}

/** Every `<schema>` in a gschema XML file. */
export const parseSchemaXml = (xml: string): Schema[] => {
  const schemas: Schema[] = [];
  let schema: Schema | undefined;
  let key: SchemaKey | undefined;
  let inDefault = false;
  let text = '';
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'open') {
      const a = token.attributes;
      if (token.name === 'schema' && a.id !== undefined) {
        schema = { id: a.id, path: a.path ?? null, keys: {} };
        schemas.push(schema);
      } else if (token.name === 'key' && schema !== undefined && a.name !== undefined) {
        const type = a.type ?? (a.enum !== undefined ? 's' : a.flags !== undefined ? 'as' : undefined);
        if (type !== undefined) {
          key = { name: a.name, type, defaultText: null };
          schema.keys[a.name] = key;
        }
      } else if (token.name === 'default' && key !== undefined && !token.selfClosing) {
        inDefault = true;
        text = '';
      }
      if (token.selfClosing && token.name === 'schema') schema = undefined;
    } else if (token.kind === 'text') {
      if (inDefault) text += token.text;
    } else if (token.name === 'default') {
      if (inDefault && key !== undefined) key.defaultText = text.trim();
      inDefault = false;
    } else if (token.name === 'key') key = undefined;
    else if (token.name === 'schema') schema = undefined;
  }
  return schemas;
};

export interface SchemaOverride {
  schema: string;
  /** Desktop name for `[schema:DESKTOP]` groups (matched against XDG_CURRENT_DESKTOP), else null. */
  desktop: string | null;
  key: string;
  value: string;
  line: number;
}

export const parseSchemaOverride = (text: string): SchemaOverride[] =>
  parseKeyfile(text).map(({ group, key, value, line }) => {
    const colon = group.indexOf(':');
    return {
      schema: colon < 0 ? group : group.slice(0, colon),
      desktop: colon < 0 ? null : group.slice(colon + 1),
      key,
      value,
      line,
    };
  });
