import { newComparison, newUid, type TDraftGroup, type TDraftNode } from './rule-draft';

// Edits of the condition tree, each returning a new tree (React state is
// replaced, never mutated). Nodes are found by their uid.

/** The tree with node `uid` replaced by what `fn` makes of it. */
export function updateNode(root: TDraftNode, uid: string, fn: (node: TDraftNode) => TDraftNode): TDraftNode {
  if (root.uid === uid) return fn(root);
  if (root.type === 'comparison') return root;
  return { ...root, parts: root.parts.map((p) => updateNode(p, uid, fn)) };
}

/**
 * The tree without node `uid`. A group left with one part gives way to that
 * part, so removing the second comparison of "all of" leaves one comparison,
 * not a group of one.
 */
export function removeNode(root: TDraftNode, uid: string): TDraftNode {
  if (root.type === 'comparison') return root;
  const parts = root.parts.filter((p) => p.uid !== uid).map((p) => removeNode(p, uid));
  if (parts.length === 1 && root.parts.length > 1) return parts[0];
  return { ...root, parts };
}

/** Adds a comparison (or a group of one comparison) at the end of group `uid`. */
export function addPart(root: TDraftNode, uid: string, what: 'comparison' | 'group'): TDraftNode {
  return updateNode(root, uid, (node) => {
    if (node.type !== 'group') return node;
    const part: TDraftNode = what === 'comparison' ? newComparison() : { type: 'group', uid: newUid(), kind: node.kind === 'all' ? 'any' : 'all', parts: [newComparison(), newComparison()] };
    return { ...node, parts: [...node.parts, part] };
  });
}

/** One comparison becomes "all of" it and a new one. */
export function combine(root: TDraftNode, kind: TDraftGroup['kind']): TDraftNode {
  return { type: 'group', uid: newUid(), kind, parts: [root, newComparison()] };
}
