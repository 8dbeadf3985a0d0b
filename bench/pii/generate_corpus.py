#!/usr/bin/env python3
"""Generates the project's labeled PII corpus for aihost-pii-bench.

Writes corpus/written.jsonl and corpus/spoken.jsonl: one JSON object per
line, {"text", "spans": [{"start", "end", "entity_type"}], "form"}, offsets
in code points (Python string indices), end exclusive. Every value is made
up here (Luhn, mod-97 and numbering-plan rules applied so that validators
accept the positives); about a fifth of the lines are hard negatives such as
order numbers, money, times and IVR menus. Deterministic: a fixed seed.

Usage: python3 generate_corpus.py [--lines N] [--seed S] [--out DIR]
"""
import argparse
import json
import os
import random

FIRST = ["maria", "james", "aisha", "tom", "li", "sofia", "omar", "grace",
         "diego", "hannah", "kofi", "elena", "raj", "nora", "pavel", "zoë",
         "renée", "marcus", "yuki", "fatima", "liam", "chloe", "ivan", "amara"]
LAST = ["lopez", "carter", "khan", "nguyen", "okafor", "muller", "rossi",
        "silva", "novak", "brennan", "tanaka", "haddad", "schmidt", "ward",
        "núñez", "dubois", "kowalski", "mensah", "park", "ortiz"]
DOMAINS = ["example.com", "mailbox.org", "acme.io", "northwind.net",
           "contoso.co.uk", "fabrikam.com", "school.edu"]
DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven",
               "eight", "nine"]


class Line:
    """Builds a text piece by piece and records labeled spans."""

    def __init__(self):
        self.text = ""
        self.spans = []

    def add(self, s):
        self.text += s
        return self

    def pii(self, s, etype):
        start = len(self.text)
        self.text += s
        self.spans.append({"start": start, "end": len(self.text),
                           "entity_type": etype})
        return self

    def row(self, form):
        return {"text": self.text, "spans": self.spans, "form": form}


# ---- values ---------------------------------------------------------------

def luhn_complete(prefix, length, rng):
    digits = prefix + "".join(rng.choice("0123456789")
                              for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(digits)):
        v = int(ch)
        if i % 2 == 0:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return digits + str((10 - total % 10) % 10)


def card(rng):
    issuer = rng.choice([("4", 16), ("51", 16), ("55", 16), ("2221", 16),
                         ("2720", 16), ("34", 15), ("37", 15), ("6011", 16),
                         ("65", 16), ("3528", 16), ("36", 14), ("62", 16),
                         ("4", 19), ("6759", 16)])
    number = luhn_complete(issuer[0], issuer[1], rng)
    if len(number) == 15:
        groups = [number[:4], number[4:10], number[10:]]
    elif len(number) == 14:
        groups = [number[:4], number[4:10], number[10:]]
    else:
        groups = [number[i:i + 4] for i in range(0, len(number), 4)]
    return number, groups


def bad_card(rng):
    number, groups = card(rng)
    last = str((int(number[-1]) + rng.randint(1, 9)) % 10)
    bad = number[:-1] + last
    return bad, groups[:-1] + [groups[-1][:-1] + last]


def ssn(rng):
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    group = rng.randint(1, 99)
    serial = rng.randint(1, 9999)
    return [f"{area:03d}", f"{group:02d}", f"{serial:04d}"]


def nxx(rng):
    while True:
        v = f"{rng.randint(2, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}"
        if v[1:] != "11":
            return v


def nanp(rng):
    return [nxx(rng), nxx(rng), f"{rng.randint(0, 9999):04d}"]


def intl_phone(rng):
    cc, groups = rng.choice([
        ("44", [2, 4, 4]), ("49", [2, 7]), ("33", [1, 2, 2, 2, 2]),
        ("34", [3, 3, 3]), ("61", [1, 4, 4]), ("91", [5, 5]),
        ("353", [2, 3, 4]), ("52", [2, 4, 4])])
    parts = ["".join(str(rng.randint(1 if i == 0 else 0, 9))
                     for i in range(n)) for n in groups]
    return cc, parts


