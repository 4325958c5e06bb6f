// The mail folder: one complete .eml file per message, nothing half
// written, and no header can be forged through a value.
#include "service/common/mailer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dandelion::service {
namespace {

std::string TempDir() {
  char tmpl[] = "/tmp/dandelion-mailer-XXXXXX";
  return mkdtemp(tmpl);
}

TEST(DirectoryMailerTest, WritesOneCompleteMessageFileInAPrivateFolder) {
  std::string dir = TempDir() + "/outbox";
  FakeClock clock;
  DirectoryMailer mailer(dir, "Dandelion <d@localhost>", clock);
  ASSERT_TRUE(mailer.Send({"ana@x.example", "Invited", "Open https://d.example/x\n"}).ok());
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].extension(), ".eml");
  std::ifstream in(files[0]);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("To: ana@x.example\r\n"), std::string::npos);
  EXPECT_NE(text.str().find("Subject: Invited\r\n"), std::string::npos);
  EXPECT_NE(text.str().find("\r\n\r\nOpen https://d.example/x\n"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path());
}

TEST(DirectoryMailerTest, AValueCannotStartAHeaderOfItsOwn) {
  std::string dir = TempDir();
  FakeClock clock;
  DirectoryMailer mailer(dir, "d@localhost", clock);
  ASSERT_TRUE(mailer.Send({"a@x.example", "Hi\r\nBcc: evil@x.example", "body"}).ok());
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str().find("\r\nBcc:"), std::string::npos);
    EXPECT_NE(text.str().find("Subject: Hi  Bcc: evil@x.example\r\n"), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST(DirectoryMailerTest, AnUnwritableFolderIsAClearError) {
  FakeClock clock;
  DirectoryMailer mailer("/proc/no-such-place/outbox", "d@localhost", clock);
  Status st = mailer.Send({"a@x.example", "s", "t"});
  EXPECT_EQ(st.code(), Code::kUnavailable);
  EXPECT_NE(st.message().find("/proc/no-such-place/outbox"), std::string::npos);
}

}  // namespace
}  // namespace dandelion::service
