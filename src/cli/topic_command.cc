#include "cli/topic_command.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "ingest/line_reader.h"
#include "engine/pipeline.h"
#include "listening/query.h"

namespace dandelion::cli {
namespace {

// The query with a caret under the column (1-based, in code points).
void ShowError(std::ostream& err, const std::string& query, const listening::QueryError& e) {
  err << "  " << query << "\n  ";
  int col = 1;
  for (size_t i = 0; i < query.size() && col < e.column; ++i) {
    if ((static_cast<unsigned char>(query[i]) & 0xC0) != 0x80) {
      err << (query[i] == '\t' ? '\t' : ' ');
      ++col;
    }
  }
  err << "^ column " << e.column << ": " << e.message;
  if (!e.expected.empty()) err << " (expected " << e.expected << ")";
  err << "\n";
}

std::string Highlighted(const std::string& text, const std::vector<listening::Highlight>& hl,
                        bool color) {
  const char* open = color ? "\x1b[1;33m" : "[[";
  const char* close = color ? "\x1b[0m" : "]]";
  std::string out;
  uint32_t pos = 0;
  for (const auto& h : hl) {
    out.append(text, pos, h.begin - pos);
    out += open;
    out.append(text, h.begin, h.end - h.begin);
    out += close;
    pos = h.end;
  }
  out.append(text, pos, std::string::npos);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';  // one post per output line
  }
  return out;
}

}  // namespace

int RunTopicTest(const TopicTestOptions& opt, std::ostream& out, std::ostream& err) {
  auto errors = listening::ValidateQuery(opt.query);
  if (!errors.empty()) {
    err << "dandelion: the query is not valid:\n";
    for (const auto& e : errors) ShowError(err, opt.query, e);
    return 2;
  }
  auto set = listening::TopicSet::Compile({{1, opt.query}}, nullptr);
  const auto topics = engine::TopicSnapshot::Of(set);
  auto reader = ingest::LineReader::Open(opt.file);
  if (!reader.ok()) {
    err << "dandelion: " << reader.status().message() << "\n";
    return 1;
  }
  engine::Processor processor;
  std::string storage;
  std::vector<std::string_view> lines;
  int64_t line_no = 1, posts = 0, matched = 0, rejected = 0;
  for (;;) {
    auto n = (*reader)->Next(1000, storage, lines);
    if (!n.ok()) {
      err << "dandelion: " << n.status().message() << "\n";
      return 1;
    }
    if (*n == 0) break;
    engine::ProcessedBatch batch = processor.Process(lines, line_no, topics, std::nullopt);
    line_no += static_cast<int64_t>(*n);
    rejected += static_cast<int64_t>(batch.rejected.size());
    for (const auto& p : batch.mentions) {
      ++posts;
      if (p.topics.empty()) continue;
      ++matched;
      if (opt.ids_only) {
        out << p.mention.external_id << "\n";
        continue;
      }
      // Match() ran inside Process(); run it again for this post's highlights.
      auto facts = engine::FactsOf(p);
      std::vector<int64_t> hits;
      processor.matcher().Match(*set, facts, hits);
      auto hl = processor.matcher().Highlights(*set, facts, 1);
      out << fmt::format("{} {} @{}: {}\n", text::NetworkName(p.mention.network),
                         p.mention.external_id, p.mention.author.handle,
                         Highlighted(p.mention.text, hl, opt.color));
    }
  }
  err << fmt::format("{} of {} posts match{}.\n", matched, posts,
                     rejected > 0 ? fmt::format(" ({} lines were not posts)", rejected) : "");
  return 0;
}

int RunTopicImport(const std::string& file, service::ListeningServices& listening,
                   std::ostream& out, std::ostream& err) {
  auto reader = ingest::LineReader::Open(file);
  if (!reader.ok()) {
    err << "dandelion: " << reader.status().message() << "\n";
    return 1;
  }
  std::string storage;
  std::vector<std::string_view> lines;
  int64_t line_no = 0, created = 0, updated = 0, failed = 0;
  std::vector<int64_t> imported;
  for (;;) {
    auto n = (*reader)->Next(100, storage, lines);
    if (!n.ok()) {
      err << "dandelion: " << n.status().message() << "\n";
      return 1;
    }
    if (*n == 0) break;
    for (std::string_view line : lines) {
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      auto fail = [&](const std::string& why) {
        err << fmt::format("line {}: {}\n", line_no, why);
        ++failed;
      };
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) {
        fail("not a JSON object");
        continue;
      }
      std::string fields[3];
      const char* names[3] = {"unit", "name", "query"};
      bool ok = true;
      for (int i = 0; i < 3; ++i) {
        auto it = j.find(names[i]);
        if (it == j.end() || !it->is_string()) {
          fail(fmt::format("\"{}\" is missing or not a string", names[i]));
          ok = false;
          break;
        }
        fields[i] = it->get<std::string>();
      }
      if (!ok) continue;
      bool was_created = false;
      auto topic = listening.topics.ImportTopic(fields[0], fields[1], fields[2], &was_created);
      if (!topic.ok()) {
        std::string field = topic.status().field();
        fail(fmt::format("{}{}", field.empty() ? "" : field + ": ", topic.status().message()));
        continue;
      }
      ++(was_created ? created : updated);
      imported.push_back(topic->topic.id);
      out << fmt::format("line {}: {} topic \"{}\" at {}\n", line_no,
                         was_created ? "created" : "updated", topic->topic.name, topic->unit_slug);
    }
  }
  // One compile of all topics, then each imported topic back-filled.
  auto matches = listening.topics.ApplyImported(imported);
  if (!matches.ok()) {
    err << "dandelion: " << matches.status().message() << "\n";
    return 1;
  }
  out << fmt::format("Imported {} topics ({} created, {} updated); {} lines rejected; {} stored "
                     "mentions matched.\n",
                     created + updated, created, updated, failed, *matches);
  return failed == 0 ? 0 : 1;
}

}  // namespace dandelion::cli
