"""Defects 6, 10 and 11: a 412 that leaked a correction's version, edits after losing a role, and
spreadsheet formulas in exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from gcm_portal.accounts.services import role_revoke
from gcm_portal.core.exports import safe_cell
from reviews import services
from tests.factories.reviews import build_world, downloaded, make_report, move

pytestmark = pytest.mark.django_db


def test_a_stale_if_match_on_a_workflow_action_reveals_nothing_to_who_cannot_see_the_working_copy(api_client):
    world = build_world()
    report = move(world.published_gh, world.focal_gh, "revise")
    services.report_update(
        report=report, actor=world.focal_gh, expected_version=report.version, data={"title": "Secret"}
    )
    report.refresh_from_db()
    api_client.force_authenticate(world.focal_mx)
    for version in (report.version, report.version - 1, 999):
        response = api_client.post(
            f"/api/v1/voluntary-reports/{report.pk}/submit/",
            {},
            format="json",
            HTTP_IF_MATCH=f'"{report.pk}-{version}"',
        )
        # Always the same refusal, whatever version was named: permission is checked before the version.
        assert response.status_code == 403
        assert "ETag" not in response
        assert "current" not in response.json() and "Secret" not in response.content.decode()
    # Readers of the published snapshot get no ETag naming the working copy's version.
    reader = api_client.get(f"/api/v1/voluntary-reports/{report.pk}/")
    assert reader.status_code == 200
    assert reader.get("ETag", "") != f'"{report.pk}-{report.version}"'


def test_a_pledge_creator_who_lost_the_focal_point_role_can_no_longer_edit_it(api_client, client):
    world = build_world()
    pledge = world.pending_pledge_gh
    role_revoke(user=world.focal_gh, role="focal_point", country="GH")
    api_client.force_authenticate(world.focal_gh)
    response = api_client.patch(
        f"/api/v1/pledges/{pledge.pk}/",
        {"title": "Changed after losing the role"},
        format="json",
        HTTP_IF_MATCH=f'"{pledge.pk}-{pledge.version}"',
    )
    assert response.status_code in (403, 404)
    client.force_login(world.focal_gh)
    response = client.post(reverse("reviews:pledge-edit", args=[pledge.pk]), {"title": "Changed"})
    assert response.status_code in (403, 404)
    pledge.refresh_from_db()
    assert pledge.title == "Ghana pending pledge"


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", " =1+1", "\n=1"]
)
def test_formula_cells_are_neutralised(value):
    assert safe_cell(value).startswith("'")


def test_a_published_title_starting_with_equals_reaches_the_public_csv_as_text(client):
    world = build_world()
    report = make_report(world.focal_mx, "MX", title='=HYPERLINK("http://evil.example","x")')
    move(move(report, world.focal_mx, "submit"), world.staff, "publish")
    rows = list(csv.reader(io.StringIO(downloaded(client.get(reverse("reviews:report-export"))))))
    titles = [row[3] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example","x")' in titles
    assert not any(title.startswith(("=", "+", "-", "@")) for title in titles)
