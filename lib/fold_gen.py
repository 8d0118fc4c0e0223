#!/usr/bin/env python3
"""fold_gen.py — generates lib/fold_table.h, the Unicode tables of lib/text.c.

    python3 lib/fold_gen.py > lib/fold_table.h

The build never runs this: its output is committed, so that folding does not
change when the build machine's Python does.  Rerun it (and review the diff)
to move to a newer Unicode version.

Tables written:
  crm_fold_map      letters that fold to other letters (lowercase, no
                    diacritics, a few letters spelled out, fullwidth ASCII to
                    ASCII), sorted by code point for binary search
  crm_fold_class    ranges of non-ASCII code points that are not letters or
                    digits: they become a word separator or vanish
  crm_kana_compose  kana + combining (semi-)voiced mark → precomposed kana
  crm_width_zero    ranges of display width 0 (combining marks, format chars)
  crm_width_wide    ranges of display width 2 (East Asian Wide and Fullwidth)
"""
import re
import sys
import unicodedata as ud

MAX_CP = 0x10FFFF

# Blocks whose letters are folded through the table.  Only scripts with case
# or with diacritics that people leave out when they type belong here:
# decomposing Hangul, Kana or Indic letters would change the letter.
MAP_RANGES = [
    (0x0080, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x0250, 0x02AF),  # IPA Extensions (lowercase targets of Latin capitals)
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x052F),  # Cyrillic and Cyrillic Supplement
    (0x0530, 0x058F),  # Armenian
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese)
    (0x1F00, 0x1FFF),  # Greek Extended (polytonic)
    (0x2126, 0x2126),  # OHM SIGN
    (0x212A, 0x212B),  # KELVIN SIGN, ANGSTROM SIGN
    (0x2C60, 0x2C7F),  # Latin Extended-C
    (0xA720, 0xA7FF),  # Latin Extended-D
    (0xFB00, 0xFB06),  # Latin ligatures ﬁ ﬂ ...
    (0xFB13, 0xFB17),  # Armenian ligatures
    (0xFF01, 0xFF5E),  # fullwidth ASCII
    (0xFF66, 0xFF9F),  # halfwidth katakana (Japanese bank and legacy data)
]

# Letters that do not decompose but that everyone writes without the stroke,
# or spells out, when the keyboard lacks them.  ð goes with đ because the
# capitals Ð and Đ look the same and get typed for each other.
SPECIAL = {
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "ð": "d", "Ð": "d", "ħ": "h", "Ħ": "h", "þ": "th", "Þ": "th",
    "ı": "i", "ȷ": "j", "ŧ": "t", "Ŧ": "t", "ŉ": "n", "ŀ": "l", "Ŀ": "l",
}

# Non-spacing marks that are diacritics people omit: Latin/Greek/Cyrillic
# combining marks, Hebrew points, Arabic harakat, variation selectors.  Other
# non-spacing marks (Indic vowel signs, Thai vowels, the kana voicing marks)
# spell the word and are kept as letters.
DROP_MARK_RANGES = [
    (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05C7), (0x0610, 0x061A),
    (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE00, 0xFE0F), (0xFE20, 0xFE2F),
    (0xE0100, 0xE01EF),
]

# Spacing modifier letters are mostly apostrophes and tone marks (ʼ ʻ ˈ):
# they separate words like the ASCII apostrophe does.
SEP_RANGES = [(0x02B0, 0x02FF), (0x0374, 0x0374)]  # and the Greek numeral sign ʹ

# FAST_LETTER in text.c: letters it keeps without looking at any table.
FAST_LETTER_RANGES = [(0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0x3400, 0x4DBF),
                      (0x3041, 0x3096), (0x30A1, 0x30FA)]

LETTER, SEP, DROP = 0, 1, 2
SEP_CATEGORIES = {"Cc", "Co", "Cs", "Zs", "Zl", "Zp", "Pc", "Pd", "Ps", "Pe",
                  "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"}

LATIN_NAME = re.compile(r"^LATIN (?:SMALL|CAPITAL) (?:LETTER|LIGATURE) ([A-Z]{1,2})(?: WITH .*)?$")


def in_ranges(cp, ranges):
    return any(lo <= cp <= hi for lo, hi in ranges)


def is_noncharacter(cp):
    return 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE


