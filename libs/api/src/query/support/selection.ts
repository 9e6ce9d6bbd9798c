import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * True when the field being resolved selects `name` directly (through inline fragments and
 * fragment spreads too), e.g. whether a connection query asked for `totalCount`.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node: FieldNode) => setSelects(node.selectionSet, name, info.fragments, new Set()));
}

function setSelects(
  set: SelectionSetNode | undefined, name: string, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>,
): boolean {
  if (set === undefined) return false;
  return set.selections.some((selection) => {
    if (selection.kind === 'Field') return selection.name.value === name;
    if (selection.kind === 'InlineFragment') return setSelects(selection.selectionSet, name, fragments, seen);
    const fragmentName = selection.name.value;
    if (seen.has(fragmentName)) return false;
    seen.add(fragmentName);
    return setSelects(fragments[fragmentName]?.selectionSet, name, fragments, seen);
  });
}
