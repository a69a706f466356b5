from goldenthread.lib.suggestions import nearest_code

CODES = ["ks2-rwm", "neet-16-18", "cp-plans-rate", "E06000034", "E06000033"]


def test_a_transposed_or_mistyped_code_is_matched_to_its_nearest():
    assert nearest_code("ks2-rmw", CODES) == "ks2-rwm"
    assert nearest_code("neet-16-19", CODES) == "neet-16-18"
    assert nearest_code("KS2-RWM ", CODES) == "ks2-rwm"  # case and a stray space


def test_a_code_like_none_of_them_has_no_suggestion():
    assert nearest_code("teenage-pregnancy", CODES) is None
    assert nearest_code("", CODES) is None
    assert nearest_code("ks2-rmw", []) is None
