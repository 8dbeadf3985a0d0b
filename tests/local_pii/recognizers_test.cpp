// Every entity type in written and in spoken form, through analyze(): the
// offsets always point into the original text.
#include "find_helpers.hpp"

#include <catch2/catch.hpp>

using namespace aihost::local_pii;
using namespace aihost::local_pii::testing;

TEST_CASE("credit cards, written and spoken", "[recognizers][card]") {
  CHECK(hits("Charge 4111-1111-1111-1111 please") ==
        one("CREDIT_CARD", "4111-1111-1111-1111"));
  CHECK(hits("amex 378282246310005.") == one("CREDIT_CARD", "378282246310005"));
  CHECK(hits("my card is four one one one, one one one one, one one one one, "
             "one one one one thanks") ==
        one("CREDIT_CARD",
            "four one one one, one one one one, one one one one, one one one "
            "one"));
  CHECK(hits("card number five five double oh triple oh oh oh oh oh oh oh oh "
             "oh four") ==
        one("CREDIT_CARD",
            "five five double oh triple oh oh oh oh oh oh oh oh oh four"));
  // Outside the issuer ranges, a Luhn-valid number is a card only where
  // the words say so, and never next to an order-like word.
  CHECK(hits("my card 3599 0041 2873 6512 is lost") ==
        one("CREDIT_CARD", "3599 0041 2873 6512"));
  CHECK(hits("we shipped 3599 0041 2873 6512 today").empty());
  CHECK(hits("card order 3599004128736512").empty());
  // A bad Luhn digit is not a card, however it is said.
  CHECK(hits("card 4111 1111 1111 1112").empty());
  CHECK(hits("card 3599 0041 2873 6513").empty());
  CHECK(hits("my card is four one one one one one one one one one one one one "
             "one one two")
            .empty());
}

TEST_CASE("social security numbers", "[recognizers][ssn]") {
  CHECK(hits("SSN: 219-09-9998.") == one("US_SSN", "219-09-9998"));
  CHECK(hits("social is one two three, four five, six seven eight nine") ==
        one("US_SSN", "one two three, four five, six seven eight nine"));
  CHECK(hits("my social security number is eight oh one, two two, "
             "three three four four") ==
        one("US_SSN", "eight oh one, two two, three three four four"));
  // Invalid areas, groups and serials are refused even with context.
  CHECK(hits("ssn 666-45-1234").empty());
  CHECK(hits("ssn 912-45-1234").empty());
  CHECK(hits("ssn 000-45-1234").empty());
  CHECK(hits("ssn 123-00-1234").empty());
  CHECK(hits("ssn 123-45-0000").empty());
}

TEST_CASE("phone numbers, NANP and international", "[recognizers][phone]") {
  CHECK(hits("call me at (415) 555-0123 tomorrow") ==
        one("PHONE_NUMBER", "(415) 555-0123"));
  CHECK(hits("Phone: 212.555.1212") == one("PHONE_NUMBER", "212.555.1212"));
  CHECK(hits("reach me on +44 20 7946 0958") ==
        one("PHONE_NUMBER", "+44 20 7946 0958"));
  CHECK(hits("or +1 415 555 0123") == one("PHONE_NUMBER", "+1 415 555 0123"));
  CHECK(hits("my number is five five five, sorry, five one five, two three "
             "oh, double four six seven") ==
        one("PHONE_NUMBER",
            "five five five, sorry, five one five, two three oh, double four "
            "six seven"));
  CHECK(hits("you can call me back on four one five five five five oh one two "
             "three") ==
        one("PHONE_NUMBER", "four one five five five five oh one two three"));
  CHECK(hits("plus four four two oh seven nine four six oh nine five eight") ==
        one("PHONE_NUMBER",
            "plus four four two oh seven nine four six oh nine five eight"));
  // An N11 area code is a service code, not a subscriber.
  CHECK(hits("call 411-555-0123").empty());
}

