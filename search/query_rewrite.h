// Rewriting a Xapian::Query that QueryParser built, node by node: Xapian 1.4
// has no visitor, but a query tells its operator and subqueries.
#pragma once

#include <optional>
#include <vector>

#include <xapian.h>

namespace gazette {

// `query` with each node for which `replace(node)` gives a query replaced by
// it. The nodes of the kinds QueryParser builds with any number of
// subqueries (AND, OR, AND_NOT, XOR, AND_MAYBE, FILTER, SYNONYM, MAX) are
// rebuilt around their rewritten subqueries; any other node (a phrase or
// NEAR, whose window Xapian 1.4 does not tell, a term, a range) is replaced
// whole or kept as it is.
template <typename Replace>
Xapian::Query rewrite_query(const Xapian::Query& query, Replace&& replace) {
  using Q = Xapian::Query;
  if (std::optional<Q> replaced = replace(query)) return *replaced;
  const Q::op op = query.get_type();
  const size_t n = query.get_num_subqueries();
  bool rebuilt = op == Q::OP_AND || op == Q::OP_OR || op == Q::OP_AND_NOT || op == Q::OP_XOR || op == Q::OP_AND_MAYBE ||
                 op == Q::OP_FILTER || op == Q::OP_SYNONYM || op == Q::OP_MAX;
  if (!rebuilt || n == 0) return query;
  std::vector<Q> parts;
  for (size_t i = 0; i < n; ++i) parts.push_back(rewrite_query(query.get_subquery(i), replace));
  return Q(op, parts.begin(), parts.end());
}

}  // namespace gazette
