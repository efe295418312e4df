"""Pictures (issue 18): initials avatars, connection paths drawn as SVG, profile photos.

Through the app: every path picture has a text alternative; a pseudonymous view never
shows the member's photo or initials; uploads are checked by content and size and leave
no EXIF behind; photos are served to members only, with a validator and a private cache
policy, and go with the account.
"""
from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image

from recruit.pictures.avatars import PALETTE, avatar_svg, colour_for, initials
from recruit.pictures.paths import Node, path_svg, shorten
from tests.candidate_fixtures import world  # noqa: F401  (fixture)
from tests.candidate_scene import build_scene, conversation_id
from tests.conftest import PASSWORD
from tests.job_support import ask_to_recruit, befriend, create_company, post_job

PICTURE = re.compile(r'<svg class="path-picture"[^>]*>.*?</svg>', re.S)
AVATAR = re.compile(r'<svg class="avatar[^"]*"[^>]*>.*?</svg>', re.S)


@pytest.fixture
def scene(members, world):  # noqa: F811
    return build_scene(members, world)


@pytest.fixture
def photo_dir(app, tmp_path):
    app.config["PHOTO_DIR"] = str(tmp_path / "photos")
    return Path(app.config["PHOTO_DIR"])


def jpeg_with_exif(size=(640, 480), colour=(200, 30, 30)) -> bytes:
    """A camera-like JPEG: EXIF with a GPS position, a camera serial and an orientation."""
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show upright
    exif[0xA431] = "SERIAL-123456"  # BodySerialNumber
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def upload(client, data: bytes, filename: str = "me.jpg"):
    return client.post("/me/photo", {"photo": (io.BytesIO(data), filename)},
                       token_from="/me/photo", content_type="multipart/form-data")


def pictures(html: str) -> list[str]:
    return PICTURE.findall(html)


# --- Drawing (pure) ---------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("马海燕", "马"), ("欧阳娜娜", "欧阳"), ("令狐冲", "令狐"), ("司马", "司"),
    ("Li Wei", "LW"), ("li wei", "LW"), ("Jean-Luc Picard", "JP"), ("Zelda", "Z"),
    ("马海燕 (Ma Haiyan)", "马"), ("김민수", "김"), ("", "?"), ("   ", "?"), (None, "?"),
])
def test_initials_are_cjk_aware(name, expected):
    assert initials(name) == expected


def test_colours_are_deterministic_and_spread():
    assert colour_for("abc") == colour_for("abc")
    assert colour_for("abc") in PALETTE
    assert len({colour_for(f"member-{i}") for i in range(200)}) == len(PALETTE)


def test_names_are_escaped_in_every_picture():
    evil = '<script>alert(1)</script>"'
    assert "<script>" not in avatar_svg(evil, "k", label=evil)
    svg = path_svg([[Node(evil, "a", "you")], [Node(evil, "b")]])
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_a_path_picture_spells_itself_out_and_counts_the_rest():
    svg = path_svg([[Node("You", "me", "you")],
                    [Node(f"Friend {i}", str(i)) for i in range(5)],
                    [Node("Zhang Min", "z", caption="recruiter")]])
    assert 'role="img"' in svg
    label = re.search(r'aria-label="([^"]+)"', svg).group(1)
    assert label == "You → Friend 0 or Friend 1 or Friend 2 (and 2 more) → Zhang Min (recruiter)"
    assert f"<title>{label}</title>" in svg and "+2 more" in svg
    # Three drawn, each named in the aria-label, the <title> and under its node.
    assert svg.count("Friend ") == 3 * 3 and "Friend 3" not in svg
    assert shorten("欧阳娜娜欧阳娜娜欧阳娜娜", 8) == "欧阳娜娜…"


# --- Paths on pages ---------------------------------------------------------------------

def test_member_page_draws_you_mutual_friends_them(scene):
    rita = scene.clients["rita"]
    html = rita.get(f"/people/{scene.ids['zelda']}").get_data(as_text=True)
    [picture] = pictures(html)
    assert 'role="img"' in picture
    assert "You → Fred Friend → Zelda Quixote" in picture
    friend_page = scene.clients["fred"].get(f"/people/{scene.ids['zelda']}").get_data(as_text=True)
    assert "You → Zelda Quixote" in pictures(friend_page)[0]
    stranger_page = scene.clients["rob"].get(f"/people/{scene.ids['rita']}").get_data(as_text=True)
    assert pictures(stranger_page) == []  # beyond two degrees: nothing to draw