TEST_CASE("national numbers in short groups need a phone word",
          "[recognizers][phone]") {
  CHECK(hits("Can someone call me on 9472 7916?") ==
        one("PHONE_NUMBER", "9472 7916"));
  CHECK(hits("call me at 60-56-85-91") == one("PHONE_NUMBER", "60-56-85-91"));
  CHECK(hits("Mobile: (37) 788-063") == one("PHONE_NUMBER", "(37) 788-063"));
  CHECK(hits("699 956 915 is my mobile") == one("PHONE_NUMBER", "699 956 915"));
  CHECK(hits("Fax: 467 3395") == one("PHONE_NUMBER", "467 3395"));
  // "number" alone is not enough, nor a phone word next to clock times,
  // an order, or groups longer than phone groups.
  CHECK(hits("customer number 1234 5678").empty());
  CHECK(hits("my license number is 2270-66-1551").empty());
  CHECK(hits("office hours 0900-1700").empty());
  CHECK(hits("call us about order 1234 5678").empty());
  CHECK(hits("call 12345 67890 12").empty());
  CHECK(hits("call me at 12 34").empty());
  // Only a whole run: no part of a longer number is claimed.
  CHECK(hits("Mobile: 001-253-366-9781") ==
        one("PHONE_NUMBER", "253-366-9781"));
  CHECK(hits("Desk: +1-903-140-4508x769").empty());
  CHECK(hits("Fax: 21 253 109 8211 22").empty());
  // Dates, SSN groupings and licence numbers stay what they were next to a
  // phone word.
  CHECK(hits("phone, born 1985-03-15") == one("DATE_TIME", "1985-03-15"));
  CHECK(hits("call me on 31 12.05.2021") == one("DATE_TIME", "12.05.2021"));
  CHECK(hits("phone 123-45-6789").empty());
  CHECK(hits("driving licence 123-456-789, call me") ==
        one("US_DRIVER_LICENSE", "123-456-789"));
}

TEST_CASE("email addresses", "[recognizers][email]") {
  CHECK(hits("mail jane.doe+billing@example.co.uk, thanks") ==
        one("EMAIL_ADDRESS", "jane.doe+billing@example.co.uk"));
  CHECK(hits("it's john dot smith at gmail dot com") ==
        one("EMAIL_ADDRESS", "john dot smith at gmail dot com"));
  CHECK(hits("send it to m underscore lee at acme dot io") ==
        one("EMAIL_ADDRESS", "m underscore lee at acme dot io"));
  CHECK(hits("not an address: john@localhost").empty());
}

TEST_CASE("IP addresses, v4 and v6", "[recognizers][ip]") {
  CHECK(hits("server 10.0.0.12 is down") == one("IP_ADDRESS", "10.0.0.12"));
  CHECK(hits("v6 2001:db8::8a2e:370:7334.") ==
        one("IP_ADDRESS", "2001:db8::8a2e:370:7334"));
  CHECK(hits("my ip is one nine two dot one six eight dot oh dot one") ==
        one("IP_ADDRESS", "one nine two dot one six eight dot oh dot one"));
  CHECK(hits("ip 300.1.2.3").empty());
}

TEST_CASE("IBANs", "[recognizers][iban]") {
  CHECK(hits("IBAN GB82 WEST 1234 5698 7654 32 please") ==
        one("IBAN_CODE", "GB82 WEST 1234 5698 7654 32"));
  CHECK(hits("iban de89370400440532013000") ==
        one("IBAN_CODE", "de89370400440532013000"));
  CHECK(hits("my iban is g b eight two w e s t one two three four five six "
             "nine eight seven six five four three two") ==
        one("IBAN_CODE",
            "g b eight two w e s t one two three four five six nine eight "
            "seven six five four three two"));
  CHECK(hits("IBAN GB83 WEST 1234 5698 7654 32").empty());  // check digits
}

TEST_CASE("bank accounts and driver licences need their context",
          "[recognizers][bank][license]") {
  CHECK(hits("checking account number 000123456789") ==
        one("US_BANK_NUMBER", "000123456789"));
  CHECK(hits("my account number is one two three four five six seven eight") ==
        one("US_BANK_NUMBER", "one two three four five six seven eight"));
  CHECK(hits("the code is 00012345678").empty());
  CHECK(hits("driver's license number is D1234567") ==
        one("US_DRIVER_LICENSE", "D1234567"));
  CHECK(hits("my driver's license is d one two three four five six seven") ==
        one("US_DRIVER_LICENSE", "d one two three four five six seven"));
  CHECK(hits("the part is D1234567").empty());
}

TEST_CASE("URLs", "[recognizers][url]") {
  CHECK(hits("see https://portal.example.com/reset?u=7 now") ==
        one("URL", "https://portal.example.com/reset?u=7"));
  CHECK(hits("go to www.example.org.") == one("URL", "www.example.org"));
  CHECK(hits("visit example dot com slash help") ==
        one("URL", "example dot com slash help"));
  CHECK(hits("open report.pdf").empty());
}

