#include "service/common/mailer.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "common/crypto.h"

namespace dandelion::service {
namespace {

// A header value on one line: a CR or LF would let a value start a header
// of its own.
std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return s;
}

std::string RfcDate(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

}  // namespace

DirectoryMailer::DirectoryMailer(std::string dir, std::string from, const Clock& clock)
    : dir_(std::move(dir)), from_(std::move(from)), clock_(clock) {}

Status DirectoryMailer::Send(const Mail& mail) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec)
    return Unavailable(fmt::format("cannot create the mail folder {}: {}", dir_, ec.message()));
  ::chmod(dir_.c_str(), 0700);
  const int64_t now = clock_.NowMs();
  const std::string name = fmt::format("{}-{}", now, RandomHex(4));
  const std::string tmp = dir_ + "/." + name + ".tmp", final_path = dir_ + "/" + name + ".eml";
  const std::string message = fmt::format(
      "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMessage-ID: <{}@dandelion>\r\n"
      "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
      "Content-Transfer-Encoding: 8bit\r\n\r\n{}",
      OneLine(from_), OneLine(mail.to), OneLine(mail.subject), RfcDate(now), name, mail.text);
  // Written aside and renamed: whoever picks messages up never sees half of one.
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    return Unavailable(
        fmt::format("cannot write to the mail folder {}: {}", dir_, std::strerror(errno)));
  }
  bool ok = std::fwrite(message.data(), 1, message.size(), f) == message.size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok || std::rename(tmp.c_str(), final_path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Unavailable(fmt::format("cannot write to the mail folder {}", dir_));
  }
  return Status::Ok();
}

}  // namespace dandelion::service
