"""The film in real Chromium: each frame is rendered offline by Kaleido at the size asked (1920 x 1080 or
1080 x 1080), the MP4 plays its frames at that size, and /map makes the GIF on request, with progress, one
frame a year, and keeps it for the next visitor."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from ipsdash.outputs import film
from ipsdash.views import map as map_view
from tests.e2e.test_exports import _png_size, chromium_needed  # noqa: F401 - the fixture skips without Chromium


def test_frames_have_the_pixels_of_their_size_and_the_mp4_plays_them(real_store, tmp_path):
    import imageio_ffmpeg

    last_two = film.frames(real_store, "world", "first_programme")[-2:]
    wide = film.render_frames(last_two, "wide")
    assert [_png_size(png) for png in wide] == [film.SIZES["wide"]] * 2
    assert _png_size(film.render_frames(last_two[:1], "square")[0]) == film.SIZES["square"]
    path = tmp_path / "film.mp4"
    path.write_bytes(film.encode(wide, "mp4"))
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    assert tuple(meta["size"]) == film.SIZES["wide"]
    shown = sum(1 for _ in reader)
    reader.close()
    assert shown == (film.YEAR_MS + film.LAST_MS) * film.FPS // 1000  # a year, then the last year held


def test_the_map_makes_the_gif_on_request_one_frame_a_year_and_keeps_it(open_page, real_store, tmp_path):
    years = map_view.options(real_store).years["world"]
    page, watch = open_page("/map", (1280, 720), 1)
    page.locator('[data-testid="stExpander"] summary', has_text="The adoption story as a film").click()
    make = page.get_by_role("button", name="Make the film (GIF)")
    make.wait_for()
    make.click()
    page.locator('[data-testid="stProgress"]').wait_for()  # progress while the frames render
    download = page.get_by_role("button", name="Download the film (GIF", exact=False)
    download.wait_for(timeout=900_000)  # every frame is rendered by Chromium: minutes on a loaded machine
    with page.expect_download() as saved:
        download.click()
    assert saved.value.suggested_filename == "ipsdash-adoption-world-first_programme-square.gif"
    gif = Image.open(io.BytesIO(Path(saved.value.path()).read_bytes()))
    assert gif.n_frames == len(years) and gif.size == film.SIZES["square"]
    # A new visit gets the film already made: the panel offers the download at once.
    again, _ = open_page("/map", (390, 844), 1)
    again.locator('[data-testid="stExpander"] summary', has_text="The adoption story as a film").click()
    again.get_by_role("button", name="Download the film (GIF", exact=False).wait_for()
    assert again.get_by_role("button", name="Make the film (GIF)").count() == 0
    assert watch.blocked == []