def char_class(cp):
    """What folding does with code point cp when crm_fold_map has no entry."""
    cat = ud.category(chr(cp))
    if cp < 0x80:
        raise ValueError("ASCII is folded in C")
    if cat == "Cf" or (cat in ("Mn", "Me") and in_ranges(cp, DROP_MARK_RANGES)):
        return DROP
    if cat in SEP_CATEGORIES or in_ranges(cp, SEP_RANGES) or is_noncharacter(cp):
        return SEP
    return LETTER  # letters, digits, spelling marks, and unassigned code points


def strip_marks(s):
    return "".join(c for c in s if ud.category(c) not in ("Mn", "Me"))


def is_letters(s):
    return all(ud.category(c)[0] in "LN" and (ord(c) < 0x80 or char_class(ord(c)) == LETTER)
               for c in s)


def latin_base(c):
    """Base letters of a Latin letter with a stroke, hook or bar (ƀ → b)."""
    m = LATIN_NAME.match(ud.name(c, ""))
    return m.group(1).lower() if m else c


def fold_char(c):
    """Folds c until the letters it gives fold to themselves (ꟸ → ħ → h)."""
    s = c
    for _ in range(4):
        t = "".join(fold_once(x) if in_ranges(ord(x), MAP_RANGES) else x.lower() for x in s)
        if t == s:
            return s
        s = t
    raise ValueError("U+%04X: folding does not settle" % ord(c))


def fold_once(c):
    if c in SPECIAL:
        return SPECIAL[c]
    cp = ord(c)
    if 0xFF01 <= cp <= 0xFF5E:
        return chr(cp - 0xFEE0).lower()
    if 0xFF66 <= cp <= 0xFF9F:
        # ﾀﾞ becomes タ + U+3099, which text.c composes into ダ.
        return ud.normalize("NFKC", c)
    # Compatibility decomposition spells out ligatures and letter variants
    # (ǆ, ﬁ, ϐ, µ); where it would bring in punctuation (¼ → 1⁄4) the
    # canonical one is used.
    s = strip_marks(ud.normalize("NFD", strip_marks(ud.normalize("NFKD", c)).casefold()))
    if not s or not is_letters(s):
        s = strip_marks(ud.normalize("NFD", strip_marks(ud.normalize("NFD", c)).casefold()))
    if (not s or not is_letters(s)) and ud.name(c, "").startswith("LATIN "):
        s = latin_base(c)  # ẚ (a with right half ring) → a
    if not s or not is_letters(s):
        raise ValueError("U+%04X %r: no letter fold" % (cp, s))
    if ud.name(c, "").startswith("LATIN "):
        s = "".join(latin_base(x) if ord(x) >= 0x80 else x for x in s)
    return s


def build_map():
    fold_map = {}
    for lo, hi in MAP_RANGES:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            if ud.category(c)[0] not in "LN" or char_class(cp) != LETTER:
                continue
            f = fold_char(c)
            if f != c:
                fold_map[cp] = f
    check_map(fold_map)
    check_fast_letters(fold_map)
    return fold_map


def check_fast_letters(fold_map):
    for lo, hi in FAST_LETTER_RANGES:
        for cp in range(lo, hi + 1):
            assert cp not in fold_map and char_class(cp) == LETTER, "U+%04X is not fast" % cp


def folds_to_itself(c, fold_map):
    cp = ord(c)
    if cp < 0x80:
        return c == c.lower() and c.isalnum()
    return cp not in fold_map and char_class(cp) == LETTER


def check_map(fold_map):
    """Folding must be idempotent and produce only letters, at most three of
    them, all in the BMP (the table stores them as uint16_t)."""
    for cp, f in fold_map.items():
        where = "U+%04X -> %r" % (cp, f)
        assert cp <= 0xFFFF, where
        assert 1 <= len(f) <= 3, where
        for c in f:
            assert ord(c) <= 0xFFFF, where
            assert folds_to_itself(c, fold_map), where + " (output folds further)"


def build_class_ranges():
    items = []
    for cp in range(0x80, MAX_CP + 1):
        cls = char_class(cp)
        if cls != LETTER:
            items.append((cp, cls))
    return merge(items)


def unassigned(lo, hi):
    return all(ud.category(chr(cp)) == "Cn" for cp in range(lo, hi + 1))


def merge(items):
    """Sorted (code point, class) pairs → [lo, hi, class] ranges.  A gap of
    unassigned code points between two ranges of one class joins them: it
    keeps the tables short, and a character assigned there later most likely
    is of the kind around it."""
    ranges = []
    for cp, cls in items:
        last = ranges[-1] if ranges else None
        if last and last[2] == cls and (last[1] == cp - 1 or unassigned(last[1] + 1, cp - 1)):
            last[1] = cp
        else:
            ranges.append([cp, cp, cls])
    return ranges


