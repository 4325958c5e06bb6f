// Personal data in a post: e-mail addresses, phone numbers, payment card
// numbers (Luhn-checked) and IBANs (ISO 13616 checksum and country length),
// with their spans, and a Mask() that hides them before a post is shown to
// people who should not see them or leaves the company.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/post_length.h"

namespace dandelion::text {

enum class PiiKind { kEmail, kPhone, kCard, kIban };

//! "email", "phone", "card", "iban".
std::string_view PiiKindName(PiiKind k);

struct PiiMatch {
  PiiKind kind;
  Span span;  //!< code points of the text given to FindPii
};

//! Every e-mail, phone number, card number and IBAN in `text`, by position,
//! never overlapping. Phone numbers need 8–15 digits and either a leading
//! '+' / '00' or a national grouping (e.g. "(555) 123-4567",
//! "020 7946 0958", "06 12 34 56 78"); a run of digits alone (an order
//! number) is not a phone. Thread-safe.
std::vector<PiiMatch> FindPii(std::u32string_view text);

//! `text` with each match replaced by a placeholder naming its kind, e.g.
//! "[email]", "[phone]", "[card ending 4242]", "[iban]".
std::string MaskPii(std::u32string_view text, const std::vector<PiiMatch>& matches);

//! The Luhn check over the digits of `digits` (other characters ignored).
bool LuhnValid(std::u32string_view digits);
//! The IBAN check: known country, its length, mod-97 == 1. Spaces ignored.
bool IbanValid(std::u32string_view iban);

}  // namespace dandelion::text
