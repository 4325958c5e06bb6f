// The four normalisers over simdjson On Demand. Each walks its document once,
// field by field (so key order does not matter), copying only what a Mention
// needs; simdjson reports errors as codes, never exceptions
// (SIMDJSON_EXCEPTIONS=0 for this library).
#include "engine/normalize.h"

#include <simdjson.h>

#include <cstring>
#include <memory>
#include <string>
#include <utility>

#include "engine/normalize_internal.h"
#include "text/utf8.h"

namespace dandelion::engine {
namespace {

//! A failure on the hot path: one pointer, null when all is well (a Status
//! is two strings, and most calls succeed).
class Fault {
 public:
  Fault() = default;
  explicit Fault(Status s) : s_(std::make_unique<Status>(std::move(s))) {}
  bool ok() const { return s_ == nullptr; }
  const Status& status() const { return *s_; }
  Status TakeStatus() && { return std::move(*s_); }

 private:
  std::unique_ptr<Status> s_;
};

#define FAULT_RETURN(expr)           \
  do {                               \
    Fault _fault = (expr);           \
    if (!_fault.ok()) return _fault; \
  } while (0)

namespace od = simdjson::ondemand;
using simdjson::error_code;

//! The per-thread parser and padded copy of the line.
struct ThreadState {
  od::parser parser;
  std::string buffer;
};

ThreadState& State() {
  thread_local ThreadState state;
  return state;
}

Fault Fail(std::string_view reason, std::string_view detail, std::string field = {}) {
  std::string msg(reason);
  if (!detail.empty()) {
    msg += ": ";
    msg += detail;
  }
  return Fault(InvalidArgument(std::move(msg), std::move(field)));
}

//! A simdjson error met while reading `path`.
Fault JsonError(error_code e, std::string_view path) {
  switch (e) {
    case simdjson::UTF8_ERROR:
      return Fail("invalid_utf8", "the line is not valid UTF-8");
    case simdjson::EMPTY:
      return Fail("empty_line", "");
    case simdjson::UNCLOSED_STRING:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      return Fail("truncated_json", simdjson::error_message(e));
    case simdjson::DEPTH_ERROR:
      return Fail("too_deep", simdjson::error_message(e));
    case simdjson::CAPACITY:
      return Fail("too_large", simdjson::error_message(e));
    default:
      return Fail("malformed_json",
                  std::string(simdjson::error_message(e)) +
                      (path.empty() ? "" : " at " + std::string(path)),
                  std::string(path));
  }
}

Fault WrongType(std::string_view path, std::string_view want) {
  return Fail("wrong_type", std::string(path) + " must be " + std::string(want), std::string(path));
}

Fault Missing(std::string_view path) { return Fail("missing_field", path, std::string(path)); }

//! INCORRECT_TYPE (and a number that is not an int64) is the caller's type
//! error; anything else is the document's.
Fault TypeOrJson(error_code e, std::string_view path, std::string_view want) {
  if (e == simdjson::INCORRECT_TYPE || e == simdjson::NUMBER_OUT_OF_RANGE ||
      e == simdjson::NUMBER_ERROR) {
    return WrongType(path, want);
  }
  return JsonError(e, path);
}

Fault ReadString(od::value v, std::string_view path, std::string& out) {
  std::string_view s;
  if (auto e = v.get_string().get(s)) return TypeOrJson(e, path, "a string");
  out.assign(s);
  return Fault();
}

//! A string as a view into the parser's string buffer: valid until the
//! thread parses its next line.
Fault ReadView(od::value v, std::string_view path, std::string_view& out) {
  if (auto e = v.get_string().get(out)) return TypeOrJson(e, path, "a string");
  return Fault();
}

Fault ReadOptView(od::value v, std::string_view path, std::string_view& out) {
  bool is_null = false;
  if (auto e = v.is_null().get(is_null)) return JsonError(e, path);
  if (is_null) return Fault();
  return ReadView(v, path, out);
}

//! A string or null (left empty).
Fault ReadOptString(od::value v, std::string_view path, std::string& out) {
  bool is_null = false;
  if (auto e = v.is_null().get(is_null)) return JsonError(e, path);
  if (is_null) return Fault();
  return ReadString(v, path, out);
}

Fault ReadInt(od::value v, std::string_view path, int64_t& out) {
  if (auto e = v.get_int64().get(out)) return TypeOrJson(e, path, "an integer");
  return Fault();
}

//! An integer or null (left unset).
Fault ReadOptInt(od::value v, std::string_view path, std::optional<int64_t>& out) {
  bool is_null = false;
  if (auto e = v.is_null().get(is_null)) return JsonError(e, path);
  if (is_null) return Fault();
  int64_t x = 0;
  FAULT_RETURN(ReadInt(v, path, x));
  out = x;
  return Fault();
}

//! An id given as a string or an integer (native lines only).
Fault ReadId(od::value v, std::string_view path, std::string& out) {
  od::json_type t;
  if (auto e = v.type().get(t)) return JsonError(e, path);
  if (t == od::json_type::number) {
    int64_t x = 0;
    FAULT_RETURN(ReadInt(v, path, x));
    out = std::to_string(x);
    return Fault();
  }
  return ReadString(v, path, out);
}

Fault ReadOptId(od::value v, std::string_view path, std::string& out) {
  bool is_null = false;
  if (auto e = v.is_null().get(is_null)) return JsonError(e, path);
  if (is_null) return Fault();
  return ReadId(v, path, out);
}

Fault GetObject(od::value v, std::string_view path, od::object& obj) {
  if (auto e = v.get_object().get(obj)) return TypeOrJson(e, path, "an object");
  return Fault();
}

Fault GetArray(od::value v, std::string_view path, od::array& arr) {
  if (auto e = v.get_array().get(arr)) return TypeOrJson(e, path, "an array");
  return Fault();
}

//! Calls f(key, value) for each field of `obj`; stops at f's first error.
template <typename F>
Fault ForEachField(od::object& obj, std::string_view path, F&& f) {
  for (auto field_result : obj) {
    od::field field;
    if (auto e = std::move(field_result).get(field)) return JsonError(e, path);
    // Keys are compared as written unless they hold an escape: the common
    // case then skips unescaping every key into the string buffer.
    const char* raw = field.key().raw();
    size_t n = 0;
    while (raw[n] != '"' && raw[n] != '\\' && raw[n] != '\0') ++n;  // the padding is zeros
    std::string_view key(raw, n);
    if (raw[n] == '\\') {
      if (auto e = field.unescaped_key().get(key)) return JsonError(e, path);
    }
    FAULT_RETURN(f(key, field.value()));
  }
  return Fault();
}

//! Calls f(value) for each element of `arr`; stops at f's first error.
template <typename F>
Fault ForEachElement(od::array& arr, std::string_view path, F&& f) {
  for (auto element_result : arr) {
    od::value v;
    if (auto e = std::move(element_result).get(v)) return JsonError(e, path);
    FAULT_RETURN(f(v));
  }
  return Fault();
}

//! Calls f(key, value) for each field of the object `v` at `path`.
template <typename F>
Fault ForEachFieldOf(od::value v, std::string_view path, F&& f) {
  od::object obj;
  FAULT_RETURN(GetObject(v, path, obj));
  return ForEachField(obj, path, std::forward<F>(f));
}

template <typename F>
Fault ForEachElementOf(od::value v, std::string_view path, F&& f) {
  od::array arr;
  FAULT_RETURN(GetArray(v, path, arr));
  return ForEachElement(arr, path, std::forward<F>(f));
}

//! Skips a value (so that errors inside it, such as truncation, surface).
Fault Skip(od::value) { return Fault(); }

Fault ReadTimestamp(od::value v, std::string_view path, int64_t& ms) {
  std::string_view s;
  if (auto e = v.get_string().get(s)) return TypeOrJson(e, path, "a string");
  if (!internal::ParseRfc3339(s, &ms)) {
    return Fail("invalid_timestamp",
                std::string(path) + " is not RFC 3339: " + std::string(s.substr(0, 40)),
                std::string(path));
  }
  return Fault();
}

//! Twitter escapes '&', '<' and '>' in text as HTML entities; nothing else.
void UnescapeTwitterText(std::string& s) {
  if (s.find('&') == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      std::string_view rest = std::string_view(s).substr(i);
      if (rest.starts_with("&amp;")) {
        out.push_back('&');
        i += 4;
        continue;
      }
      if (rest.starts_with("&lt;") || rest.starts_with("&gt;")) {
        out.push_back(rest[1] == 'l' ? '<' : '>');
        i += 3;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  s = std::move(out);
}

//! Repairs text that decoded to invalid UTF-8 (see the header).
void EnsureUtf8(std::string& s) {
  if (!simdjson::validate_utf8(s.data(), s.size())) s = text::SanitizeUtf8(s);
}

// --- the document --------------------------------------------------------

//! Parses `line` into the thread's parser; the root object goes to `root`.
//! The document must outlive `root`, hence the out parameter.
Fault Open(std::string_view line, od::document& doc, od::object& root) {
  if (line.size() > kMaxLineBytes) {
    return Fail("too_large",
                std::to_string(line.size()) + " bytes, limit " + std::to_string(kMaxLineBytes));
  }
  size_t first = 0;
  while (first < line.size() && (line[first] == ' ' || line[first] == '\t' || line[first] == '\r' ||
                                 line[first] == '\n')) {
    ++first;
  }
  if (first == line.size()) return Fail("empty_line", "");
  char c = line[first];
  if (c != '{' && c != '[') {
    if (!simdjson::validate_utf8(line.data(), line.size()))
      return JsonError(simdjson::UTF8_ERROR, "");
    return Fail("not_json", "the line does not start with '{'");
  }
  ThreadState& st = State();
  st.buffer.resize(line.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(st.buffer.data(), line.data(), line.size());
  std::memset(st.buffer.data() + line.size(), 0, simdjson::SIMDJSON_PADDING);
  if (auto e = st.parser.iterate(st.buffer.data(), line.size(), st.buffer.size()).get(doc)) {
    return JsonError(e, "");
  }
  if (auto e = doc.get_object().get(root)) {
    if (e == simdjson::INCORRECT_TYPE)
      return Fail("not_an_object", "the line is not a JSON object");
    return JsonError(e, "");
  }
  return Fault();
}

//! After the root object was walked: nothing may follow it.
Fault Close(od::document& doc) {
  // current_location() fails with OUT_OF_BOUNDS once the document is used up.
  if (doc.current_location().error() == simdjson::SUCCESS) {
    return Fail("malformed_json", "trailing content after the object");
  }
  return Fault();
}

// --- Twitter API v2 ----------------------------------------------------------

struct TwitterUser {
  std::string_view id, username, name;  //!< views into the parser's buffer
  std::optional<int64_t> followers;
};

Fault ParseTweet(od::value v, Mention& m) {
  m.network = text::Network::kX;
  bool has_text = false, has_created = false, has_author = false;
  FAULT_RETURN(ForEachFieldOf(v, "data", [&](std::string_view key, od::value val) -> Fault {
    if (key == "id") return ReadString(val, "data.id", m.external_id);
    if (key == "text") {
      has_text = true;
      // note_tweet carries the full text of a long post and wins when present.
      return m.text.empty() ? ReadString(val, "data.text", m.text) : Skip(val);
    }
    if (key == "note_tweet") {
      return ForEachFieldOf(val, "data.note_tweet", [&](std::string_view k, od::value x) -> Fault {
        if (k == "text") return ReadString(x, "data.note_tweet.text", m.text);
        return Fault();
      });
    }
    if (key == "author_id") {
      has_author = true;
      return ReadString(val, "data.author_id", m.author.external_id);
    }
    if (key == "created_at") {
      has_created = true;
      return ReadTimestamp(val, "data.created_at", m.created_at_ms);
    }
    if (key == "lang") return ReadOptString(val, "data.lang", m.language_hint);
    if (key == "conversation_id")
      return ReadOptString(val, "data.conversation_id", m.conversation_id);
    if (key == "referenced_tweets") {
      return ForEachElementOf(val, "data.referenced_tweets", [&](od::value ref) -> Fault {
        std::string_view type, id;
        FAULT_RETURN(ForEachFieldOf(ref, "data.referenced_tweets",
                                    [&](std::string_view k, od::value x) -> Fault {
                                      if (k == "type")
                                        return ReadView(x, "data.referenced_tweets.type", type);
                                      if (k == "id")
                                        return ReadView(x, "data.referenced_tweets.id", id);
                                      return Fault();
                                    }));
        if (type == "replied_to" && !id.empty()) m.reply_to = id;
        return Fault();
      });
    }
    if (key == "entities") {
      return ForEachFieldOf(val, "data.entities", [&](std::string_view k, od::value x) -> Fault {
        bool hashtags = k == "hashtags";
        if (!hashtags && k != "mentions") return Fault();
        std::string_view path = hashtags ? "data.entities.hashtags" : "data.entities.mentions";
        std::string_view want = hashtags ? "tag" : "username";
        auto& list = hashtags ? m.hashtags : m.mentioned;
        return ForEachElementOf(x, path, [&](od::value ent) -> Fault {
          return ForEachFieldOf(ent, path, [&](std::string_view ek, od::value ev) -> Fault {
            if (ek != want) return Fault();
            std::string s;
            FAULT_RETURN(ReadString(ev, path, s));
            list.push_back(std::move(s));
            return Fault();
          });
        });
      });
    }
    return Fault();
  }));
  if (m.external_id.empty()) return Missing("data.id");
  if (!has_text) return Missing("data.text");
  if (!has_author || m.author.external_id.empty()) return Missing("data.author_id");
  if (!has_created) return Missing("data.created_at");
  UnescapeTwitterText(m.text);
  EnsureUtf8(m.text);
  return Fault();
}

Fault ParseTwitterUser(od::value v, TwitterUser& u) {
  constexpr std::string_view kPath = "includes.users";
  return ForEachFieldOf(v, kPath, [&](std::string_view key, od::value val) -> Fault {
    if (key == "id") return ReadView(val, "includes.users.id", u.id);
    if (key == "username") return ReadView(val, "includes.users.username", u.username);
    if (key == "name") return ReadOptView(val, "includes.users.name", u.name);
    if (key == "public_metrics") {
      return ForEachFieldOf(
          val, "includes.users.public_metrics", [&](std::string_view k, od::value x) -> Fault {
            if (k == "followers_count")
              return ReadOptInt(x, "includes.users.public_metrics.followers_count", u.followers);
            return Fault();
          });
    }
    return Fault();
  });
}

Fault NormalizeTwitter(od::object& root, std::vector<Mention>& result) {
  std::vector<Mention>& out = result;
  std::vector<TwitterUser> users;
  bool has_data = false, has_meta = false;
  std::string api_error;
  FAULT_RETURN(ForEachField(root, "", [&](std::string_view key, od::value val) -> Fault {
    if (key == "data") {
      has_data = true;
      od::json_type t;
      if (auto e = val.type().get(t)) return JsonError(e, "data");
      if (t == od::json_type::array) {
        return ForEachElementOf(val, "data", [&](od::value tweet) -> Fault {
          out.emplace_back();
          return ParseTweet(tweet, out.back());
        });
      }
      out.emplace_back();
      return ParseTweet(val, out.back());
    }
    if (key == "meta") {
      has_meta = true;
      return Fault();
    }
    if (key == "includes") {
      return ForEachFieldOf(val, "includes", [&](std::string_view k, od::value x) -> Fault {
        if (k != "users") return Fault();
        return ForEachElementOf(x, "includes.users", [&](od::value user) -> Fault {
          users.emplace_back();
          return ParseTwitterUser(user, users.back());
        });
      });
    }
    if (key == "errors") {
      return ForEachElementOf(val, "errors", [&](od::value err) -> Fault {
        return ForEachFieldOf(err, "errors", [&](std::string_view k, od::value x) -> Fault {
          if ((k == "title" || k == "detail") && api_error.empty()) {
            od::json_type t;
            if (x.type().get(t) == simdjson::SUCCESS && t == od::json_type::string) {
              return ReadString(x, "errors.title", api_error);
            }
          }
          return Fault();
        });
      });
    }
    return Fault();
  }));
  if (!has_data) {
    if (!api_error.empty()) return Fail("api_error", api_error.substr(0, 200));
    // A search page without results has meta.result_count 0 and no data.
    if (has_meta) return Fault();
    return Missing("data");
  }
  for (Mention& m : out) {
    for (const TwitterUser& u : users) {
      if (u.id != m.author.external_id) continue;
      m.author.handle.assign(u.username);
      m.author.display_name.assign(u.name);
      m.author.followers = u.followers;
      break;
    }
    m.url = m.author.handle.empty()
                ? "https://x.com/i/web/status/" + m.external_id
                : "https://x.com/" + m.author.handle + "/status/" + m.external_id;
  }
  return Fault();
}

// --- Mastodon ----------------------------------------------------------------

//! The host of an http(s) URL ("https://mastodon.social/@x" → "mastodon.social").
std::string_view UrlHost(std::string_view url) {
  size_t p = url.find("://");
  if (p == std::string_view::npos) return {};
  url.remove_prefix(p + 3);
  size_t end = url.find_first_of("/?#");
  return url.substr(0, end);
}

Fault ParseMastodonStatus(od::object& obj, Mention& m, int depth) {
  m.network = text::Network::kMastodon;
  bool has_content = false, has_created = false, has_account = false, reblogged = false;
  std::string_view url, uri, content, acct, account_url;
  Mention reblog;
  FAULT_RETURN(ForEachField(obj, "status", [&](std::string_view key, od::value val) -> Fault {
    if (key == "id") return ReadString(val, "id", m.external_id);
    if (key == "created_at") {
      has_created = true;
      return ReadTimestamp(val, "created_at", m.created_at_ms);
    }
    if (key == "url") return ReadOptView(val, "url", url);
    if (key == "uri") return ReadOptView(val, "uri", uri);
    if (key == "content") {
      has_content = true;
      return ReadView(val, "content", content);
    }
    if (key == "language") return ReadOptString(val, "language", m.language_hint);
    if (key == "in_reply_to_id") return ReadOptString(val, "in_reply_to_id", m.reply_to);
    if (key == "reblog") {
      bool is_null = false;
      if (auto e = val.is_null().get(is_null)) return JsonError(e, "reblog");
      if (is_null) return Fault();
      if (depth > 0) return WrongType("reblog.reblog", "null");
      reblogged = true;
      od::object inner;
      FAULT_RETURN(GetObject(val, "reblog", inner));
      return ParseMastodonStatus(inner, reblog, depth + 1);
    }
    if (key == "account") {
      has_account = true;
      return ForEachFieldOf(val, "account", [&](std::string_view k, od::value x) -> Fault {
        if (k == "id") return ReadString(x, "account.id", m.author.external_id);
        if (k == "acct") return ReadView(x, "account.acct", acct);
        if (k == "username")
          return m.author.handle.empty() ? ReadString(x, "account.username", m.author.handle)
                                         : Skip(x);
        if (k == "display_name")
          return ReadOptString(x, "account.display_name", m.author.display_name);
        if (k == "followers_count")
          return ReadOptInt(x, "account.followers_count", m.author.followers);
        if (k == "url") return ReadOptView(x, "account.url", account_url);
        return Fault();
      });
    }
    if (key == "tags" || key == "mentions") {
      bool tags = key == "tags";
      std::string_view path = tags ? "tags" : "mentions";
      std::string_view want = tags ? "name" : "acct";
      auto& list = tags ? m.hashtags : m.mentioned;
      return ForEachElementOf(val, path, [&](od::value ent) -> Fault {
        return ForEachFieldOf(ent, path, [&](std::string_view k, od::value x) -> Fault {
          if (k != want) return Fault();
          std::string s;
          FAULT_RETURN(ReadString(x, tags ? "tags.name" : "mentions.acct", s));
          list.push_back(std::move(s));
          return Fault();
        });
      });
    }
    return Fault();
  }));
  if (reblogged) {
    m = std::move(reblog);
    return Fault();
  }
  if (m.external_id.empty()) return Missing("id");
  if (!has_created) return Missing("created_at");
  if (!has_content) return Missing("content");
  if (!has_account) return Missing("account");
  if (m.author.external_id.empty()) return Missing("account.id");
  if (!acct.empty()) m.author.handle.assign(acct);
  if (m.author.handle.empty()) return Missing("account.acct");
  if (m.author.handle.find('@') == std::string::npos) {
    // A local account's acct has no instance; the profile URL names it.
    std::string_view host = UrlHost(account_url.empty() ? (url.empty() ? uri : url) : account_url);
    if (!host.empty()) {
      m.author.handle += '@';
      m.author.handle += host;
    }
  }
  m.url.assign(url.empty() ? uri : url);
  // The id is the instance's own: the same status read through two
  // instances has two ids but one uri, its Fediverse-wide identity, so the
  // uri is what makes it one mention. (in_reply_to_id stays the instance's:
  // the payload does not carry the parent's uri.)
  if (!uri.empty()) m.external_id.assign(uri);
  m.text = internal::HtmlToText(content);
  EnsureUtf8(m.text);
  return Fault();
}

// --- Bluesky Jetstream -------------------------------------------------------

constexpr std::string_view kPostCollection = "app.bsky.feed.post";

//! Reads a {uri: "..."} object (reply.parent, reply.root).
Fault ReadStrongRef(od::value v, std::string_view path, std::string& uri) {
  return ForEachFieldOf(v, path, [&](std::string_view k, od::value x) -> Fault {
    if (k == "uri") return ReadString(x, path, uri);
    return Fault();
  });
}

struct JetstreamRecord {
  bool has_text = false;
  std::string_view created_at;
  Fault first_error;  //!< the record's first type error, reported only for posts
};

//! Records a type error in rec.first_error and carries on; returns only the
//! document's own errors (truncation and the like).
Fault Defer(Fault st, JetstreamRecord& rec) {
  if (st.ok()) return st;
  std::string_view reason = ErrorReason(st.status());
  if (reason == "wrong_type" || reason == "missing_field") {
    if (rec.first_error.ok()) rec.first_error = std::move(st);
    return Fault();
  }
  return st;
}

Fault ParseJetstreamRecord(od::value v, Mention& m, JetstreamRecord& rec) {
  od::object obj;
  if (Fault st = Defer(GetObject(v, "commit.record", obj), rec); !st.ok() || !rec.first_error.ok())
    return st;
  return ForEachField(obj, "commit.record", [&](std::string_view key, od::value val) -> Fault {
    if (key == "text") {
      rec.has_text = true;
      return Defer(ReadString(val, "commit.record.text", m.text), rec);
    }
    if (key == "createdAt")
      return Defer(ReadView(val, "commit.record.createdAt", rec.created_at), rec);
    if (key == "langs") {
      return Defer(ForEachElementOf(val, "commit.record.langs",
                                    [&](od::value x) -> Fault {
                                      if (!m.language_hint.empty()) return Fault();
                                      return ReadString(x, "commit.record.langs", m.language_hint);
                                    }),
                   rec);
    }
    if (key == "reply") {
      return Defer(ForEachFieldOf(val, "commit.record.reply",
                                  [&](std::string_view k, od::value x) -> Fault {
                                    if (k == "parent")
                                      return ReadStrongRef(x, "commit.record.reply.parent.uri",
                                                           m.reply_to);
                                    if (k == "root")
                                      return ReadStrongRef(x, "commit.record.reply.root.uri",
                                                           m.conversation_id);
                                    return Fault();
                                  }),
                   rec);
    }
    if (key == "facets") {
      return Defer(
          ForEachElementOf(
              val, "commit.record.facets",
              [&](od::value facet) -> Fault {
                return ForEachFieldOf(
                    facet, "commit.record.facets", [&](std::string_view k, od::value x) -> Fault {
                      if (k != "features") return Fault();
                      return ForEachElementOf(
                          x, "commit.record.facets.features", [&](od::value feature) -> Fault {
                            std::string type, tag, did;
                            FAULT_RETURN(ForEachFieldOf(
                                feature, "commit.record.facets.features",
                                [&](std::string_view fk, od::value fv) -> Fault {
                                  if (fk == "$type")
                                    return ReadString(fv, "commit.record.facets.features.$type",
                                                      type);
                                  if (fk == "tag")
                                    return ReadString(fv, "commit.record.facets.features.tag", tag);
                                  if (fk == "did")
                                    return ReadString(fv, "commit.record.facets.features.did", did);
                                  return Fault();
                                }));
                            if (type == "app.bsky.richtext.facet#tag" && !tag.empty())
                              m.hashtags.push_back(std::move(tag));
                            if (type == "app.bsky.richtext.facet#mention" && !did.empty())
                              m.mentioned.push_back(std::move(did));
                            return Fault();
                          });
                    });
              }),
          rec);
    }
    return Fault();
  });
}

Fault NormalizeJetstream(od::object& root, std::vector<Mention>& result) {
  Mention m;
  m.network = text::Network::kBluesky;
  std::string_view did, kind, operation, collection, rkey;
  std::optional<int64_t> time_us;
  bool has_commit = false, has_record = false;
  JetstreamRecord rec;
  FAULT_RETURN(ForEachField(root, "", [&](std::string_view key, od::value val) -> Fault {
    if (key == "did") return ReadView(val, "did", did);
    if (key == "kind") return ReadView(val, "kind", kind);
    if (key == "time_us") return ReadOptInt(val, "time_us", time_us);
    if (key != "commit") return Fault();
    has_commit = true;
    return ForEachFieldOf(val, "commit", [&](std::string_view k, od::value x) -> Fault {
      if (k == "operation") return ReadView(x, "commit.operation", operation);
      if (k == "collection") return ReadView(x, "commit.collection", collection);
      if (k == "rkey") return ReadView(x, "commit.rkey", rkey);
      if (k == "record") {
        has_record = true;
        return ParseJetstreamRecord(x, m, rec);
      }
      return Fault();
    });
  }));
  if (kind.empty()) return Missing("kind");
  if (kind != "commit")
    return Fail("not_a_post", "jetstream kind " + std::string(kind.substr(0, 40)));
  if (!has_commit) return Missing("commit");
  if (operation.empty()) return Missing("commit.operation");
  if (operation != "create")
    return Fail("not_a_post", "jetstream operation " + std::string(operation.substr(0, 40)));
  if (collection.empty()) return Missing("commit.collection");
  if (collection != kPostCollection) {
    return Fail("not_a_post", "jetstream collection " + std::string(collection.substr(0, 80)));
  }
  if (did.empty()) return Missing("did");
  if (rkey.empty()) return Missing("commit.rkey");
  if (!has_record) return Missing("commit.record");
  if (!rec.first_error.ok()) return std::move(rec.first_error);
  if (!rec.has_text) return Missing("commit.record.text");
  // createdAt is the client's claim and sometimes malformed; the relay's
  // time_us is the fallback.
  if (rec.created_at.empty() || !internal::ParseRfc3339(rec.created_at, &m.created_at_ms)) {
    if (!time_us) {
      if (rec.created_at.empty()) return Missing("commit.record.createdAt");
      return Fail("invalid_timestamp",
                  "commit.record.createdAt is not RFC 3339 and there is no time_us",
                  "commit.record.createdAt");
    }
    m.created_at_ms = *time_us / 1000;
  }
  m.external_id.reserve(5 + did.size() + 20 + rkey.size());
  m.external_id.append("at://").append(did).append("/app.bsky.feed.post/").append(rkey);
  m.url.reserve(25 + did.size() + 6 + rkey.size());
  m.url.append("https://bsky.app/profile/").append(did).append("/post/").append(rkey);
  m.author.external_id.assign(did);
  EnsureUtf8(m.text);
  result.push_back(std::move(m));

  return Fault();
}

// --- native --------------------------------------------------------------------

Fault ReadStringList(od::value v, std::string_view path, std::vector<std::string>& out) {
  return ForEachElementOf(v, path, [&](od::value x) -> Fault {
    std::string s;
    FAULT_RETURN(ReadString(x, path, s));
    out.push_back(std::move(s));
    return Fault();
  });
}

Fault NormalizeNative(od::object& root, std::vector<Mention>& result) {
  Mention m;
  std::string network;
  bool has_text = false, has_created = false, has_author = false;
  FAULT_RETURN(ForEachField(root, "", [&](std::string_view key, od::value val) -> Fault {
    if (key == "network") return ReadString(val, "network", network);
    if (key == "id") return ReadId(val, "id", m.external_id);
    if (key == "text") {
      has_text = true;
      return ReadString(val, "text", m.text);
    }
    if (key == "created_at") {
      has_created = true;
      od::json_type t;
      if (auto e = val.type().get(t)) return JsonError(e, "created_at");
      if (t == od::json_type::number) return ReadInt(val, "created_at", m.created_at_ms);
      if (t != od::json_type::string)
        return WrongType("created_at", "an RFC 3339 string or epoch milliseconds");
      return ReadTimestamp(val, "created_at", m.created_at_ms);
    }
    if (key == "author") {
      has_author = true;
      return ForEachFieldOf(val, "author", [&](std::string_view k, od::value x) -> Fault {
        if (k == "id") return ReadId(x, "author.id", m.author.external_id);
        if (k == "handle") return ReadOptString(x, "author.handle", m.author.handle);
        if (k == "name") return ReadOptString(x, "author.name", m.author.display_name);
        if (k == "followers") return ReadOptInt(x, "author.followers", m.author.followers);
        return Fault();
      });
    }
    if (key == "url") return ReadOptString(val, "url", m.url);
    if (key == "lang") return ReadOptString(val, "lang", m.language_hint);
    if (key == "reply_to") return ReadOptId(val, "reply_to", m.reply_to);
    if (key == "conversation_id") return ReadOptString(val, "conversation_id", m.conversation_id);
    if (key == "hashtags") return ReadStringList(val, "hashtags", m.hashtags);
    if (key == "mentioned") return ReadStringList(val, "mentioned", m.mentioned);
    return Fault();
  }));
  if (network.empty()) return Missing("network");
  std::optional<text::Network> n = text::ParseNetwork(network);
  if (!n) return Fail("invalid_value", "unknown network " + network.substr(0, 40), "network");
  m.network = *n;
  if (m.external_id.empty()) return Missing("id");
  if (!has_text) return Missing("text");
  if (!has_created) return Missing("created_at");
  if (!has_author) return Missing("author");
  if (m.author.external_id.empty()) return Missing("author.id");
  if (!m.author.handle.empty() && m.author.handle[0] == '@') m.author.handle.erase(0, 1);
  EnsureUtf8(m.text);
  result.push_back(std::move(m));

  return Fault();
}

}  // namespace

Result<std::vector<Mention>> Normalize(Format format, std::string_view line) {
  od::document doc;
  od::object root;
  std::vector<Mention> out;
  Fault fault = Open(line, doc, root);
  if (fault.ok()) {
    switch (format) {
      case Format::kTwitterV2:
        fault = NormalizeTwitter(root, out);
        break;
      case Format::kMastodon:
        out.resize(1);
        fault = ParseMastodonStatus(root, out[0], 0);
        break;
      case Format::kBlueskyJetstream:
        fault = NormalizeJetstream(root, out);
        break;
      case Format::kNative:
        fault = NormalizeNative(root, out);
        break;
    }
  }
  if (fault.ok()) fault = Close(doc);
  if (!fault.ok()) return std::move(fault).TakeStatus();
  return out;
}

std::optional<Format> DetectFormat(std::string_view line) {
  od::document doc;
  od::object root;
  if (!Open(line, doc, root).ok()) return std::nullopt;
  bool data = false, did = false, kind = false, commit = false, account = false, content = false,
       network = false, meta = false;
  for (auto field_result : root) {
    od::field field;
    if (std::move(field_result).get(field)) return std::nullopt;
    std::string_view key;
    if (field.unescaped_key().get(key)) return std::nullopt;
    data |= key == "data" || key == "includes";
    did |= key == "did";
    kind |= key == "kind";
    commit |= key == "commit";
    account |= key == "account";
    content |= key == "content";
    network |= key == "network";
    meta |= key == "meta";
  }
  if ((did && kind) || commit) return Format::kBlueskyJetstream;
  if (data) return Format::kTwitterV2;
  if (account && content) return Format::kMastodon;
  if (network) return Format::kNative;
  if (meta) return Format::kTwitterV2;  // a search page without results
  return std::nullopt;
}

Result<std::vector<Mention>> NormalizeAny(std::string_view line) {
  std::optional<Format> format = DetectFormat(line);
  if (!format) {
    // Let a broken line report why it is broken rather than "unknown".
    od::document doc;
    od::object root;
    Fault fault = Open(line, doc, root);
    if (fault.ok()) {
      // Walk every top-level field (values are skipped, which still
      // checks them) so that a syntax error anywhere is named as such.
      for (auto field : root) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) {
          fault = JsonError(e, "");
          break;
        }
      }
    }
    if (fault.ok()) fault = Fail("unknown_format", "no known top-level keys");
    return std::move(fault).TakeStatus();
  }
  return Normalize(*format, line);
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kTwitterV2:
      return "twitter_v2";
    case Format::kMastodon:
      return "mastodon";
    case Format::kBlueskyJetstream:
      return "bluesky_jetstream";
    case Format::kNative:
      return "native";
  }
  return "unknown";
}

std::optional<Format> ParseFormat(std::string_view name) {
  for (Format f :
       {Format::kTwitterV2, Format::kMastodon, Format::kBlueskyJetstream, Format::kNative}) {
    if (FormatName(f) == name) return f;
  }
  return std::nullopt;
}

std::string_view ErrorReason(const Status& status) {
  if (status.ok()) return {};
  std::string_view msg = status.message();
  return msg.substr(0, msg.find(':'));
}

namespace internal {
namespace {

int64_t Walk(od::value v, int depth) {
  if (depth > 256) return -1;
  od::json_type t;
  if (v.type().get(t)) return -1;
  switch (t) {
    case od::json_type::object: {
      od::object obj;
      if (v.get_object().get(obj)) return -1;
      int64_t n = 1;
      for (auto fr : obj) {
        od::field f;
        std::string_view key;
        if (std::move(fr).get(f) || f.unescaped_key().get(key)) return -1;
        int64_t c = Walk(f.value(), depth + 1);
        if (c < 0) return -1;
        n += c;
      }
      return n;
    }
    case od::json_type::array: {
      od::array arr;
      if (v.get_array().get(arr)) return -1;
      int64_t n = 1;
      for (auto er : arr) {
        od::value e;
        if (std::move(er).get(e)) return -1;
        int64_t c = Walk(e, depth + 1);
        if (c < 0) return -1;
        n += c;
      }
      return n;
    }
    case od::json_type::string: {
      std::string_view s;
      return v.get_string().get(s) ? -1 : 1;
    }
    case od::json_type::number: {
      double d;
      return v.get_double().get(d) ? -1 : 1;
    }
    case od::json_type::boolean: {
      bool b;
      return v.get_bool().get(b) ? -1 : 1;
    }
    case od::json_type::null:
      return 1;
  }
  return -1;
}

}  // namespace

int64_t WalkJson(std::string_view line) {
  od::document doc;
  od::object root;
  if (!Open(line, doc, root).ok()) return -1;
  int64_t n = 1;
  for (auto fr : root) {
    od::field f;
    std::string_view key;
    if (std::move(fr).get(f) || f.unescaped_key().get(key)) return -1;
    int64_t c = Walk(f.value(), 1);
    if (c < 0) return -1;
    n += c;
  }
  return doc.current_location().error() == simdjson::SUCCESS ? -1 : n;
}

}  // namespace internal

}  // namespace dandelion::engine