def build_width():
    zero, wide = [], []
    # Ideograph blocks and planes are wide even where this Python's Unicode
    # has not assigned them yet.
    wide_blocks = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
                   (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)]
    for cp in range(0x80, MAX_CP + 1):
        c = chr(cp)
        cat = ud.category(c)
        # Hangul medial vowels and final consonants join the syllable before
        # them; the soft hyphen is shown when a line breaks there, so it keeps 1.
        if ((cat in ("Mn", "Me", "Cf") and cp != 0x00AD)
                or 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF):
            zero.append((cp, 0))
        elif in_ranges(cp, wide_blocks) or (cat != "Cn" and ud.east_asian_width(c) in ("W", "F")):
            wide.append((cp, 2))
    return merge(zero), merge(wide)


def build_kana_compose():
    pairs = []
    for cp in range(0x3041, 0x3100):
        for mark in (0x3099, 0x309A):
            composed = ud.normalize("NFC", chr(cp) + chr(mark))
            if len(composed) == 1:
                pairs.append((cp, mark, ord(composed)))
    return pairs


def c_range_rows(ranges, per_line=4):
    cells = ["{0x%04X, 0x%04X}" % (r[0], r[1]) for r in ranges]
    return rows(cells, per_line)


def rows(cells, per_line):
    out = []
    for i in range(0, len(cells), per_line):
        out.append("\t" + ", ".join(cells[i:i + per_line]) + ",")
    return "\n".join(out)


def main():
    fold_map = build_map()
    classes = build_class_ranges()
    zero, wide = build_width()
    kana = build_kana_compose()
    name = {SEP: "CRM_FOLD_SEP", DROP: "CRM_FOLD_DROP"}

    map_cells = []
    for cp in sorted(fold_map):
        to = [ord(c) for c in fold_map[cp]] + [0] * (3 - len(fold_map[cp]))
        map_cells.append("{0x%04X, {0x%04X, 0x%04X, 0x%04X}}" % (cp, to[0], to[1], to[2]))
    class_cells = ["{0x%04X, 0x%04X, %s}" % (lo, hi, name[cls]) for lo, hi, cls in classes]
    kana_cells = ["{0x%04X, 0x%04X, 0x%04X}" % k for k in kana]

    w = sys.stdout.write
    w("/* fold_table.h — generated by lib/fold_gen.py from Unicode %s; do not edit.\n"
      " * Included by lib/text.c only. */\n" % ud.unidata_version)
    w("#ifndef CRM_FOLD_TABLE_H\n#define CRM_FOLD_TABLE_H\n\n#include <stdint.h>\n\n")
    w("#define CRM_UNICODE_VERSION \"%s\"\n\n" % ud.unidata_version)
    w("/* A letter and the one to three letters it folds to (0 = unused). */\n")
    w("struct crm_fold_entry {\n\tuint16_t from;\n\tuint16_t to[3];\n};\n\n")
    w("enum crm_fold_class { CRM_FOLD_SEP = 1, CRM_FOLD_DROP = 2 };\n\n")
    w("struct crm_fold_range {\n\tuint32_t lo, hi;\n\tenum crm_fold_class cls;\n};\n\n")
    w("struct crm_cp_range {\n\tuint32_t lo, hi;\n};\n\n")
    w("struct crm_kana_pair {\n\tuint16_t base, mark, composed;\n};\n\n")
    w("static const struct crm_fold_entry crm_fold_map[] = {\n%s\n};\n\n" % rows(map_cells, 2))
    w("/* Non-ASCII code points not listed here and not in crm_fold_map are\n"
      " * letters and are kept as they are. */\n")
    w("static const struct crm_fold_range crm_fold_class[] = {\n%s\n};\n\n" % rows(class_cells, 3))
    w("static const struct crm_kana_pair crm_kana_compose[] = {\n%s\n};\n\n" % rows(kana_cells, 3))
    w("static const struct crm_cp_range crm_width_zero[] = {\n%s\n};\n\n" % c_range_rows(zero))
    w("static const struct crm_cp_range crm_width_wide[] = {\n%s\n};\n\n" % c_range_rows(wide))
    w("#endif\n")
    print("fold_gen.py: %d folds, %d class ranges, %d kana pairs, %d zero-width and "
          "%d wide ranges" % (len(fold_map), len(classes), len(kana), len(zero), len(wide)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