def test_job_feed_cards_and_job_page_draw_the_path(members):
    seeker, seeker_id = members.signup("Ma Haiyan", "ma@example.com")
    friend, friend_id = members.signup("Li Wei", "li@example.com")
    recruiter, recruiter_id = members.signup("Zhang Min", "zhang@example.com")
    company_id = create_company(recruiter, "Acme Cloud", "acme.example")
    ask_to_recruit(recruiter, company_id)
    job_id = post_job(recruiter, company_id, title="ML Engineer")
    befriend(seeker, seeker_id, friend, friend_id)
    befriend(friend, friend_id, recruiter, recruiter_id)
    feed = seeker.get("/jobs").get_data(as_text=True)
    assert "ML Engineer" in feed
    [card] = pictures(feed)
    assert "You → Li Wei → Zhang Min (recruiter)" in card
    page = seeker.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert any("You → Li Wei → Zhang Min" in p for p in pictures(page))


def test_candidate_page_draws_a_private_path_whatever_the_degree(scene):
    """Rita is two steps from Zelda (through Fred), Rob one: both see the same shape, with
    no one in between named and no degree given."""
    shapes = []
    for viewer in ("rita", "rob"):
        public_id = scene.pseudonym_for(viewer)
        html = scene.clients[viewer].get(f"/candidates/{public_id}").get_data(as_text=True)
        [picture] = pictures(html)
        assert 'role="img"' in picture and "a private path" in picture
        assert "Fred" not in picture and "1st" not in picture and "2nd" not in picture
        # Names (and the pseudonym's colour, which comes from its scoped name) aside.
        shape = re.sub(r'aria-label="[^"]*"|fill="#[0-9a-f]{6}"', "", picture)
        shapes.append(re.sub(r">[^<]*<", "><", shape))
    assert shapes[0] == shapes[1]


# --- Photos -----------------------------------------------------------------------------

def test_upload_strips_exif_resizes_and_shows_the_photo(app, members, photo_dir):
    client, member_id = members.signup("Ma Haiyan", "ma@example.com")
    response = upload(client, jpeg_with_exif())
    assert response.status_code == 302, response.get_data(as_text=True)
    [stored] = list(photo_dir.glob("*.jpg"))
    data = stored.read_bytes()
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (256, 256)
    assert dict(image.getexif()) == {}
    assert b"Exif" not in data and b"SERIAL-123456" not in data
    page = client.get(f"/people/{member_id}").get_data(as_text=True)
    assert f'src="/people/{member_id}/photo/{stored.stem}"' in page


@pytest.mark.parametrize("data, filename, message", [
    (b"just some text, not a picture", "photo.jpg", "not a photo we can read"),
    (b"%PDF-1.4\n%fake pdf\n", "photo.png", "not a photo we can read"),
    (b"", "empty.jpg", "The file you chose is empty"),
])
def test_a_file_that_is_not_a_photo_is_refused_with_a_message(members, photo_dir, data,
                                                               filename, message):
    client, _ = members.signup("Li Wei", "li@example.com")
    response = upload(client, data, filename)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert list(photo_dir.glob("*")) == []


def test_a_gif_is_refused_by_its_content(members, photo_dir):
    client, _ = members.signup("Li Wei", "li@example.com")
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    response = upload(client, out.getvalue(), "photo.jpg")
    assert response.status_code == 400
    assert "JPEG, PNG or WebP" in response.get_data(as_text=True)


def test_oversized_photos_are_refused_with_a_message(app, members, photo_dir):
    client, _ = members.signup("Li Wei", "li@example.com")
    noisy = Image.effect_noise((400, 400), 80).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, "JPEG", quality=95)
    data = out.getvalue()  # a valid photo, 2 KB over the cap set here
    app.config["PHOTO_MAX_BYTES"] = cap = len(data) - 2048
    response = upload(client, data)
    assert response.status_code == 400
    assert f"the most is {cap // 1024} KB" in response.get_data(as_text=True)
    # Far beyond the cap the body is not even read: 413, with the same kind of message.
    huge = upload(client, data * 4)
    assert huge.status_code == 413
    assert f"larger than {cap // 1024} KB" in huge.get_data(as_text=True)
    assert list(photo_dir.glob("*")) == []


def test_a_decompression_bomb_is_refused_before_decoding(members, photo_dir):
    client, _ = members.signup("Li Wei", "li@example.com")
    out = io.BytesIO()
    Image.new("1", (10000, 6000)).save(out, "PNG")  # 60 MP in a few KB
    response = upload(client, out.getvalue(), "tiny.png")
    assert response.status_code == 400
    assert list(photo_dir.glob("*")) == []


