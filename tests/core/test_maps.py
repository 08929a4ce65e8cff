"""The kernel's server-drawn map, on its own: every shape drawn, marked places linked with their names,
text escaped, path data filtered, marks without a shape listed for the table."""

from gcm_portal.core.maps import MapMark, MapShape, world_map

SHAPES = {
    "001": MapShape("M0,0L10,0L10,10Z", 5, 5),
    "002": MapShape("M20,0L30,0L30,10Z", 25, 5),
}


def test_marked_shapes_are_links_with_their_names_and_the_rest_is_land():
    drawn = world_map(
        title="Places",
        description="Two places",
        shapes=SHAPES,
        marks=[MapMark("002", "Second <b>", url="/places/2/", detail="since 2020"), MapMark("999", "Nowhere")],
        width=40,
        height=10,
        columns=["Place", "Since"],
    )
    svg = str(drawn.svg)
    assert svg.count('class="map-land"') == 1 and svg.count('class="map-marked"') == 1
    assert '<a href="/places/2/" class="map-link"><title>Second &lt;b&gt; (since 2020)</title>' in svg
    assert 'role="group"' in svg and "<title>Places</title><desc>Two places</desc>" in svg
    assert [m.code for m in drawn.unplaced] == ["999"]
    assert drawn.rows == [["Second <b>", "since 2020"], ["Nowhere", ""]] and drawn.columns == ["Place", "Since"]


def test_a_map_without_links_is_an_image_and_path_data_cannot_inject_markup():
    drawn = world_map(
        title="T",
        description="D",
        shapes={"001": MapShape('M0,0"/><script>alert(1)</script>', 1, 1)},
        marks=[],
        width=10,
        height=10,
    )
    svg = str(drawn.svg)
    assert 'role="img"' in svg and "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
