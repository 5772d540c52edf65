"""The room follows the presenter on the cluster (setting b), in real Chromium through nginx: every
replica shows the presenter's slide (they share the data folder), a phone through nginx follows, the
published follow page follows through nginx alone, and when the presenter's replica is killed the
presenter's window and its phones carry on from the surviving replica. Needs nginx (as test_cluster)."""

from __future__ import annotations

import os
import signal
import urllib.error

import pytest

from ipsdash.outputs import follow
from tests import harness
from tests.e2e import test_cluster as cluster_tests
from tests.e2e.test_follow_in_chromium import PHONE, open_at, published_shows, shows, start_following

cluster = cluster_tests.cluster  # a cluster of two replicas on a copy of data/, for this module


def test_every_replica_and_the_published_copy_follow_and_a_dead_replica_loses_nothing(cluster, browser, titles):
    follow.end("default", cluster.data_dir)  # whatever a copied data folder held
    presenter, watch = open_at(browser, cluster.url + "/present")
    phones, published = [], None
    try:
        start_following(presenter)
        route = cluster_tests.route_of(presenter)
        presenter_port = int(cluster_tests.replica_of(cluster, route).rsplit(":", 1)[1])
        # A phone on each replica's own port, one through nginx, and one on the published copy.
        for port, _ in cluster.replicas:
            phones.append(open_at(browser, f"http://127.0.0.1:{port}/follow?talk=default", PHONE)[0])
        phones.append(open_at(browser, cluster.url + "/follow?talk=default", PHONE)[0])
        published, published_watch = harness.open_page(browser, PHONE)
        published.goto(cluster.url + "/published/follow.html", wait_until="commit")
        for phone in phones:
            shows(phone, titles[0])
        published_shows(published, titles[0])

        presenter.keyboard.press("ArrowRight")
        shows(presenter, titles[1])
        for phone in phones:
            shows(phone, titles[1])
        published_shows(published, titles[1])
        assert cluster_tests.proxied_requests(cluster)  # the live pages went through nginx...
        published_route = [c["value"] for c in published.context.cookies() if c["name"] == "ipsdash_route"]
        served = [r for r in cluster_tests.proxied_requests(cluster) if r["route"] in published_route]
        assert served == []  # ...the published page never reached a replica
        status, headers, _ = cluster_tests.fetch(cluster.url + "/published/follow/default.json")
        assert status == 200 and headers["Cache-Control"] == "no-store"
        with pytest.raises(urllib.error.HTTPError) as refused:
            cluster_tests.fetch(cluster.url + "/published/follow/default.key")  # the key's digest stays private
        assert refused.value.code == 404

        # The presenter's replica dies: phones elsewhere keep the slide; the presenter's window
        # reconnects to the survivor (its URL holds the key) and steps on; everyone follows.
        presenter.evaluate(cluster_tests.STATE_WATCH)
        os.kill(dict(cluster.replicas)[presenter_port], signal.SIGKILL)
        survivor = next(p for p, _ in cluster.replicas if p != presenter_port)
        on_survivor = phones[[p for p, _ in cluster.replicas].index(survivor)]
        assert on_survivor.locator("h1").inner_text() == titles[1]
        presenter.wait_for_function(cluster_tests.RECONNECTED, timeout=30_000)
        presenter.get_by_role("button", name="Stop: let the room go").wait_for()  # still the room's leader
        harness.wait_until_drawn(presenter, charts=1)
        presenter.get_by_role("button", name="Next ›").click()
        shows(presenter, titles[2])
        for phone in [on_survivor, phones[-1]]:  # the survivor's own phone, and the one through nginx
            shows(phone, titles[2])
        published_shows(published, titles[2])
        assert watch.blocked == [] and published_watch.blocked == []
    finally:
        for page in [presenter, *phones, *([published] if published else [])]:
            page.context.close()
