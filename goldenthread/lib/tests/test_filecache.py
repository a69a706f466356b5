"""The file cache counts its folder every hundredth write, not on every one."""

from goldenthread.lib.filecache import FileCache


def test_the_folder_is_counted_every_hundredth_write_and_culled_then(tmp_path):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 150, "CULL_FREQUENCY": 2}})
    listings = []
    list_files = cache._list_cache_files
    cache._list_cache_files = lambda: listings.append(1) or list_files()

    for n in range(300):
        cache.set(f"page-{n}", "<html>")

    assert len(listings) == 3  # the 1st, 101st and 201st writes
    kept = len(list(tmp_path.iterdir()))
    assert kept < 300  # the third count found 200 and culled half
    assert cache.get("page-299") == "<html>"
