// The validators that turn digit strings into identifiers, and the
// look-alikes they must refuse.
#include "validators.hpp"

#include <catch2/catch.hpp>

using namespace aihost::local_pii;

TEST_CASE("Luhn", "[validators]") {
  CHECK(luhn_valid("4111111111111111"));
  CHECK(luhn_valid("79927398713"));
  CHECK_FALSE(luhn_valid("4111111111111112"));
  CHECK_FALSE(luhn_valid("79927398710"));
  CHECK_FALSE(luhn_valid("4111a11111111111"));
  CHECK_FALSE(luhn_valid(""));
}

TEST_CASE("card issuer ranges and lengths", "[validators]") {
  CHECK(card_iin_valid("4111111111111111"));            // Visa 16
  CHECK(card_iin_valid("4222222222222"));               // Visa 13
  CHECK(card_iin_valid("5500000000000004"));            // Mastercard 5x
  CHECK(card_iin_valid("2223000048400011"));            // Mastercard 2-series
  CHECK(card_iin_valid("378282246310005"));             // Amex 15
  CHECK(card_iin_valid("6011000990139424"));            // Discover
  CHECK(card_iin_valid("3566002020360505"));            // JCB
  CHECK(card_iin_valid("30569309025904"));              // Diners 14
  CHECK(card_iin_valid("6200000000000005"));            // UnionPay
  CHECK(card_iin_valid("6759649826438453"));            // Maestro
  CHECK(card_iin_valid("2200000000000004"));            // Mir
  CHECK_FALSE(card_iin_valid("378282246310005000"));    // Amex is 15 only
  CHECK_FALSE(card_iin_valid("1234567812345670"));      // no issuer starts 1
  CHECK_FALSE(card_iin_valid("411111111111"));          // Visa is never 12
  CHECK_FALSE(card_iin_valid("41111111111111111111"));  // 20 digits
}

TEST_CASE("SSN area, group and serial rules", "[validators]") {
  CHECK(ssn_valid("123456789"));
  CHECK(ssn_valid("219099998"));
  CHECK(ssn_valid("899451234"));
  CHECK_FALSE(ssn_valid("000451234"));  // area 000
  CHECK_FALSE(ssn_valid("666451234"));  // area 666
  CHECK_FALSE(ssn_valid("900451234"));  // area 9xx
  CHECK_FALSE(ssn_valid("987654321"));
  CHECK_FALSE(ssn_valid("123001234"));  // group 00
  CHECK_FALSE(ssn_valid("123450000"));  // serial 0000
  CHECK_FALSE(ssn_valid("111111111"));
  CHECK_FALSE(ssn_valid("12345678"));
}

TEST_CASE("NANP and E.164 numbering", "[validators]") {
  CHECK(nanp_valid("4155550123"));
  CHECK(nanp_valid("2125551212"));
  CHECK_FALSE(nanp_valid("0155550123"));  // area starts 0
  CHECK_FALSE(nanp_valid("1155550123"));  // area starts 1
  CHECK_FALSE(nanp_valid("4151550123"));  // exchange starts 1
  CHECK_FALSE(nanp_valid("4115550123"));  // N11 area
  CHECK_FALSE(nanp_valid("4154110123"));  // N11 exchange
  CHECK(e164_valid("442079460958"));
  CHECK(e164_valid("14155550123"));
  CHECK(e164_valid("4930901820"));
  CHECK(e164_valid("353861234567"));            // three-digit country code
  CHECK_FALSE(e164_valid("10155550123"));       // +1 with a bad area
  CHECK_FALSE(e164_valid("2812345678"));        // +28 is unassigned
  CHECK_FALSE(e164_valid("4412"));              // too short
  CHECK_FALSE(e164_valid("4412345678901234"));  // too long
}

TEST_CASE("IBAN country length and mod-97", "[validators]") {
  CHECK(iban_valid("GB82WEST12345698765432"));
  CHECK(iban_valid("gb82west12345698765432"));  // case does not matter
  CHECK(iban_valid("DE89370400440532013000"));
  CHECK(iban_valid("FR1420041010050500013M02606"));
  CHECK(iban_valid("NO9386011117947"));
  CHECK_FALSE(iban_valid("GB83WEST12345698765432"));  // bad check digits
  CHECK_FALSE(iban_valid("DE89370400440532013001"));
  CHECK_FALSE(iban_valid("GB82WEST1234569876543"));   // one short for GB
  CHECK_FALSE(iban_valid("ZZ82WEST12345698765432"));  // no such country
  CHECK(iban_length('g', 'b') == 22);
  CHECK(iban_length('X', 'X') == 0);
}

TEST_CASE("IP addresses", "[validators]") {
  CHECK(ipv4_valid("192.168.0.1"));
  CHECK(ipv4_valid("8.8.8.8"));
  CHECK(ipv4_valid("255.255.255.255"));
  CHECK_FALSE(ipv4_valid("256.1.1.1"));
  CHECK_FALSE(ipv4_valid("1.2.3"));
  CHECK_FALSE(ipv4_valid("1.2.3.4.5"));
  CHECK_FALSE(ipv4_valid("01.2.3.4"));
  CHECK(ipv6_valid("2001:db8:85a3:0:0:8a2e:370:7334"));
  CHECK(ipv6_valid("2001:DB8::1"));
  CHECK(ipv6_valid("fe80::1"));
  CHECK(ipv6_valid("::1"));
  CHECK(ipv6_valid("::ffff:192.0.2.128"));
  CHECK_FALSE(ipv6_valid("::"));
  CHECK_FALSE(ipv6_valid("10:30"));  // a time
  CHECK_FALSE(ipv6_valid("12:30:45"));
  CHECK_FALSE(ipv6_valid("1::2::3"));
  CHECK_FALSE(ipv6_valid("2001:db8:85a3:0:0:8a2e:370:7334:1"));
  CHECK_FALSE(ipv6_valid("gggg::1"));
}
