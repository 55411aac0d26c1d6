/**
 * The document or shadow root `node` lives in. The page renders into the document; an embed
 * renders into a shadow root, where `document.activeElement` is the embed's host element and
 * `document.getElementById` finds nothing inside — so both are asked of the node's own root.
 */
const rootOf = (node: Node | null | undefined): Document | ShadowRoot => {
  const root = node?.getRootNode();
  return root instanceof ShadowRoot || root instanceof Document ? root : document;
};

/** The focused element in `node`'s root (inside an embed's shadow root, not its host). */
export const activeElementIn = (node: Node | null | undefined): Element | null =>
  rootOf(node).activeElement;

/** `getElementById` in `node`'s root. */
export const elementByIdIn = (node: Node | null | undefined, id: string): HTMLElement | null =>
  rootOf(node).getElementById(id);
