#include <fmt/format.h>

#include <charconv>

#include "store/sql/sql_database.h"

namespace dandelion::store::sql {

void Row::Fail(size_t i, std::string_view what) const {
  if (error_.ok()) error_ = Internal(fmt::format("stored row, column {}: {}", i, what));
}

int64_t Row::Int(size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    auto [end, ec] = std::from_chars(p->data(), p->data() + p->size(), out);
    if (ec == std::errc() && end == p->data() + p->size()) return out;
    Fail(i, fmt::format("'{}' is not an integer", p->substr(0, 40)));
    return 0;
  }
  Fail(i, std::holds_alternative<double>(v) ? "a real where an integer belongs"
                                            : "NULL where an integer belongs");
  return 0;
}

std::string Row::Str(size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return fmt::format("{}", *p);
  Fail(i, "NULL where text belongs");
  return "";
}

double Row::Double(size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    double out = 0;
    auto [end, ec] = std::from_chars(p->data(), p->data() + p->size(), out);
    if (ec == std::errc() && end == p->data() + p->size()) return out;
    Fail(i, fmt::format("'{}' is not a number", p->substr(0, 40)));
    return 0;
  }
  Fail(i, "NULL where a number belongs");
  return 0;
}

std::optional<int64_t> Row::OptInt(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<std::string> Row::OptStr(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Str(i);
}

Result<int64_t> ScalarInt(const std::vector<Row>& rows) {
  if (rows.empty() || rows[0].size() == 0) return Internal("a single-value query returned no row");
  return Checked(rows[0], rows[0].Int(0));
}

}  // namespace dandelion::store::sql
