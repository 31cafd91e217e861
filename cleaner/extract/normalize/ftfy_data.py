"""ftfy's tables as ``text.repair``'s shortcut needs them, for the ftfy named below (generated).

Read instead of importing ftfy (about 15% of a one-file run) while the installed ftfy is
this version. Made by ``python -m cleaner.extract.normalize.text > <this file>``;
``tests/test_fast_paths.py`` checks it is what that prints. Do not edit by hand.
"""

VERSION = '6.3.1'
TARGETS = (
    '&\n\r\x1b\u2028\u2029\x80-\x9f\ud800-\udfff'
    '\x00\x01\x02\x03\x04\x05\x06\x07\x08\\\x0b\x0e'
    '\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a'
    '\x1b\x1c\x1d\x1e\x1f\x7f\u0132\u0133\u0149\u01c4\u01c5\u01c6'
    '\u01c7\u01c8\u01c9\u01ca\u01cb\u01cc\u01f1\u01f2\u01f3\u206a\u206b\u206c'
    '\u206d\u206e\u206f\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06\ufeff\ufff9'
    '\ufffa\ufffb\ufffc'
)
ANCHORS = (
    '\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b'
    '\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97'
    '\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f\xa2\xa3\xa4\xa5'
    '\xa6\xa7\xa8\xaa\xac\xaf\xb1\xb2\xb3\xb5\xb6\xb8'
    '\xb9\xba\xbc\xbd\xbe\xc0\xc1\xc2\xc3\xc4\xc5\xc6'
    '\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf\xd0\xd1\xd7'
    '\xd8\xd9\xdc\xdd\xdf\xe0\xe1\xe2\xe3\xe4\xe5\xe6'
    '\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef\xf0\xf1\xf7'
    '\xfc\u0100\u0101\u0102\u0103\u0104\u0105\u0106\u0107\u010c\u010d\u010e'
    '\u010f\u0110\u0111\u0112\u0113\u0116\u0117\u0118\u0119\u011a\u011b\u011e'
    '\u011f\u0122\u0123\u012a\u012b\u012f\u0130\u0136\u0137\u0139\u013a\u013b'
    '\u013c\u013d\u013e\u0141\u0142\u0143\u0145\u0147\u0152\u0153\u0155\u0158'
    '\u015a\u015b\u015e\u015f\u0160\u0161\u0162\u0164\u0165\u016e\u0170\u0178'
    '\u0179\u017a\u017b\u017c\u017d\u017e\u0192\u02c6\u02c7\u02d8\u02db\u02dc'
    '\u0392\u0393\u039e\u039f\u03b2\u0412\u0413\u0420\u0421\u0432\u0490\u0491'
    '\u201a\u2020\u2021\u2030\u2044\u20a7\u20ac\u2116\u2202\u2206\u220f\u2211'
    '\u221a\u221e\u2229\u222b\u2248\u2260\u2261\u2264\u2265\u2310\u2502\u250c'
    '\u2510\u2518\u251c\u2524\u252c\u253c\u2550\u2551\u2552\u2553\u2554\u2555'
    '\u2556\u2557\u2558\u2559\u255a\u255b\u255c\u255d\u255e\u255f\u2560\u2561'
    '\u2562\u2563\u2564\u2565\u2566\u2567\u2568\u2569\u256a\u256b\u256c\u2580'
    '\u2584\u2588\u258c\u2590\u2591\u2592\u2593\u25ca\ufb01\ufb02\ufffd'
)
MAX_DECODE_LENGTH = 1000000