def email(rng):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    first = first.replace("ë", "e").replace("é", "e")
    last = last.replace("ú", "u").replace("ñ", "n")
    style = rng.randint(0, 3)
    local = [f"{first}.{last}", f"{first}{rng.randint(1, 99)}",
             f"{first[0]}{last}", f"{first}_{last}"][style]
    return local, rng.choice(DOMAINS)


def ipv4(rng):
    return [str(rng.choice([10, 172, 192, rng.randint(11, 223)])),
            str(rng.randint(0, 255)), str(rng.randint(0, 255)),
            str(rng.randint(1, 254))]


def ipv6(rng):
    groups = [f"{rng.randint(0, 0xffff):x}" for _ in range(8)]
    if rng.random() < 0.5:
        return "2001:db8::" + ":".join(groups[5:])
    return ":".join(groups)


IBAN_BBAN = {"GB": "aaaa" + "n" * 14, "DE": "n" * 18, "FR": "n" * 10 + "c" * 11 + "nn",
             "ES": "n" * 20, "NL": "aaaa" + "n" * 10, "IT": "a" + "n" * 10 + "c" * 12,
             "BE": "n" * 12, "CH": "n" * 5 + "c" * 12}


def iban(rng):
    country = rng.choice(list(IBAN_BBAN))
    bban = ""
    for kind in IBAN_BBAN[country]:
        if kind == "n":
            bban += rng.choice("0123456789")
        elif kind == "a":
            bban += rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        else:
            bban += rng.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    rearranged = bban + country + "00"
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{bban}"


def grouped(s, n=4):
    return " ".join(s[i:i + n] for i in range(0, len(s), n))


MONTHS = ["january", "february", "march", "april", "may", "june", "july",
          "august", "september", "october", "november", "december"]
ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh",
       "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
       "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
       "nineteenth", "twentieth", "twenty first", "twenty second",
       "twenty third", "twenty fourth", "twenty fifth", "twenty sixth",
       "twenty seventh", "twenty eighth"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
         "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"]


