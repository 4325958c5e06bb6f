// UnitTree: an immutable view of the hub-and-spoke tree, built from the
// list of units, answering "is A in B's subtree" and walking it depth-first.
// Not thread-safe to build; safe to read from many threads once built.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "domain/model.h"

namespace dandelion::domain {

class UnitTree {
 public:
  explicit UnitTree(std::vector<Unit> units);

  //! The unit with `id`, or nullptr.
  const Unit* Find(int64_t id) const;
  //! The unit with `slug`, or nullptr.
  const Unit* FindBySlug(std::string_view slug) const;
  //! The root (the hub), or nullptr for an empty tree.
  const Unit* Root() const;
  //! `id` followed by its parent, grandparent, ... up to the root.
  std::vector<int64_t> PathToRoot(int64_t id) const;
  //! True when `id` is `ancestor` or lies below it.
  bool IsInSubtree(int64_t id, int64_t ancestor) const;
  //! Distance from the root (the hub is 0).
  int Depth(int64_t id) const;
  //! All units, parents before children, siblings by name.
  std::vector<const Unit*> DepthFirst() const;

 private:
  std::vector<Unit> units_;
  std::unordered_map<int64_t, size_t> by_id_;
  std::unordered_map<int64_t, std::vector<int64_t>> children_;
};

}  // namespace dandelion::domain
