#include "domain/unit_tree.h"

#include <algorithm>

namespace dandelion::domain {

UnitTree::UnitTree(std::vector<Unit> units) : units_(std::move(units)) {
  for (size_t i = 0; i < units_.size(); ++i) by_id_[units_[i].id] = i;
  for (const Unit& u : units_) {
    if (u.parent_id) children_[*u.parent_id].push_back(u.id);
  }
  for (auto& [parent, kids] : children_) {
    std::sort(kids.begin(), kids.end(), [this](int64_t a, int64_t b) {
      return Find(a)->name < Find(b)->name;
    });
  }
}

const Unit* UnitTree::Find(int64_t id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &units_[it->second];
}

const Unit* UnitTree::FindBySlug(std::string_view slug) const {
  for (const Unit& u : units_) {
    if (u.slug == slug) return &u;
  }
  return nullptr;
}

const Unit* UnitTree::Root() const {
  for (const Unit& u : units_) {
    if (!u.parent_id) return &u;
  }
  return nullptr;
}

std::vector<int64_t> UnitTree::PathToRoot(int64_t id) const {
  std::vector<int64_t> path;
  const Unit* u = Find(id);
  // The bound guards against a cycle in corrupt data.
  while (u != nullptr && path.size() <= units_.size()) {
    path.push_back(u->id);
    u = u->parent_id ? Find(*u->parent_id) : nullptr;
  }
  return path;
}

bool UnitTree::IsInSubtree(int64_t id, int64_t ancestor) const {
  for (int64_t a : PathToRoot(id)) {
    if (a == ancestor) return true;
  }
  return false;
}

int UnitTree::Depth(int64_t id) const {
  return static_cast<int>(PathToRoot(id).size()) - 1;
}

std::vector<const Unit*> UnitTree::DepthFirst() const {
  std::vector<const Unit*> out;
  const Unit* root = Root();
  if (root == nullptr) return out;
  std::vector<int64_t> stack = {root->id};
  while (!stack.empty()) {
    int64_t id = stack.back();
    stack.pop_back();
    out.push_back(Find(id));
    auto it = children_.find(id);
    if (it != children_.end()) {
      for (auto k = it->second.rbegin(); k != it->second.rend(); ++k) stack.push_back(*k);
    }
  }
  return out;
}

}  // namespace dandelion::domain
