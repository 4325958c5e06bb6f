#include "domain/contacts.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/validation.h"

namespace dandelion::domain {
namespace {

bool Word(std::string_view s, size_t max) {
  if (s.empty() || s.size() > max) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// Free text of at most `max` bytes with no control characters ("" allowed).
Status Plain(std::string_view s, size_t max, std::string_view field) {
  if (s.size() > max) return InvalidArgument(fmt::format("at most {} bytes", max), std::string(field));
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return InvalidArgument("no control characters", std::string(field));
  }
  return Status::Ok();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string_view ConsentName(Consent c) {
  switch (c) {
    case Consent::kGranted: return "granted";
    case Consent::kWithdrawn: return "withdrawn";
    case Consent::kUnknown: break;
  }
  return "unknown";
}

std::optional<Consent> ParseConsent(std::string_view name) {
  if (name == "unknown") return Consent::kUnknown;
  if (name == "granted") return Consent::kGranted;
  if (name == "withdrawn") return Consent::kWithdrawn;
  return std::nullopt;
}

Status ApplyPersonChange(const PersonChange& ch, Person& p, int64_t now_ms) {
  if (ch.display_name) {
    DND_RETURN_IF_ERROR(ValidateName(*ch.display_name, "display_name"));
    p.display_name = Trim(*ch.display_name);
  }
  if (ch.email) {
    if (!ch.email->empty()) DND_RETURN_IF_ERROR(ValidateEmail(*ch.email, "email"));
    std::string e = NormalizeEmail(*ch.email);
    if (e != p.email) p.email_verified = false;  // a new address is not verified yet
    p.email = std::move(e);
  }
  if (ch.email_verified) {
    if (*ch.email_verified && p.email.empty()) {
      return InvalidArgument("there is no e-mail address to call verified", "email_verified");
    }
    p.email_verified = *ch.email_verified;
  }
  if (ch.customer_id) {
    DND_RETURN_IF_ERROR(Plain(*ch.customer_id, 64, "customer_id"));
    p.customer_id = Trim(*ch.customer_id);
  }
  if (ch.tier) {
    if (!ch.tier->empty() && !Word(*ch.tier, 40)) {
      return InvalidArgument("a tier is lower-case letters, digits, - and _ (at most 40)", "tier");
    }
    p.tier = *ch.tier;
  }
  if (ch.location) {
    DND_RETURN_IF_ERROR(Plain(*ch.location, 120, "location"));
    p.location = Trim(*ch.location);
  }
  if (ch.language) {
    const std::string& l = *ch.language;
    if (!l.empty() && (l.size() != 2 || !std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; }))) {
      return InvalidArgument("a language is a two-letter ISO 639-1 code such as 'en'", "language");
    }
    p.language = l;
  }
  if (ch.tags) {
    if (ch.tags->size() > 30) return InvalidArgument("at most 30 tags", "tags");
    for (size_t i = 0; i < ch.tags->size(); ++i) {
      if (!Word((*ch.tags)[i], 40)) {
        return InvalidArgument(fmt::format("'{}' is not a tag (lower-case letters, digits, - and _)",
                                           (*ch.tags)[i]),
                               fmt::format("tags[{}]", i));
      }
    }
    std::vector<std::string> t = *ch.tags;
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    p.tags = std::move(t);
  }
  if (ch.consent && *ch.consent != p.consent) {
    p.consent = *ch.consent;
    p.consent_at_ms = now_ms;
  }
  return Status::Ok();
}

std::vector<std::string> SearchKeysOf(const Person& p, const std::vector<Identity>& identities) {
  std::vector<std::string> keys;
  auto words = [&keys](std::string_view s) {
    std::string w;
    for (char c : Lower(s) + " ") {
      if (c == ' ' || c == '\t' || c == ',' || c == '.' || c == '(' || c == ')') {
        if (!w.empty()) keys.push_back(w);
        w.clear();
      } else {
        w += c;
      }
    }
  };
  words(p.display_name);
  if (!p.email.empty()) {
    keys.push_back(p.email);
    keys.push_back(p.email.substr(0, p.email.find('@')));
  }
  if (!p.customer_id.empty()) keys.push_back(Lower(p.customer_id));
  for (const auto& i : identities) {
    keys.push_back(Lower(i.handle));
    keys.push_back("@" + Lower(i.handle));
    words(i.display_name);
  }
  for (auto& k : keys) {
    if (k.size() > 100) k.resize(100);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
  return keys;
}

}  // namespace dandelion::domain