def two_digit_words(n):
    if n < 10:
        return "oh " + DIGIT_WORDS[n]
    if n < 20:
        return TEENS[n - 10]
    return TENS[n // 10] + ("" if n % 10 == 0 else " " + DIGIT_WORDS[n % 10])


def year_words(y):
    if 2000 <= y < 2010:
        return "two thousand" + ("" if y == 2000 else " " + DIGIT_WORDS[y % 10])
    return two_digit_words(y // 100) + " " + two_digit_words(y % 100)


# ---- spoken forms -----------------------------------------------------------

def say_digits(s, rng, allow_double=True):
    words = []
    i = 0
    while i < len(s):
        ch = s[i]
        if allow_double and i + 1 < len(s) and s[i + 1] == ch and rng.random() < 0.5:
            n = 3 if i + 2 < len(s) and s[i + 2] == ch and rng.random() < 0.5 else 2
            zero = "oh" if ch == "0" and rng.random() < 0.7 else DIGIT_WORDS[int(ch)]
            words.append(("double " if n == 2 else "triple ") + zero)
            i += n
            continue
        if ch == "0" and rng.random() < 0.6:
            words.append("oh")
        else:
            words.append(DIGIT_WORDS[int(ch)])
        i += 1
    return " ".join(words)


def say_groups(groups, rng, lexical, correction=False, filler=False):
    sep = " " if lexical else ", "
    said = [say_digits(g, rng) for g in groups]
    if filler and len(said) > 1:
        k = rng.randint(1, len(said) - 1)
        said[k] = rng.choice(["uh ", "um ", "like "]) + said[k]
    if correction and len(groups) > 1:
        k = rng.randint(0, len(groups) - 1)
        wrong = "".join(str((int(c) + 1) % 10) for c in groups[k])
        fix = rng.choice(["sorry", "no", "actually", "i mean"])
        said[k] = say_digits(wrong, rng, False) + sep + fix + sep + said[k]
    return sep.join(said)


def spell(s):
    return " ".join(s.lower())


def say_iban(value, rng):
    out = []
    run = ""
    for ch in value:
        if ch.isdigit():
            run += ch
            continue
        if run:
            out.append(say_digits(run, rng, False))
            run = ""
        out.append(ch.lower())
    if run:
        out.append(say_digits(run, rng, False))
    return " ".join(out)


def say_email(local, domain):
    spoken = local.replace(".", " dot ").replace("_", " underscore ")
    digits = "".join(ch for ch in spoken if ch.isdigit())
    if digits:
        spoken = spoken.replace(digits, " " + " ".join(DIGIT_WORDS[int(d)] for d in digits))
    return (spoken.strip() + " at " + domain.replace(".", " dot ")).replace("  ", " ")


# ---- written lines ----------------------------------------------------------

def written_line(rng):
    ln = Line()
    kind = rng.randint(0, 15)
    name = rng.choice(FIRST).capitalize() + " " + rng.choice(LAST).capitalize()
    if kind == 0:
        number, groups = card(rng)
        value = rng.choice([number, " ".join(groups), "-".join(groups)])
        ln.add(rng.choice(["Please charge my card ", "Card on file: ",
                           "My Visa is ", "The card number is "]))
        ln.pii(value, "CREDIT_CARD").add(rng.choice([".", " thanks.", ", exp 09/27."]))
    elif kind == 1:
        g = ssn(rng)
        value = rng.choice(["-".join(g), " ".join(g), "".join(g)])
        ln.add(rng.choice(["My SSN is ", "Social security number: ",
                           "SSN ", "my social is "]))
        ln.pii(value, "US_SSN").add(rng.choice(["", ".", " for the form."]))
    elif kind == 2:
        a, b, c = nanp(rng)
        value = rng.choice([f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}",
                            f"+1 {a} {b} {c}", f"{a}{b}{c}", f"1-{a}-{b}-{c}"])
        ln.add(rng.choice(["Call me at ", "My phone number is ", "Reach ",
                           "You can text "])).add(name + " on " if rng.random() < 0.2 else "")
        ln.pii(value, "PHONE_NUMBER").add(rng.choice(["", ".", " after 5pm."]))
    elif kind == 3:
        cc, parts = intl_phone(rng)
        ln.add(rng.choice(["Our office in Europe: ", "Call ", "Mobile: "]))
        ln.pii("+" + cc + " " + " ".join(parts), "PHONE_NUMBER").add(".")
    elif kind == 4:
        local, domain = email(rng)
        ln.add(rng.choice(["Email me at ", "Contact: ", "send it to ",
                           "My address is "]))
        ln.pii(f"{local}@{domain}", "EMAIL_ADDRESS").add(rng.choice(["", ".", " please"]))
    elif kind == 5:
        ln.add(rng.choice(["The server ", "Login came from ", "Blocked IP "]))
        value = ".".join(ipv4(rng)) if rng.random() < 0.7 else ipv6(rng)
        ln.pii(value, "IP_ADDRESS").add(rng.choice([" yesterday.", ".", " is down"]))
    elif kind == 6:
        value = iban(rng)
        value = rng.choice([value, grouped(value), value.lower()])
        ln.add(rng.choice(["Wire it to IBAN ", "My IBAN: ", "Account "]))
        ln.pii(value, "IBAN_CODE").add(".")
    elif kind == 7:
        ln.add("My name is ").pii(name, "PERSON").add(
            rng.choice([" and I need help.", ".", ", calling about my bill."]))
    elif kind == 8:
        m, d, y = rng.randint(1, 12), rng.randint(1, 28), rng.randint(1940, 2005)
        value = rng.choice([f"{m:02d}/{d:02d}/{y}", f"{y}-{m:02d}-{d:02d}",
                            f"{MONTHS[m - 1].capitalize()} {d}, {y}"])
        ln.add(rng.choice(["Date of birth: ", "I was born on ", "DOB "]))
        ln.pii(value, "DATE_TIME").add(".")
    elif kind == 9:
        ln.add("Details at ").pii(rng.choice(
            ["https://portal.example.com/reset", "www.northwind.net/help",
             "https://acme.io/t/82731?ref=mail"]), "URL").add(" today.")
    elif kind == 10:
        ln.add("Checking account number ").pii(
            "".join(rng.choice("0123456789") for _ in range(rng.randint(8, 12))),
            "US_BANK_NUMBER").add(".")
    elif kind == 11:
        ln.add("Driver's license number ").pii(
            rng.choice("ABCDEFGHJKLMNPRSTW") + "".join(
                rng.choice("0123456789") for _ in range(7)),
            "US_DRIVER_LICENSE").add(".")
    elif kind == 12:
        # Two entities in one line.
        number, groups = card(rng)
        a, b, c = nanp(rng)
        ln.add("Hi, this is ").pii(name.split()[0], "PERSON").add(". Card ")
        ln.pii(" ".join(groups), "CREDIT_CARD").add(", phone ")
        ln.pii(f"{a}-{b}-{c}", "PHONE_NUMBER").add(".")
    else:
        ln.add(written_negative(rng))
    return ln.row("written")


def written_negative(rng):
    order = "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 12)))
    bad, groups = bad_card(rng)
    return rng.choice([
        f"Your order number is {order}.",
        f"Order #{order[:3]}-{order[3:6]}-{order[6:]} has shipped.",
        f"The total is ${rng.randint(10, 9999)}.{rng.randint(10, 99)} including tax.",
        f"Your balance is ${rng.randint(1, 99)},{rng.randint(100, 999)}.00.",
        f"The meeting is at {rng.randint(1, 12)}:{rng.choice(['00', '15', '30', '45'])} pm.",
        "Press 1 for billing, 2 for support or 0 for an operator.",
        f"We shipped {rng.randint(100, 99999)} units in {rng.randint(2001, 2024)}.",
        f"Invoice {order} is overdue by {rng.randint(2, 90)} days.",
        f"Version {rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)} is out.",
        f"Tracking number {order}{order[:4]}.",
        f"Reference {'-'.join(groups)} failed the check.",  # bad Luhn
        f"Room {rng.randint(100, 999)}, floor {rng.randint(1, 30)}.",
        f"Ticket {order} was closed.",
    ])


# ---- spoken lines -----------------------------------------------------------

def spoken_line(rng):
    ln = Line()
    lexical = rng.random() < 0.6
    um = "um " if rng.random() < 0.3 else ""
    kind = rng.randint(0, 13)
    corr = rng.random() < 0.15
    fill = rng.random() < 0.15
    if kind == 0:
        number, groups = card(rng)
        ln.add(rng.choice(["yeah my card number is ", f"{um}it's ",
                           "the card is ", "sure it's a visa "]))
        ln.pii(say_groups(groups, rng, lexical, corr, fill), "CREDIT_CARD")
        ln.add(rng.choice(["", " and the expiry is oh nine twenty seven"]))
    elif kind == 1:
        ln.add(rng.choice(["my social is ", "social security number is ",
                           "the last, uh, my ssn is "]))
        ln.pii(say_groups(ssn(rng), rng, lexical, corr, fill), "US_SSN")
    elif kind == 2:
        ln.add(rng.choice(["you can reach me at ", "my phone number is ",
                           "call me back on ", "my cell is "]))
        ln.pii(say_groups(nanp(rng), rng, lexical, corr, fill), "PHONE_NUMBER")
        ln.add(rng.choice(["", " anytime", " thanks"]))
    elif kind == 3:
        cc, parts = intl_phone(rng)
        ln.add("my number in the uk is " if cc == "44" else "the number is ")
        ln.pii("plus " + say_digits(cc, rng, False) + " " +
               say_groups(parts, rng, lexical), "PHONE_NUMBER")
    elif kind == 4:
        local, domain = email(rng)
        ln.add(rng.choice(["my email is ", "it's ", "send it to "]))
        ln.pii(say_email(local, domain), "EMAIL_ADDRESS")
    elif kind == 5:
        ln.add("the ip address is ")
        ln.pii(" dot ".join(say_digits(p, rng, False) for p in ipv4(rng)),
               "IP_ADDRESS")
    elif kind == 6:
        ln.add("my iban is ").pii(say_iban(iban(rng), rng), "IBAN_CODE")
    elif kind == 7:
        name = rng.choice(FIRST) + " " + rng.choice(LAST)
        if rng.random() < 0.5:
            ln.add("hi my name is ").pii(name, "PERSON").add(
                " and i'm calling about my bill")
        else:
            ln.add("thank you for calling this is ").pii(
                name.split()[0], "PERSON").add(" speaking how can i help")
    elif kind == 8:
        m, d, y = rng.randint(1, 12), rng.randint(1, 28), rng.randint(1940, 2005)
        ln.add(rng.choice(["my date of birth is ", "i was born on "]))
        ln.pii(f"{MONTHS[m - 1]} {ORD[d - 1]} {year_words(y)}", "DATE_TIME")
    elif kind == 9:
        # Formatted ASR output: digits already written.
        number, groups = card(rng)
        a, b, c = nanp(rng)
        ln.add("Yeah, the card is ").pii(" ".join(groups), "CREDIT_CARD")
        ln.add(" and my number is ").pii(f"{a}-{b}-{c}", "PHONE_NUMBER").add(".")
    elif kind == 10:
        ln.add("my account number is ").pii(
            say_digits("".join(rng.choice("0123456789") for _ in range(10)), rng),
            "US_BANK_NUMBER")
    else:
        ln.add(spoken_negative(rng))
    text = ln.text
    if lexical:
        # Lexical ASR: no punctuation, no capitals; spans shift accordingly.
        return strip_punctuation(ln).row("spoken")
    return ln.row("spoken")


def strip_punctuation(ln):
    keep = []
    for i, ch in enumerate(ln.text):
        if ch in ",.?!":
            continue
        keep.append(i)
    index = {old: new for new, old in enumerate(keep)}
    out = Line()
    out.text = "".join(ln.text[i] for i in keep).lower().replace("  ", " ")
    # Recompute spans through the kept-character map (no double blanks arise
    # except where punctuation was removed, which we collapse above).
    text = "".join(ln.text[i] for i in keep).lower()
    if "  " in text:
        out.text = text  # keep offsets exact rather than pretty
    for sp in ln.spans:
        s = sp["start"]
        while s not in index:
            s += 1
        e = sp["end"] - 1
        while e not in index:
            e -= 1
        out.spans.append({"start": index[s], "end": index[e] + 1,
                          "entity_type": sp["entity_type"]})
    return out


def spoken_negative(rng):
    order = "".join(rng.choice("0123456789") for _ in range(10))
    bad, groups = bad_card(rng)
    amount = rng.randint(2, 9)
    return rng.choice([
        "press one for billing press two for technical support or press zero for an operator",
        f"your order number is {say_digits(order, rng)}",
        f"the confirmation number is {say_digits(order[:9], rng)}",
        f"the total comes to {DIGIT_WORDS[amount]} hundred and fifty dollars",
        f"that'll be {DIGIT_WORDS[amount]} hundred dollars a month",
        f"i can call you back at {DIGIT_WORDS[amount]} thirty pm",
        "we're open from nine to five thirty monday to friday",
        f"i ordered {DIGIT_WORDS[amount]} of them about twenty minutes ago",
        f"the reference is {say_groups(groups, rng, True)}",  # bad Luhn
        "oh okay let me double check that for you",
        "this is great thank you so much",
        f"ticket number {say_digits(order[:8], rng)}",
        f"it was back in nineteen ninety {DIGIT_WORDS[amount]}",
    ])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=400)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "corpus"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    for name, make in (("written", written_line), ("spoken", spoken_line)):
        with open(os.path.join(args.out, name + ".jsonl"), "w", encoding="utf-8") as f:
            for _ in range(args.lines):
                row = make(rng)
                for sp in row["spans"]:
                    assert 0 <= sp["start"] < sp["end"] <= len(row["text"])
                f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
