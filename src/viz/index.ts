// The viz's public surface: every symbol by name (no `export *`).
export type {
  Layout,
  LayoutEdge,
  LayoutEdgeKind,
  LayoutNode,
  LayoutNodeKind,
  LayoutOptions,
  LayoutRegion,
} from './layout';
export { layout } from './layout';
export { groupPath } from './forest';
export { neighbour } from './keyboard';
export { EDGE_COLOUR, NODE_R, STATUS_COLOUR, STATUS_GLYPH } from './theme';
export type { ContextTarget, TreeView, TreeViewInput, TreeViewOptions } from './treeView';
export { createTreeView } from './treeView';
