pref("a", 1, locked);
sticky_pref('b', "\u00e4\ud83d\ude00\x41");
/* c */ user_pref("c", -5);