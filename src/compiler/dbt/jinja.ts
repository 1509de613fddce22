/**
 * Text that lands in a Jinja template (dbt renders every model, macro and most YAML values).
 *
 * Jinja only acts on `{{`, `{%` and `{#`, all of which start with `{`; writing every `{` as the
 * expression `{{ '{' }}` makes any text render as itself and never as a template instruction,
 * whatever a label, literal or table name holds. `}` alone is plain text to Jinja.
 */
export function jinjaText(text: string): string {
  return text.replaceAll('{', "{{ '{' }}");
}