TEST_CASE("dates of birth and similar", "[recognizers][date]") {
  CHECK(hits("DOB 03/15/1985") == one("DATE_TIME", "03/15/1985"));
  CHECK(hits("born 1985-03-15") == one("DATE_TIME", "1985-03-15"));
  CHECK(hits("I was born on March 3rd, 1985.") ==
        one("DATE_TIME", "March 3rd, 1985"));
  CHECK(hits("date of birth is march third nineteen eighty five") ==
        one("DATE_TIME", "march third nineteen eighty five"));
  CHECK(hits("born on the twenty first of june two thousand two") ==
        one("DATE_TIME", "twenty first of june two thousand two"));
  CHECK(hits("on 13/13/2020").empty());
  CHECK(hits("on 02/30/2020").empty());
}

TEST_CASE("people named by context", "[recognizers][person]") {
  CHECK(hits("Hi, my name is Maria Lopez and I have a question") ==
        one("PERSON", "Maria Lopez"));
  CHECK(hits("my name is uh john smith") == one("PERSON", "john smith"));
  CHECK(hits("hi this is kevin speaking how can i help") ==
        one("PERSON", "kevin"));
  CHECK(hits("name's Dana") == one("PERSON", "Dana"));
  CHECK(hits("please ask Mr. Okafor to call") == one("PERSON", "Okafor"));
  CHECK(hits("my name is José Núñez") == one("PERSON", "José Núñez"));
  CHECK(hits("this is great").empty());
  CHECK(hits("i'm calling about my bill").empty());
}

TEST_CASE("context words raise and lower scores", "[recognizers][context]") {
  auto score = [](std::string_view text) {
    auto f = analyze(text);
    REQUIRE(f.size() == 1);
    return f[0].score;
  };
  double bare = score("it is 219099998 ok");
  double social = score("my social is 219099998 ok");
  CHECK(social > bare);
  double phone = score("call me on 4155550123");
  double plain = score("it is 4155550123");
  CHECK(phone > plain);
  CHECK(analyze("order number 4155550123").empty());
  CHECK(analyze("tracking 219-09-9998").empty());
  AnalyzeOptions strict;
  strict.score_threshold = 0.6;
  CHECK(analyze("it is 219099998 ok", strict).empty());
  CHECK(analyze("my social is 219099998 ok", strict).size() == 1);
}

TEST_CASE("entity filter", "[recognizers]") {
  AnalyzeOptions only_email;
  only_email.entities = std::vector<std::string>{"EMAIL_ADDRESS"};
  CHECK(hits("a@b.com and 4111 1111 1111 1111", only_email) ==
        one("EMAIL_ADDRESS", "a@b.com"));
}

TEST_CASE("offsets on text with multi-byte characters", "[recognizers][utf8]") {
  std::string text =
      "Ünïcödé — 客户 said “card four one one one one one one one one one one "
      "one one one one one” and 😀 mail zoë@example.com";
  auto f = analyze(text);
  REQUIRE(f.size() == 2);
  CHECK(text.substr(f[0].start, f[0].end - f[0].start) ==
        "four one one one one one one one one one one one one one one one");
  // Internationalised local parts (RFC 6531) are addresses too.
  CHECK(text.substr(f[1].start, f[1].end - f[1].start) == "zoë@example.com");
}

TEST_CASE("less common forms", "[recognizers]") {
  // The older 15-digit JCB range.
  CHECK(hits("card 180000826105910") == one("CREDIT_CARD", "180000826105910"));
  // National numbers with a trunk zero need phone words.
  CHECK(hits("please call me at 0494 92 82 32") ==
        one("PHONE_NUMBER", "0494 92 82 32"));
  CHECK(hits("the code is 0494 92 82 32").empty());
  // Addresses delimited by pipes in logs.
  CHECK(hits("client_ip=?|10.1.2.3|") == one("IP_ADDRESS", "10.1.2.3"));
  // Spelled letters: "o" is the letter O, "oh" the digit (GB06BOOK1020...).
  CHECK(hits("iban g b oh six b o o k one oh two oh three oh four oh five oh "
             "six oh seven oh") ==
        one("IBAN_CODE",
            "g b oh six b o o k one oh two oh three oh four oh five oh six oh "
            "seven oh"));
}

TEST_CASE("shapes that only look like identifiers",
          "[recognizers][negatives]") {
  CHECK(hits("send texts to 699 956 915 please").size() <= 1);
  for (const auto& h : hits("send texts to 699 956 915 please"))
    CHECK(h.first != "US_SSN");
  CHECK(hits("office at 17151 2450 Crown St").empty());
  CHECK(hits("Version 8.5.21 is out").empty());
  CHECK(hits("Details at www.northwind.net/help today") ==
        one("URL", "www.northwind.net/help"));
}
