"""Who is looking: a role and a scope, the one thing the query layer asks before it hands out a programme.

    Viewer.role                 "public", "lc_staff", "region_lead" or "programme_lead"
    Viewer.geos                 the geography codes a region lead covers (US-CT, NLD, IT-45), sorted
    Viewer.programmes           the programme ids a programme lead covers, sorted
    Viewer.who                  who signed in (email or subject), for the audit log and the sidebar
    Viewer.sees_everything      True for the learning community's staff (and the offline admin fallback)
    Viewer.sees_programme(id, geo_code, parent_code)   True when the programme is inside the scope

A region lead's scope holds an area and what lies in it: `USA` covers every US state, `ITA` covers
`IT-45`. Frozen and hashable, so a cached query is cached per viewer. PUBLIC is everyone not signed in
(and everyone signed in without an entry in the access file)."""

from __future__ import annotations

from dataclasses import dataclass

from ipsdash.i18n import _

ROLES = ("lc_staff", "region_lead", "programme_lead")  # what an access file may grant
PUBLIC_ROLE = "public"


@dataclass(frozen=True)
class Viewer:
    """A role and the scope it covers; the default is the public, who see no programme one by one."""

    role: str = PUBLIC_ROLE
    geos: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    who: str = ""

    def __post_init__(self) -> None:
        if self.role != PUBLIC_ROLE and self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")
        # Sorted and deduplicated, so two viewers with one scope are one cache key.
        object.__setattr__(self, "geos", tuple(sorted(set(self.geos))))
        object.__setattr__(self, "programmes", tuple(sorted(set(self.programmes))))

    @property
    def sees_everything(self) -> bool:
        """Every programme, by name, in every area."""
        return self.role == "lc_staff"

    @property
    def is_public(self) -> bool:
        """No programme is in scope (the public view)."""
        return not (self.sees_everything or self.geos or self.programmes)

    def sees_programme(self, programme_id: str, geo_code: str = "", parent_code: str = "") -> bool:
        """True when this programme (in area `geo_code`, itself in `parent_code`) is inside the scope."""
        if self.sees_everything or programme_id in self.programmes:
            return True
        return bool(self.geos) and (geo_code in self.geos or (bool(parent_code) and parent_code in self.geos))

    def describe(self) -> str:
        """'region lead for US-CT', 'learning-community staff', 'the public' (plain text)."""
        if self.sees_everything:
            return _("learning-community staff (every programme)")
        if self.role == "region_lead":
            return _("region lead for {areas}").format(areas=", ".join(self.geos))
        if self.role == "programme_lead":
            return _("programme lead for {programmes}").format(programmes=", ".join(self.programmes))
        return _("the public")


PUBLIC = Viewer()
