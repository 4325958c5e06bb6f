#include <gtest/gtest.h>

#include "text/language.h"

namespace dandelion::text {
namespace {

TEST(LanguageTest, RecognisesCommonLanguages) {
  struct Case {
    const char* text;
    const char* code;
  } cases[] = {
      {"My flight was cancelled and nobody at the airport can tell me when the next one leaves.", "en"},
      {"Mein Paket ist seit zwei Wochen unterwegs und niemand beantwortet meine E-Mails.", "de"},
      {"Je n'arrive pas à me connecter à mon compte depuis la mise à jour d'hier soir.", "fr"},
      {"Mi pedido llegó roto y el servicio de atención al cliente no responde a mis mensajes.", "es"},
      {"配送が予定より一週間も遅れていて、問い合わせても返事がありません。", "ja"},
      {"لم يصل طلبي حتى الآن وخدمة العملاء لا ترد على رسائلي منذ أسبوع", "ar"},
      {"Моя посылка потерялась, и служба поддержки не отвечает уже неделю.", "ru"},
  };
  for (const Case& c : cases) {
    LanguageGuess g = DetectLanguage(c.text);
    EXPECT_EQ(g.code, c.code) << c.text;
    EXPECT_TRUE(g.reliable);
    EXPECT_GT(g.confidence, 0.5);
    EXPECT_LE(g.confidence, 1.0);
  }
}

TEST(LanguageTest, ShortOrEmptyPostsAreUnknown) {
  for (const char* t : {"", "ok", "lol 😂😂😂", "👍", "#win @bob", "12345 678"}) {
    LanguageGuess g = DetectLanguage(t);
    EXPECT_EQ(g.code, "unknown") << t;
    EXPECT_FALSE(g.reliable);
    EXPECT_EQ(g.confidence, 0);
  }
}

TEST(LanguageTest, InvalidUtf8IsRepairedNotFatal) {
  LanguageGuess g = DetectLanguage(
      "The delivery was late again \xff\xfe and the driver left the parcel in the rain outside.");
  EXPECT_EQ(g.code, "en");
}

}  // namespace
}  // namespace dandelion::text