def test_photos_are_served_to_members_with_a_validator(app, members, photo_dir):
    owner, owner_id = members.signup("Ma Haiyan", "ma@example.com")
    other, _ = members.signup("Li Wei", "li@example.com")
    assert upload(owner, jpeg_with_exif()).status_code == 302
    [stored] = list(photo_dir.glob("*.jpg"))
    url = f"/people/{owner_id}/photo/{stored.stem}"
    response = other.get(url)
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.get_data() == stored.read_bytes()
    assert response.headers["Cache-Control"] == "private, max-age=86400"
    assert "Cookie" in response.headers["Vary"]
    etag = response.headers["ETag"]
    assert other.get(url, headers={"If-None-Match": etag}).status_code == 304
    anonymous = app.test_client().get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert other.get(f"/people/{owner_id}/photo/{'0' * 32}").status_code == 404
    assert other.get(f"/people/{owner_id}/photo/..%2F..%2Fconfig.py").status_code == 404
    # A new photo replaces the old one: the old URL and file are gone.
    assert upload(owner, jpeg_with_exif(colour=(0, 0, 200))).status_code == 302
    assert other.get(url).status_code == 404 and not stored.exists()
    [newer] = list(photo_dir.glob("*.jpg"))
    removed = owner.post("/me/photo/delete", {}, token_from="/me/photo")
    assert removed.status_code == 302 and not newer.exists()
    assert other.get(f"/people/{owner_id}/photo/{newer.stem}").status_code == 404


def test_removing_needs_a_csrf_token(members, photo_dir):
    owner, _ = members.signup("Ma Haiyan", "ma@example.com")
    assert upload(owner, jpeg_with_exif()).status_code == 302
    assert owner.raw_post("/me/photo/delete", {}).status_code == 400
    assert len(list(photo_dir.glob("*.jpg"))) == 1


def _avatar_texts(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", a) for a in AVATAR.findall(html)]


def test_a_pseudonymous_view_never_shows_the_members_photo_or_initials(scene, photo_dir):
    zelda = scene.clients["zelda"]
    assert upload(zelda, jpeg_with_exif()).status_code == 302
    [stored] = list(photo_dir.glob("*.jpg"))
    photo_id = stored.stem
    # The control: her own member page does show it.
    assert photo_id in scene.clients["fred"].get(f"/people/{scene.ids['zelda']}").get_data(as_text=True)

    rita = scene.clients["rita"]
    public_id = scene.pseudonym_for("rita")
    started = rita.post(f"/candidates/{public_id}/message", {"body": "Hello there"},
                        token_from=f"/candidates/{public_id}")
    thread = conversation_id(started)
    pages = {
        "browse": rita.get("/candidates").get_data(as_text=True),
        "profile": rita.get(f"/candidates/{public_id}").get_data(as_text=True),
        "thread": rita.get(f"/messages/{thread}").get_data(as_text=True),
        "inbox": rita.get("/messages").get_data(as_text=True),
    }
    assert public_id in pages["browse"]  # she is listed, so the check means something
    for name, html in pages.items():
        assert photo_id not in html, name
        assert f"/people/{scene.ids['zelda']}/photo" not in html, name
        assert "avatar-photo" not in html, name
        assert "ZQ" not in _avatar_texts(html), name  # Zelda Quixote's initials
    assert any("avatar-masked" in a for a in AVATAR.findall(pages["profile"]))


def test_the_photo_goes_with_the_account_and_into_the_archive(app, scene, photo_dir):
    zelda = scene.clients["zelda"]
    assert upload(zelda, jpeg_with_exif()).status_code == 302
    [stored] = list(photo_dir.glob("*.jpg"))
    assert zelda.post("/account/data/archives", {}, token_from="/account/data").status_code == 302
    page = zelda.get("/account/data").get_data(as_text=True)
    archive_id = re.search(r'id="archive-([\w-]+)"', page).group(1)
    archive = json.loads(zelda.get(f"/account/data/archives/{archive_id}.json").get_data(as_text=True))
    assert base64.b64decode(archive["photo"]["base64"]) == stored.read_bytes()

    app.config["ACCOUNT_DELETION_GRACE_DAYS"] = 0
    deleted = zelda.post("/account/delete", {"current": PASSWORD, "confirm": "y"},
                         token_from="/account/delete")
    assert deleted.status_code == 302
    assert not stored.exists()
    fred = scene.clients["fred"]
    assert fred.get(f"/people/{scene.ids['zelda']}/photo/{stored.stem}").status_code == 404
