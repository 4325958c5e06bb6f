// Rules for the values users type: slugs, names, e-mail addresses,
// passwords. Each returns InvalidArgument naming `field` and what was
// expected, or Ok.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace dandelion::domain {

//! 1-32 characters of a-z, 0-9 and '-', starting with a letter or digit.
Status ValidateSlug(std::string_view slug, std::string_view field = "slug");
//! 1-120 characters after trimming, no control characters.
Status ValidateName(std::string_view name, std::string_view field = "name");
//! A plausible address: one '@', a dot in the domain, at most 254 characters.
Status ValidateEmail(std::string_view email, std::string_view field = "email");
//! 10-200 characters.
Status ValidatePassword(std::string_view password, std::string_view field = "password");

//! Lower-cases ASCII letters, trims spaces: the stored form of an e-mail.
std::string NormalizeEmail(std::string_view email);
//! Trims surrounding white space.
std::string Trim(std::string_view s);

}  // namespace dandelion::domain
