// Numbers that are not personal data must not be redacted: order numbers,
// money, times, IVR menus, quantities, versions.
#include "find_helpers.hpp"

#include <catch2/catch.hpp>

using namespace aihost::local_pii;
using namespace aihost::local_pii::testing;

TEST_CASE("hard negatives in written text", "[negatives]") {
  const char* texts[] = {
      "Your order number is 4155550123.",
      "Order #219-09-9998 has shipped",
      "tracking 1Z999AA10123456784",
      "The total is $4,155.50 and the balance $1,234,567.89",
      "Meet at 10:30 or 3:30pm, room 1204",
      "Version 1.2.3.4 fixes it",
      "Press 1 for billing, press 2 for support",
      "We shipped 1500 units in 2023",
      "Invoice 20230415-0012 is overdue",
      "The ratio was 3.14159 and 2.71828",
      "Ticket 555 1234 was closed",
      "Office hours 0900-1700, call 1 2 3 for sales",
      "Work order 12 34 56 78 is done",
  };
  for (const char* t : texts) {
    INFO(t);
    CHECK(hits(t).empty());
  }
}

TEST_CASE("hard negatives in spoken transcripts", "[negatives]") {
  const char* texts[] = {
      "press one for billing press two for technical support",
      "the total comes to four hundred and fifty dollars",
      "it costs four hundred dollars",
      "i'll call you back at three thirty pm",
      "we open at nine and close at five thirty",
      "your order number is four one five five five five oh one two three",
      "the confirmation number is two one nine oh nine nine nine nine eight",
      "i have two kids and one dog",
      "about twenty five minutes ago",
      "ticket number four one one one one one one one",
      "it was nineteen ninety nine",
      "oh my god that's great",
      "i'll double check the first one",
      "this is great thanks",
      "we can meet at the office",
  };
  for (const char* t : texts) {
    INFO(t);
    CHECK(hits(t).empty());
  }
}
