// Mailer: how Dandelion sends e-mail (invitations now; reminders and
// notifications later). DirectoryMailer writes each message as an RFC 5322
// file (<dir>/<time>-<random>.eml), the way a mail pickup folder works: an
// operator's MTA, or a person, delivers from there, and tests read it. The
// links in a message are secrets: they go to the file, never to a log or
// the database. Thread-safe.
#pragma once

#include <string>

#include "common/clock.h"
#include "common/status.h"

namespace dandelion::service {

struct Mail {
  std::string to;       //!< one validated address
  std::string subject;  //!< one line
  std::string text;     //!< plain text, UTF-8
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  //! Unavailable naming the reason when the message cannot be handed on.
  virtual Status Send(const Mail& mail) = 0;
};

class DirectoryMailer : public Mailer {
 public:
  //! `dir` is created when missing (mode 0700: messages hold secrets).
  DirectoryMailer(std::string dir, std::string from, const Clock& clock);
  Status Send(const Mail& mail) override;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_, from_;
  const Clock& clock_;
};

}  // namespace dandelion::service
