"""parse.edges: where each token's subtree begins and ends, from the heads alone."""

from __future__ import annotations


def subtree_edges(
    heads: list[int], spaces: list[bool] | None = None
) -> tuple[list[int], list[int]]:
    """The first and last token of each token's subtree, from the head of each token.

    Whitespace tokens (``spaces``) do not widen their ancestors' spans: the parser hangs a
    paragraph break on the word before it, and a phrase must not end in one.
    """
    left = list(range(len(heads)))
    right = list(range(len(heads)))
    for i in range(len(heads)):
        if spaces is not None and spaces[i]:
            continue
        node = i
        # Climb to the root, widening every ancestor's span to include token i.
        while heads[node] != node:
            node = heads[node]
            left[node] = min(left[node], i)
            right[node] = max(right[node], i)
    return left, right
