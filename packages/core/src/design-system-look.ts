/**
 * Tailwind colour utilities compared between a raw element (or a local component's root) and the classes a
 * design-system component's source writes: whether the system has a variant with that look.
 */

/** A colour utility (`bg-gray-900`, `hover:text-primary`, `focus:ring-[var(--brand)]`), not a size or a style of the same prefix. */
export const COLOR_CLASS =
  /^(bg|text|border(-[xytrblse])?|ring|outline|placeholder|fill|stroke|divide|decoration|caret|accent|from|via|to)-(?!\d|\[\d|(xs|sm|base|md|lg|xl|\dxl|left|right|center|justify|start|end|none|solid|dashed|dotted|double|hidden|offset|inset|clip|opacity|ellipsis|wrap|nowrap|balance|pretty|collapse|separate|auto|cover|contain|fixed|local|scroll|repeat|no-repeat|origin|gradient|linear|radial|conic|[xytrblse]-|[xytrblse]$)(\b|$))/;

export const stripImportant = (c: string) => c.replace(/^!/, '');

/** A colour compared by its utility and colour, without variant prefixes or opacity (`hover:bg-primary/80` is `bg-primary`). */
export const colourOf = (c: string) =>
  stripImportant(c)
    .replace(/^([\w-]+:)+/, '')
    .replace(/\/\d+$/, '');

/** Whether a class is a colour utility (any variant prefix). */
export const isColourClass = (c: string) => COLOR_CLASS.test(colourOf(c));

/**
 * The colour classes of `raw` that `component` never writes, whatever the variant prefix or opacity: a look of
 * its own, which none of the component's variants draws (a gradient, another red, a muted chip).
 */
export function coloursNotIn(raw: readonly string[], component: readonly string[]): string[] {
  const colours = new Set(component.map(colourOf));
  return raw.filter((c) => isColourClass(c) && !colours.has(colourOf(c)));
}
